import { createRandom, type Random } from './random.js';

/** Makes the ids of one mock instance; the same seed gives the same sequence of ids. */
export interface IdSource {
  uuid(): string;
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Formats 128 random bits as an RFC 9562 version 4 UUID. */
export function uuidFrom(random: Random): string {
  const words = [random.nextUint32(), random.nextUint32(), random.nextUint32(), random.nextUint32()];
  const bytes = words.flatMap((w) => [w >>> 24, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff]);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const h = bytes.map((b) => hex[b]).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function createIdSource(seed: number): IdSource {
  // A stream of its own, so that fault injection draws do not shift the ids.
  const random = createRandom(seed ^ 0x1d5);
  return { uuid: () => uuidFrom(random) };
}
