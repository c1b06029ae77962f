import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../contracts/check.js';
import { followJob, isForwardHistory, type JobObservation } from '../../contracts/jobPolling.js';
import type { Problem } from '../../contracts/report.js';

/** Follows a job whose reads answer `states` in turn (the last one repeats); no waiting. */
async function follow(states: Array<string | JobObservation>, timeoutMs = 60_000) {
  const problems: Problem[] = [];
  const context = {
    timeoutMs,
    sleep: () => Promise.resolve(),
    problem: (p: Problem) => void problems.push(p),
  } as unknown as CheckContext;
  let read = 0;
  const final = await followJob(context, {
    label: 'job 42',
    operationId: 'getBackgroundJob',
    pointer: '/status',
    read: () => {
      const next = states[Math.min(read++, states.length - 1)]!;
      return Promise.resolve(typeof next === 'string' ? { status: next } : next);
    },
  });
  // The check runner keeps each distinct problem once; so does this.
  return { final: final?.status ?? null, messages: [...new Set(problems.map((p) => p.message))] };
}

describe('following a job', () => {
  it('accepts queued, processing, complete, and a complete that stays', async () => {
    expect(await follow(['queued', 'processing', 'complete'])).toEqual({ final: 'complete', messages: [] });
  });

  it('accepts a job that fails from the queue', async () => {
    expect(await follow(['queued', 'failed'])).toEqual({ final: 'failed', messages: [] });
  });

  it('reports a job that goes back from complete to processing on a later read', async () => {
    expect((await follow(['processing', 'complete', 'processing'])).messages).toEqual([
      'getBackgroundJob: job 42 went back from complete to processing (seen: processing → complete → processing)',
    ]);
  });

  it('reports a job that goes back from processing to queued', async () => {
    expect((await follow(['processing', 'queued', 'complete'])).messages).toEqual([
      'getBackgroundJob: job 42 went back from processing to queued (seen: processing → queued)',
    ]);
  });

  it('reports a final state that changes', async () => {
    expect((await follow(['complete', 'failed'])).messages).toEqual([
      'getBackgroundJob: job 42 left its final state complete for failed (seen: complete → failed)',
    ]);
  });

  it('reports progress that goes down or past the total', async () => {
    const { messages } = await follow([
      { status: 'processing', processed: 3, total: 4 },
      { status: 'processing', processed: 2, total: 4 },
      { status: 'complete', processed: 5, total: 4 },
    ]);
    expect(messages).toEqual([
      'getBackgroundJob: the progress of job 42 went down from 3 to 2',
      'getBackgroundJob: job 42 processed 5 of a total of 4',
    ]);
  });

  it('reports an unknown status, and gives up at the timeout', async () => {
    expect(await follow(['running'], 0)).toEqual({
      final: null,
      messages: [
        'getBackgroundJob: job 42 has an unknown status',
        'getBackgroundJob: job 42 did not reach complete or failed within 0 s (seen: running)',
      ],
    });
  });
});

describe('a recorded job history', () => {
  it.each([
    [['queued', 'processing', 'complete'], true],
    [['queued', 'processing', 'failed'], true],
    [['queued', 'failed'], true],
    [['processing', 'complete'], false],
    [['queued', 'processing', 'queued'], false],
    [['queued', 'complete', 'failed'], false],
    [['queued', 'queued'], false],
  ])('%j is forward: %s', (history, forward) => {
    expect(isForwardHistory(history)).toBe(forward);
  });
});
