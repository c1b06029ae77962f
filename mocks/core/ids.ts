import { createRandom, type Random } from './random.js';

/** Makes the ids of one mock instance; the same seed gives the same sequence of ids. */
export interface IdSource {
  uuid(): string;
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Formats 128 random bits as an RFC 9562 version 4 UUID. */
function uuidFrom(random: Random): string {
  const w0 = random.nextUint32();
  const w1 = random.nextUint32();
  const w2 = random.nextUint32();
  const w3 = random.nextUint32();
  // Read byte by byte from a table: ids are made on every import request, and this allocates nothing
  // but the result. Byte 6 carries the version (4), byte 8 the variant (10xx).
  return (
    hex[w0 >>> 24]! +
    hex[(w0 >>> 16) & 0xff]! +
    hex[(w0 >>> 8) & 0xff]! +
    hex[w0 & 0xff]! +
    '-' +
    hex[w1 >>> 24]! +
    hex[(w1 >>> 16) & 0xff]! +
    '-' +
    hex[((w1 >>> 8) & 0x0f) | 0x40]! +
    hex[w1 & 0xff]! +
    '-' +
    hex[((w2 >>> 24) & 0x3f) | 0x80]! +
    hex[(w2 >>> 16) & 0xff]! +
    '-' +
    hex[(w2 >>> 8) & 0xff]! +
    hex[w2 & 0xff]! +
    hex[w3 >>> 24]! +
    hex[(w3 >>> 16) & 0xff]! +
    hex[(w3 >>> 8) & 0xff]! +
    hex[w3 & 0xff]!
  );
}

export function createIdSource(seed: number): IdSource {
  // A stream of its own, so that fault injection draws do not shift the ids.
  const random = createRandom(seed ^ 0x1d5);
  return { uuid: () => uuidFrom(random) };
}
