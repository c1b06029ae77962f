/** A whole-number option of a bench script, from 1 to `max`; throws a message naming the flag otherwise. */
export function positiveInteger(name: string, value: string | undefined, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`--${name} must be a whole number from 1 to ${max}, got ${value}`);
  return n;
}
