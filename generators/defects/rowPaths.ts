import type { Random } from '../../mocks/core/random.js';
import { fieldName } from '../schema/rowSchema.js';

/** Where one field of one row lives: the object that holds it, its key, and its name in reports. */
export interface FieldSlot {
  holder: Record<string, unknown>;
  key: string;
  /** `categories[1].hierarchy.value`, as the mock names the field. */
  name: string;
}

/**
 * Finds the field a schema path names in a row. A `*` picks one element of an array at random
 * (an empty or absent array: no slot). With `create`, absent objects on the way are added, so a
 * defect can set a field of an optional object (`level.value`); without it, an absent one means
 * no slot.
 */
export function locateField(
  row: Record<string, unknown>,
  path: readonly string[],
  random: Random,
  create: boolean,
): FieldSlot | null {
  let holder: unknown = row;
  const concrete: Array<string | number> = [];
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (key === '*') {
      if (!Array.isArray(holder) || holder.length === 0) return null;
      const at = random.int(0, holder.length - 1);
      concrete.push(at);
      holder = holder[at];
      continue;
    }
    if (!isObject(holder)) return null;
    if (holder[key] === undefined || holder[key] === null) {
      if (!create || path[i + 1] === '*') return null;
      holder[key] = {};
    }
    concrete.push(key);
    holder = holder[key];
  }
  const key = path[path.length - 1]!;
  if (!isObject(holder)) return null;
  return { holder, key, name: fieldName([...concrete, key]) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
