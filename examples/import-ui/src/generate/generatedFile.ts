// bulkmock's generators, as an application imports them (`bulkmock/generators` runs in a browser;
// only `bulkmock/generators/node` writes files). Loaded on demand: the fakers' locales are large.
import { defectTypes, fixtureText, kinds, type DefectName, type GeneratorKind } from 'bulkmock/generators';
import type { ImportFile } from '../kinds/importKind.js';
import type { CountLimit, GeneratorSettings } from './generatorSettings.js';

/** The page's own cap: a file to look at and send from a page, not a load test (`bulkmock generate` makes millions). */
const pageLimit = 5000;

/** One row the generator broke on purpose, as it recorded it. */
export interface InjectedDefect {
  /** 0-based position of the row in the file. */
  index: number;
  defect: DefectName;
  /** The field it broke, named as the mock names it (`categories[0].name`). */
  field: string;
  /** What the defect is, in words. */
  description: string;
}

export interface GeneratedFile extends ImportFile {
  kind: GeneratorKind;
  settings: GeneratorSettings;
  injected: InjectedDefect[];
}

/** How many entries of a kind the page generates: its cap, or less when one request of the vendor takes fewer. */
export function countLimit(kind: GeneratorKind): CountLimit {
  // The batch size is the spec's maxItems for request bodies (100 StackOne items, 500 templates).
  const { batchSize } = kinds[kind];
  if (batchSize < pageLimit) return { max: batchSize, why: 'the most one request takes' };
  return { max: pageLimit, why: 'the most this page generates; use bulkmock generate for more' };
}

/**
 * Generates a file exactly as `bulkmock generate <kind>` does (the same rows, defects and encoder, in
 * the kind's own format), in memory, with the generator's list of the rows it broke (its
 * `.expected.json` sidecar).
 */
export async function generateFile(kind: GeneratorKind, settings: GeneratorSettings): Promise<GeneratedFile> {
  const { text, expected, summary } = await fixtureText({ kind, ...settings });
  const injected: InjectedDefect[] = expected.defects.map(({ index, defect, field }) => ({
    index,
    defect,
    field,
    description: defectTypes[defect].description,
  }));
  return { name: `${kind}-${settings.count}-seed${settings.seed}.${summary.format}`, text, kind, settings, injected };
}
