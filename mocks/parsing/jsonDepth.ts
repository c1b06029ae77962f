/**
 * How deeply a JSON request body, or one JSON Lines record, may nest objects and arrays. Deeper
 * values are refused when they arrive: the mock stores bodies and serializes them back in answers
 * (records, batch details), and serializing a value thousands of levels deep exhausts the stack.
 */
export const maxJsonDepth = 64;

/**
 * True when a parsed JSON value nests objects and arrays more than `limit` levels deep (a scalar is
 * 0 levels, `{}` and `[]` are 1). Walks the value with its own stack, so any depth is safe to measure.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[node: object, depth: number]> = typeof value === 'object' && value !== null ? [[value, 1]] : [];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * False when a JSON text (as UTF-8 bytes) cannot nest more than `limit` levels: it has no more than
 * `limit` opening brackets and braces, counting those inside strings too. Counting stops past the
 * limit, so a usual body is never walked again once parsed.
 */
export function mayNestDeeperThan(text: Uint8Array, limit: number): boolean {
  let seen = 0;
  for (const opening of [0x7b, 0x5b]) {
    for (let i = text.indexOf(opening); i !== -1; i = text.indexOf(opening, i + 1)) if (++seen > limit) return true;
  }
  return false;
}
