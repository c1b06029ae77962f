import { checkDefectsPossible, createDefectInjector, type Defect } from './defects/defectInjector.js';
import type { DefectName } from './defects/defectTypes.js';
import type { GeneratorKind } from './kinds/kindDefinition.js';
import { kinds, type RowTypes } from './kinds/kindRegistry.js';

export interface GenerateOptions {
  /** How many rows. */
  count: number;
  /** Any integer; the same seed and options give the same rows. */
  seed: number;
  /** Share of rows (0 to 1) that carry a defect; exactly round(count x rate) of them when possible. Default 0. */
  invalidRate?: number;
  /** Restrict the defects to these (default: every defect the kind can carry). */
  defects?: readonly DefectName[];
}

/** A row that validates against the spec: typed by the generated type of the row schema. */
export interface ValidRow<T> {
  /** 0-based position in the output. */
  index: number;
  value: T;
  defect?: undefined;
}

/** A row broken on purpose: no longer of the row type, and carrying what was broken. */
export interface InvalidRow {
  index: number;
  value: Record<string, unknown>;
  defect: Defect;
}

export type GeneratedRow<T> = ValidRow<T> | InvalidRow;

/**
 * The rows of a kind, one at a time: memory stays flat for any count. Iterating twice generates
 * the same rows twice.
 */
export function generateRows<K extends GeneratorKind>(
  kind: K,
  options: GenerateOptions,
): Iterable<GeneratedRow<RowTypes[K]>> {
  checkOptions(options);
  const definition = kinds[kind];
  if (options.defects) checkDefectsPossible(definition, options.defects);
  return {
    *[Symbol.iterator]() {
      const build = definition.createRows(options.seed);
      const inject = createDefectInjector(definition, {
        seed: options.seed,
        count: options.count,
        invalidRate: options.invalidRate ?? 0,
        ...(options.defects && { defects: options.defects }),
      });
      for (let index = 0; index < options.count; index++) {
        const value = build(index);
        const broken = inject(index, value);
        yield broken ? { index, value: broken.value, defect: broken.defect } : { index, value };
      }
    },
  };
}

function checkOptions({ count, seed, invalidRate = 0 }: GenerateOptions): void {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number of 0 or more, got ${count}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(invalidRate >= 0 && invalidRate <= 1))
    throw new RangeError(`invalidRate must be between 0 and 1, got ${invalidRate}`);
}
