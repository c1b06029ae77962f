/**
 * JSON pointers (RFC 6901): `/paths/~1jobs~1{id}/get` names the keys `paths`, `/jobs/{id}`, `get`.
 * `~` is written `~0` and `/` is written `~1` inside a key. Every part of bulkmock that builds or
 * reads a pointer, into a spec or into a value, goes through these functions.
 */

/** Escapes a key for use as one segment of a pointer (`a/b` -> `a~1b`). */
export function escapeSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Reads one segment of a pointer back into its key (`a~1b` -> `a/b`); `~1` is undone before `~0`. */
export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The pointer of a list of keys: `''` for none (the whole value), else `/k1/k2`. */
export function formatPointer(keys: ReadonlyArray<string | number>): string {
  return keys.map((key) => `/${escapeSegment(String(key))}`).join('');
}

/** The keys a pointer names; `''` names the whole value. Throws on text that is not a pointer. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new Error(`"${pointer}" is not a JSON pointer (it must be empty or start with /)`);
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** The value at a list of keys, or undefined where the path does not lead. */
export function valueAtKeys(value: unknown, keys: readonly string[]): unknown {
  let node = value;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The value at a pointer (`/items/2/title`), or undefined where the path does not lead. */
export function valueAtPointer(value: unknown, pointer: string): unknown {
  return valueAtKeys(value, parsePointer(pointer));
}

/** `/items/2/title` -> `items[2].title`, the way error messages name a field; the root -> null. */
export function pointerToField(pointer: string): string | null {
  if (pointer === '') return null;
  return parsePointer(pointer).reduce(
    (acc, key) => (/^\d+$/.test(key) ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key),
    '',
  );
}
