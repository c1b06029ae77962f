import { formatBytes } from './memoryBudget.js';
import type { MockResponse } from './mockResponse.js';
import type { MockState } from './simulator.js';

/**
 * Makes room for a write of `bytes` under --max-memory: the oldest finished jobs (and what they
 * hold, such as a Learning Builder batch) are dropped first, as --max-jobs does. Returns null when
 * the write may proceed, or the message of the refusal (the vendor's 503, or 507 on the control API)
 * when even that is not enough. Nothing accepted earlier is dropped otherwise.
 */
export function admitWrite(state: MockState, bytes: number, now: number): string | null {
  const { memory } = state;
  if (memory.fits(bytes)) return null;
  state.jobs.dropFinished(now, () => memory.fits(bytes));
  if (memory.fits(bytes)) return null;
  return `bulkmock keeps at most ${formatBytes(memory.limitBytes)} (--max-memory) and holds ${formatBytes(memory.usedBytes)}; this write needs about ${formatBytes(bytes)} more. Nothing was stored: read what you need, POST /__bulkmock/reset, or start the mock with a larger --max-memory`;
}

/** A 503 for a full mock carries Retry-After, as every documented 503 does. */
export function retryLater(response: MockResponse): MockResponse {
  return { ...response, headers: { ...response.headers, 'retry-after': '30' } };
}
