// The browser-safe modules of generators/, taken by path: the package entry `bulkmock/generators`
// also exports the file sinks, which import node:fs and node:events, and `fixtureText` counts bytes
// with Node's Buffer, so neither can run in a page. Loaded on demand: the fakers' locales are large.
import { defectTypes, type DefectName } from '../../../../generators/defects/defectTypes.js';
import { generateRows } from '../../../../generators/generateRows.js';
import type { GeneratorKind } from '../../../../generators/kinds/kindDefinition.js';
import { kinds } from '../../../../generators/kinds/kindRegistry.js';
import { createRowEncoder } from '../../../../generators/output/rowEncoders.js';
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
 * Generates a file the way `bulkmock generate <kind>` does (the same rows, defects and encoder, in the
 * kind's own format), in memory, with the generator's list of the rows it broke.
 */
export function generateFile(kind: GeneratorKind, settings: GeneratorSettings): GeneratedFile {
  const definition = kinds[kind];
  const format = definition.defaultFormat;
  const encoder = createRowEncoder(definition, format, settings.count);
  const pieces = [encoder.header];
  const injected: InjectedDefect[] = [];
  for (const row of generateRows(kind, settings)) {
    pieces.push(encoder.row(row.value, row.index));
    if (row.defect) injected.push({ index: row.index, defect: row.defect.name, field: row.defect.field, description: defectTypes[row.defect.name].description });
  }
  pieces.push(encoder.footer);
  return { name: `${kind}-${settings.count}-seed${settings.seed}.${format}`, text: pieces.join(''), kind, settings, injected };
}
