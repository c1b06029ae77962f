import type { Clock } from '../core/clock.js';
import type { IdSource } from '../core/ids.js';
import type { MemoryBudget } from '../core/memoryBudget.js';
import type { JobView, Job, StoredJob } from '../jobs/jobStore.js';
import { JobStore, type Schedule } from '../jobs/jobStore.js';
import { MemoryAssetTable, type AssetTable } from './assetTable.js';
import type { JobEffects } from './effects.js';
import { createPositionedIds } from './positionedIds.js';
import { MemoryRecordCollections, type RecordCollections } from './recordCollections.js';

/**
 * The jobs of one mock instance. A job's end effects are data (./effects.ts), applied by the table
 * exactly once, in end-time order; a job reads `processing` until every record it writes is readable.
 */
export interface JobTable {
  add(job: Job, effects: JobEffects | null, now: number): void;
  get(id: string, now: number): JobView | undefined;
  list(now: number): JobView[];
  has(id: string): boolean;
  readonly size: number;
  /** Queues the effects of every job ended by `now` and applies what is due (called on every request). */
  settle(now: number): void;
  /** Whether `settle(now)` would queue a job's end effects (a replica logs that settlement first: issue 17). */
  dueBy(now: number): boolean;
  /** Applies every due effect at once (tests, shutdown, export). */
  flush(now: number): void;
  /** Drops the oldest finished jobs (and what they hold) until `enough()`, for --max-memory. */
  dropFinished(now: number, enough: () => boolean): number;
  exportJobs(now: number): StoredJob[];
  importJobs(jobs: readonly StoredJob[], now: number): void;
  clear(): void;
  /** Counts jobs kept, dropped and cleared (a change counter, see RecordCollections.version). */
  readonly version: number;
}

/**
 * Everything one mock instance holds, as plain data behind one interface: jobs (with their effects),
 * named record collections, assets, the id source's position and the clock. Simulators read and
 * write only through it, so that another store (a snapshot file, Redis: issue 17) can stand behind
 * the same interface without a change to them.
 *
 * Today's methods answer synchronously (the in-memory store, at today's speed). A store that is not
 * in this process answers later: for it, the reads and writes a handler makes (jobs.add/get/list/has,
 * records.*, assets.get/put) become awaitable, and a handler draws its ids after its reads, so that
 * interleaved requests still draw ids in request order. settle/flush/clear are the core's, not the
 * handlers', and may become awaitable without touching a simulator.
 */
export interface InstanceState {
  jobs: JobTable;
  records: RecordCollections;
  assets: AssetTable;
  ids: IdSource;
  clock: Clock;
}

export interface MemoryStateOptions {
  clock: Clock;
  seed: number;
  memory: MemoryBudget;
  maxJobs?: number;
  schedule?: Schedule;
  stepsPerSlice?: number;
  /** Assets available from the start; they survive a reset. */
  assets?: Record<string, Uint8Array | string>;
}

/** The in-memory instance state: maps in this process, as fast as today's stores. */
export function createMemoryState(options: MemoryStateOptions): InstanceState {
  const records = new MemoryRecordCollections(options.memory);
  return {
    jobs: new JobStore({
      memory: options.memory,
      target: records,
      ...(options.maxJobs !== undefined && { maxRetained: options.maxJobs }),
      ...(options.schedule && { schedule: options.schedule }),
      ...(options.stepsPerSlice !== undefined && { stepsPerSlice: options.stepsPerSlice }),
    }),
    records,
    assets: new MemoryAssetTable(options.assets, options.memory),
    ids: createPositionedIds(options.seed),
    clock: options.clock,
  };
}

/** Forgets what was made at run time (jobs, effects still to apply, records, uploads); preloaded assets stay. */
export function clearInstanceState(state: InstanceState): void {
  state.jobs.clear();
  state.records.clear();
  state.assets.clearUploads();
}
