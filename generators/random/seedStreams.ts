import { createRandom, type Random } from '../../mocks/core/random.js';

/**
 * Derives the seed of one named stream from the user's seed. Every part of a fixture (each pool,
 * the rows, the defects) draws from its own stream, so that adding defects or a pool entry never
 * shifts the values of anything else: the valid rows of `--invalid-rate 0.1` are the rows of
 * `--invalid-rate 0` with the same seed.
 */
export function streamSeed(seed: number, stream: string): number {
  // FNV-1a over the stream name, mixed with the seed by a murmur3 finalizer.
  let h = 0x811c9dc5;
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193);
  h ^= seed >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The seeded sfc32 generator of one named stream. */
export function streamRandom(seed: number, stream: string): Random {
  return createRandom(streamSeed(seed, stream));
}

/** Draws `true` with the given probability. */
export function chance(random: Random, probability: number): boolean {
  return random.next() < probability;
}

/** Draws `min` to `max` distinct items (fewer when the list is shorter), in the order drawn. */
export function sample<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
  const wanted = Math.min(items.length, random.int(min, max));
  const pool = [...items];
  const chosen: T[] = [];
  for (let i = 0; i < wanted; i++) {
    const at = random.int(0, pool.length - 1);
    chosen.push(pool[at] as T);
    pool[at] = pool[pool.length - 1] as T;
    pool.pop();
  }
  return chosen;
}
