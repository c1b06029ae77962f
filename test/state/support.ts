import { createManualClock } from '../../mocks/core/clock.js';
import { MemoryBudget } from '../../mocks/core/memoryBudget.js';
import { planJob, type JobFailure } from '../../mocks/jobs/jobLifecycle.js';
import type { Job } from '../../mocks/jobs/jobStore.js';
import type { JobEffects, RecordWrite, UpsertEffect } from '../../mocks/state/effects.js';
import { createMemoryState } from '../../mocks/state/instanceState.js';

/** An in-memory instance state on a manual clock, whose scheduled slices run only when the test says. */
export function memoryState(options: { stepsPerSlice?: number; maxJobs?: number; memoryLimit?: number } = {}) {
  const tasks: Array<() => void> = [];
  const clock = createManualClock();
  const memory = new MemoryBudget(options.memoryLimit ?? Infinity);
  const state = createMemoryState({ clock, seed: 7, memory, schedule: (task) => tasks.push(task), ...options });
  const runScheduled = () => {
    let ran = 0;
    while (tasks.length > 0) {
      tasks.shift()!();
      ran += 1;
    }
    return ran;
  };
  return { state, clock, memory, tasks, runScheduled };
}

/** A job that queues for `queuedMs` and processes `rows` rows at 1 ms a row. */
export function job(
  id: string,
  createdAt: number,
  rows: number,
  options: { queuedMs?: number; failure?: JobFailure; payloadBytes?: number } = {},
): Job {
  const plan = planJob({
    createdAt,
    rows,
    timing: { mode: 'realistic', baseDelayMs: options.queuedMs ?? 0, perRowMs: 1 },
    failure: options.failure ?? null,
  });
  return {
    id,
    vendor: 'thought-industries',
    operationId: 'bulkImportCourseGroupWebinars',
    type: 'test',
    description: `job ${id}`,
    dryRun: false,
    plan,
    details: {},
    ...(options.payloadBytes !== undefined && { payloadBytes: options.payloadBytes }),
  };
}

/** `count` rows keyed `<prefix>-<i>`, each with a title. */
export function rows(prefix: string, count: number, title = 'A title'): RecordWrite[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-id-${i}`,
    key: `${prefix}-${i}`,
    fields: { externalId: `${prefix}-${i}`, title },
  }));
}

export function upsert(
  records: RecordWrite[],
  match: UpsertEffect['match'] = 'key',
  collection = 'test.webinars',
  scope = '',
): UpsertEffect {
  return { kind: 'upsert', collection, scope, match, records };
}

export const onComplete = (...effects: UpsertEffect[]): JobEffects => ({ complete: effects });
