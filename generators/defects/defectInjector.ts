import type { Random } from '../../mocks/core/random.js';
import type { KindDefinition } from '../kinds/kindDefinition.js';
import { streamRandom } from '../random/seedStreams.js';
import {
  defectNames,
  defectTypes,
  type DefectContext,
  type DefectName,
  type DefectTarget,
  type DefectType,
} from './defectTypes.js';

/** The defect a row was given, and the field it broke (`title`, `categories[0].name`). */
export interface Defect {
  name: DefectName;
  field: string;
}

export interface DefectOptions {
  seed: number;
  count: number;
  /** Share of rows (0 to 1) to break; the generator breaks exactly round(count x rate) when it can. */
  invalidRate: number;
  /** Only these defects (default: every defect the kind can carry). */
  defects?: readonly DefectName[];
}

/** Remembered keys of recent valid rows; a duplicate repeats one of them. */
const recentKeyCount = 16;

/** The defects a kind can carry: those that find a field to break in its row schema, in catalogue order. */
export function defectsOf(kind: KindDefinition): DefectName[] {
  return defectNames.filter((name) => defectTypes[name].targets(kind).length > 0);
}

/** Throws a RangeError naming the defects a kind cannot carry, and those it can. */
export function checkDefectsPossible(kind: KindDefinition, names: readonly string[]): void {
  const possible = defectsOf(kind);
  const impossible = names.filter((name) => !(possible as string[]).includes(name));
  if (impossible.length > 0) {
    throw new RangeError(
      `${kind.name} rows cannot carry the defect${impossible.length > 1 ? 's' : ''} ${impossible.join(', ')}; they can carry ${possible.join(', ')}`,
    );
  }
}

/**
 * Decides which rows to break and breaks them. Rows are chosen by selection sampling (each row is
 * taken with probability needed / remaining), which gives exactly the requested number of invalid
 * rows, spread over the whole file, in one pass and constant memory. A chosen row gets a defect
 * drawn at random among those that apply to it; if none applies (a duplicate before any valid row),
 * it stays valid and a later row is chosen instead. Defects draw from their own random stream, so
 * the valid rows are the same whatever the rate.
 *
 * Returns a function to call with every row in order: it returns the broken copy of the row and its
 * defect, or null for a row left valid.
 */
export function createDefectInjector(kind: KindDefinition, options: DefectOptions) {
  const chosen = options.defects ?? defectsOf(kind);
  checkDefectsPossible(kind, chosen);
  const catalogue = chosen.map((name) => ({ type: defectTypes[name], targets: defectTypes[name].targets(kind) }));

  const random = streamRandom(options.seed, `defects:${kind.name}`);
  const wanted = Math.round(options.count * options.invalidRate);
  const recentKeys: string[] = [];
  let nextSlot = 0;
  let made = 0;
  let batch = -1;
  const context: DefectContext = {
    kind,
    random,
    earlierKey: () => (recentKeys.length > 0 ? random.pick(recentKeys) : null),
  };

  return (index: number, row: object): { value: Record<string, unknown>; defect: Defect } | null => {
    const rowBatch = Math.floor(index / kind.batchSize);
    if (rowBatch !== batch) {
      batch = rowBatch;
      recentKeys.length = 0;
      nextSlot = 0;
    }
    const needed = wanted - made;
    if (needed > 0 && random.next() * (options.count - index) < needed) {
      // A copy: rows may share nested objects with the generator's pools, which must stay intact.
      const broken = structuredClone(row) as Record<string, unknown>;
      const defect = breakRow(broken, catalogue, context);
      if (defect) {
        made++;
        return { value: broken, defect };
      }
    }
    const key = (row as Record<string, unknown>)[kind.key];
    if (typeof key === 'string') {
      recentKeys[nextSlot] = key;
      nextSlot = (nextSlot + 1) % recentKeyCount;
    }
    return null;
  };
}

function breakRow(
  row: Record<string, unknown>,
  catalogue: ReadonlyArray<{ type: DefectType; targets: DefectTarget[] }>,
  context: DefectContext,
): Defect | null {
  for (const { type, targets } of shuffled(catalogue, context.random)) {
    for (const target of shuffled(targets, context.random)) {
      const field = type.apply(row, target, context);
      if (field !== null) return { name: type.name, field };
    }
  }
  return null;
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
