import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonLines } from '../../mocks/parsing/parseJsonLines.js';
import { Utf8PieceDecoder } from '../../mocks/parsing/utf8Pieces.js';

const encoder = new TextEncoder();

function decodeAll(chunks: Uint8Array[]): string[] {
  const decoder = new Utf8PieceDecoder();
  const pieces: string[] = [];
  for (const chunk of chunks) pieces.push(...decoder.decode(chunk));
  pieces.push(decoder.end());
  return pieces;
}

/** Cuts `bytes` at the given offsets (sorted, deduplicated, within range). */
function cut(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

describe('UTF-8 piece decoder', () => {
  it('gives back any text, however the bytes are cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (text, offsets) => {
          expect(decodeAll(cut(encoder.encode(text), offsets)).join('')).toBe(text);
        },
      ),
    );
  });

  it('splits a large chunk into pieces of at most 64 KiB without cutting a character', () => {
    const text = 'é€😀a'.repeat(30_000);
    const pieces = decodeAll([encoder.encode(text)]);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(encoder.encode(piece).length).toBeLessThanOrEqual(64 * 1024);
    expect(pieces.join('')).toBe(text);
  });

  it('refuses invalid bytes, and a stream that ends inside a character', () => {
    expect(() => decodeAll([Uint8Array.of(0x61, 0xff, 0x62)])).toThrow(TypeError);
    expect(() => decodeAll([Uint8Array.of(0x61, 0xe2, 0x82)])).toThrow(TypeError);
    expect(() => decodeAll([Uint8Array.of(0xed, 0xa0, 0x80)])).toThrow(TypeError);
  });
});

describe('JSON Lines over the piece decoder', () => {
  /** The body as an adapter hands it over: an async iterable of chunks. */
  function chunksOf(...chunks: Uint8Array[]): AsyncIterable<Uint8Array> {
    return (async function* () {
      for (const chunk of chunks) yield await Promise.resolve(chunk);
    })();
  }

  it('names the line that holds invalid UTF-8, wherever the chunks are cut', async () => {
    const good = encoder.encode('{"a":1}\n{"b":"é"}\n');
    const bad = Uint8Array.of(...encoder.encode('{"c":"'), 0xff, ...encoder.encode('"}\n'));
    await expect(parseJsonLines(chunksOf(good, bad), { maxLineLength: 1000 })).rejects.toMatchObject({ line: 3 });
    const whole = new Uint8Array([...good, ...bad]);
    await expect(parseJsonLines(chunksOf(whole), { maxLineLength: 1000 })).rejects.toMatchObject({ line: 3 });
  });

  it('reads a record whose character is cut between two chunks', async () => {
    const bytes = encoder.encode('{"name":"😀"}\n');
    const result = await parseJsonLines(chunksOf(bytes.subarray(0, 11), bytes.subarray(11)), { maxLineLength: 1000 });
    expect(result.records).toEqual([{ line: 1, value: { name: '😀' } }]);
  });
});
