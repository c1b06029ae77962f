/**
 * Writing a large JSON answer (a dry run of 100,000 rows answers about 50 MB) as one string holds
 * the string and its encoded bytes at once, on top of the value itself. These helpers let the HTTP
 * adapter serialize such a value piece by piece instead, with the same text as JSON.stringify.
 */

/** Whether the value holds an array long enough to be worth streaming (looked for near the top only). */
export function holdsLongArray(value: unknown, minLength = 2_000, depth = 4): boolean {
  if (Array.isArray(value))
    return (
      value.length >= minLength || (depth > 0 && value.slice(0, 8).some((v) => holdsLongArray(v, minLength, depth - 1)))
    );
  if (!isPlainObject(value) || depth === 0) return false;
  for (const key in value) if (holdsLongArray(value[key], minLength, depth - 1)) return true;
  return false;
}

/**
 * The JSON text of a value in pieces of at least `pieceSize` characters (and at most one batch of
 * 256 array items more); joined, they equal JSON.stringify(value). Plain objects and short arrays
 * near the top are walked; the items of a long array, and anything else, are serialized by
 * JSON.stringify, so its rules (undefined, NaN, toJSON) still apply.
 */
export function* jsonPieces(value: unknown, pieceSize = 1 << 16, depth = 4): Generator<string> {
  const batchSize = 256;
  const parts: string[] = [];
  const take = () => {
    const piece = parts.join('');
    parts.length = 0;
    return piece;
  };
  let size = 0;
  const emit = (text: string) => {
    parts.push(text);
    size += text.length;
  };
  function* walk(node: unknown, level: number): Generator<string> {
    if (Array.isArray(node) && (node.length >= 64 || level === 0)) {
      // A long array is serialized a batch of items at a time: one JSON.stringify call per batch
      // measured about 30% faster than one per item, and JSON.stringify writes null for what it
      // cannot write inside an array, as it would for the whole.
      emit('[');
      for (let i = 0; i < node.length; i += batchSize) {
        const batch = JSON.stringify(node.slice(i, i + batchSize));
        emit(i === 0 ? batch.slice(1, -1) : `,${batch.slice(1, -1)}`);
        if (size >= pieceSize) {
          size = 0;
          yield take();
        }
      }
      emit(']');
    } else if (Array.isArray(node)) {
      emit('[');
      for (let i = 0; i < node.length; i++) {
        if (i > 0) emit(',');
        const item: unknown = node[i];
        // As JSON.stringify does inside an array: what it cannot write becomes null.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') emit('null');
        else yield* walk(item, level - 1);
      }
      emit(']');
    } else if (level > 0 && isPlainObject(node) && typeof node.toJSON !== 'function') {
      emit('{');
      let first = true;
      for (const key in node) {
        const item = node[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        emit(`${first ? '' : ','}${JSON.stringify(key)}:`);
        first = false;
        yield* walk(item, level - 1);
      }
      emit('}');
    } else {
      emit(JSON.stringify(node) ?? 'null');
    }
  }
  yield* walk(value, depth);
  const last = take();
  if (last) yield last;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
