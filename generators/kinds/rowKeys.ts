import { streamSeed } from '../random/seedStreams.js';

/**
 * Three letters and digits that mark the fixtures of one seed (`K3Q`), so that the keys of two
 * seeds differ and importing both into one mock creates records instead of updating them.
 */
export function batchTag(seed: number): string {
  return (streamSeed(seed, 'batch-tag') % 36 ** 3).toString(36).toUpperCase().padStart(3, '0');
}

/** `WEB-K3Q-000042`: unique within a fixture because the row number is part of it. */
export function rowKey(prefix: string, tag: string, index: number): string {
  const number = String(index + 1);
  return `${prefix}-${tag}-${number.length >= 6 ? number : '000000'.slice(number.length) + number}`;
}
