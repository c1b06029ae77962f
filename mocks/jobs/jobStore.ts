import { isoTime } from '../core/clock.js';
import { entryOverheadBytes, MemoryBudget } from '../core/memoryBudget.js';
import { applySteps, type EffectCursor, type EffectTarget, type JobEffects, type RecordRef } from '../state/effects.js';
import { applyingStateAt, jobEndsAt, jobStateAt, type JobPlan, type JobSnapshot } from './jobLifecycle.js';
import { MinHeap } from './minHeap.js';

/** What a job costs for as long as it is kept: its entry and what it retains. */
const keptBytes = (job: Job): number => entryOverheadBytes.job + (job.retainedBytes ?? 0);

export type Vendor = 'thought-industries' | 'stackone' | 'learning-builder';

/** Runs a task soon, after the current one (setTimeout 0 by default; a test may run tasks by hand). */
export type Schedule = (task: () => void) => void;

const defaultSchedule: Schedule = (task) => {
  setTimeout(task, 0);
};

export interface JobStoreOptions {
  /** Finished jobs kept; past it the oldest finished are dropped. */
  maxRetained?: number;
  schedule?: Schedule;
  /** Steps (record writes) of end effects run per slice. */
  stepsPerSlice?: number;
  /** Charged for every job kept and its payload. */
  memory?: MemoryBudget;
  /** Where end effects write, and what a dropped job's `holds` are removed from. */
  target?: EffectTarget;
}

export interface Job {
  id: string;
  vendor: Vendor;
  operationId: string;
  /** The job's type as the vendor names it. */
  type: string;
  description: string;
  dryRun: boolean;
  plan: JobPlan;
  /** Vendor-specific facts the job's readers need (e.g. a Learning Builder batch's settings). */
  details: Record<string, unknown>;
  /** Estimated bytes the job holds until its end effects are applied (an import's rows), for --max-memory. */
  payloadBytes?: number;
  /** Estimated bytes the job keeps for as long as it is kept (a row report in its details), for --max-memory. */
  retainedBytes?: number;
  /** Records that belong to the job and go when it is dropped (a Learning Builder batch). */
  holds?: RecordRef[];
}

/** A job as the store keeps it: plain data, JSON-safe (see exportJobs). */
export interface StoredJob {
  job: Job;
  /** Creation order (an id added again keeps its first place): eviction drops the smallest first. */
  seq: number;
  endsAt: number;
  /** What the job writes when it ends; null once applied (or when it writes nothing). */
  effects: JobEffects | null;
  /** Its end effects are all applied. */
  settled: boolean;
  /** Its end has passed and its effects wait for, or are in, their turn. */
  applying: boolean;
  /** Effect steps done so far, and where the next one is (only while its effects are applied). */
  applied: number;
  cursor: EffectCursor | null;
}

export interface JobView extends Job {
  state: JobSnapshot;
}

const nowhere: EffectTarget = {
  upsert: () => undefined,
  remove: () => undefined,
};

/**
 * Keeps every job of one mock instance, in creation order. Settlement is lazy: whoever reads the
 * store first calls `settle(now)`, which queues the end effects of every job whose end has passed, in
 * the order the jobs ended, so that what a client reads never depends on when a timer fired.
 *
 * Effects (data, mocks/state/effects.ts) run exactly once, in end-time order, a slice of
 * `stepsPerSlice` record writes at a time: the first slice at once (so a small import is stored
 * before its request is answered), the rest in tasks handed to `schedule`, each yielding the event
 * loop to other requests. A job whose effects are not all applied reads as `processing`, however late
 * it is; it reads `complete` once every record it writes can be read. Slices count steps, not time,
 * so the same requests give the same results.
 */
export class JobStore {
  private readonly jobs = new Map<string, StoredJob>();
  /**
   * Jobs whose end effects wait for their end, the first to end on top (then the first created): a
   * scan of every running job whenever one was due cost a sixth of a batch's CPU with 3,000 running.
   */
  private readonly pending = new MinHeap<StoredJob>((a, b) => a.endsAt - b.endsAt || a.seq - b.seq);
  /**
   * Settled jobs, oldest created first, for eviction: a scan in creation order stepped over every job
   * still running in front of the oldest finished one, on every add once --max-jobs was reached (a
   * sixth of a long batch loop). Entries of jobs already dropped or added again are skipped when met.
   */
  private readonly finished = new MinHeap<StoredJob>((a, b) => a.seq - b.seq);
  private nextSeq = 0;
  /** Counts jobs kept, dropped and cleared, so a caller can tell whether a request changed anything. */
  version = 0;
  /** Jobs whose effects are due, in end-time order; the head is being applied. */
  private effects: StoredJob[] = [];
  private effectsHead = 0;
  private scheduled = false;
  /** Bumped by clear(), so that a slice scheduled before it does nothing. */
  private generation = 0;
  private readonly maxRetained: number;
  private readonly schedule: Schedule;
  private readonly stepsPerSlice: number;
  private readonly memory: MemoryBudget;
  private readonly target: EffectTarget;

  constructor(options: JobStoreOptions | number = {}) {
    const resolved = typeof options === 'number' ? { maxRetained: options } : options;
    this.maxRetained = resolved.maxRetained ?? 10_000;
    this.schedule = resolved.schedule ?? defaultSchedule;
    this.stepsPerSlice = resolved.stepsPerSlice ?? 500;
    this.memory = resolved.memory ?? new MemoryBudget(Infinity);
    this.target = resolved.target ?? nowhere;
  }

  /**
   * Drops the oldest finished jobs until `enough()` holds or none is left to drop (running jobs and
   * jobs with effects still to apply are never dropped). Returns how many were dropped.
   */
  dropFinished(now: number, enough: () => boolean): number {
    let dropped = 0;
    while (!enough() && this.dropOldestFinished(now)) dropped += 1;
    this.memory.evictedJobs += dropped;
    return dropped;
  }

  /** Drops the oldest settled job still kept; false when there is none. */
  private dropOldestFinished(now: number): boolean {
    for (let stored = this.finished.pop(); stored; stored = this.finished.pop()) {
      if (this.jobs.get(stored.job.id) !== stored) continue;
      // Settled means ended; a clock set back (a test's) keeps the job until its end comes again.
      if (now < stored.endsAt) {
        this.finished.push(stored);
        return false;
      }
      this.drop(stored);
      return true;
    }
    return false;
  }

  private drop(stored: StoredJob): void {
    this.version += 1;
    this.jobs.delete(stored.job.id);
    this.memory.credit('jobs', keptBytes(stored.job));
    for (const ref of stored.job.holds ?? []) this.target.remove(ref.collection, ref.scope, ref.id);
  }

  /** How many jobs have effects still to apply. */
  get applyingCount(): number {
    return this.effects.length - this.effectsHead;
  }

  get size(): number {
    return this.jobs.size;
  }

  /** Keeps `job`; `effects` are applied once it ends (null: it writes nothing). */
  add(job: Job, effects: JobEffects | null, now: number): void {
    this.keep(job, effects);
    this.settle(now);
    this.evict(now);
  }

  private keep(job: Job, effects: JobEffects | null, restored?: { seq: number; settled: boolean }): StoredJob {
    this.version += 1;
    const replaced = this.jobs.get(job.id);
    // An id added again keeps its first place, as in the Map.
    const seq = restored ? restored.seq : replaced ? replaced.seq : this.nextSeq++;
    const stored: StoredJob = {
      job,
      seq,
      endsAt: jobEndsAt(job.plan),
      effects,
      settled: false,
      applying: false,
      applied: 0,
      cursor: null,
    };
    if (replaced) this.memory.credit('jobs', keptBytes(replaced.job));
    this.jobs.set(job.id, stored);
    this.memory.charge('jobs', keptBytes(job) + (job.payloadBytes ?? 0));
    // A restored job that had settled waits for nothing (the heap orders by seq, so it is set first).
    if (!restored?.settled) this.pending.push(stored);
    return stored;
  }

  /** Whether `settle(now)` would queue the end effects of a job (one has ended by `now` and waits). */
  dueBy(now: number): boolean {
    return (this.pending.peek()?.endsAt ?? Infinity) <= now;
  }

  /** Queues the end effects of every job that has ended by `now`, and applies a first slice of them. */
  settle(now: number): void {
    // Due jobs come off the heap in end-time order (then creation order).
    for (let next = this.pending.peek(); next !== undefined && next.endsAt <= now; next = this.pending.peek()) {
      this.pending.pop();
      next.applying = true;
      this.effects.push(next);
    }
    // While a slice is scheduled, requests leave the work to it and are answered at once.
    if (this.applyingCount > 0 && !this.scheduled) this.runSlice();
  }

  /** Applies up to `stepsPerSlice` steps of queued effects, and schedules the rest. */
  private runSlice(): void {
    let budget = this.stepsPerSlice;
    while (budget > 0 && this.effectsHead < this.effects.length) {
      const stored = this.effects[this.effectsHead]!;
      const list = stored.effects?.[stored.job.plan.failure ? 'failed' : 'complete'] ?? [];
      // A job that writes nothing counts as a step, so that a slice of many such jobs stays bounded.
      if (list.length === 0) budget -= 1;
      const cursor = (stored.cursor ??= { effect: 0, item: 0 });
      const used = applySteps(list, cursor, budget, this.target, isoTime(stored.endsAt), stored.job.id);
      budget -= used;
      stored.applied += used;
      if (cursor.effect >= list.length) this.finish(stored);
    }
    if (this.effectsHead > 1024 && this.effectsHead * 2 > this.effects.length) {
      this.effects = this.effects.slice(this.effectsHead);
      this.effectsHead = 0;
    }
    if (this.applyingCount > 0 && !this.scheduled) {
      this.scheduled = true;
      const generation = this.generation;
      this.schedule(() => {
        if (generation !== this.generation) return;
        this.scheduled = false;
        this.runSlice();
      });
    }
  }

  private finish(stored: StoredJob): void {
    // What the job held is now stored (and charged) elsewhere, or was dropped by a failure; letting
    // go of the effects frees an import's rows while the job itself is kept for polling.
    this.memory.credit('jobs', stored.job.payloadBytes ?? 0);
    stored.effects = null;
    stored.cursor = null;
    stored.settled = true;
    stored.applying = false;
    this.finished.push(stored);
    this.effectsHead += 1;
  }

  /** Applies every queued effect now, without yielding (tests, shutdown, export). */
  flush(now: number): void {
    this.settle(now);
    while (this.applyingCount > 0) this.runSliceNow();
  }

  private runSliceNow(): void {
    const wasScheduled = this.scheduled;
    // A slice already scheduled still runs later and finds nothing to do.
    this.scheduled = true;
    this.runSlice();
    this.scheduled = wasScheduled;
  }

  /** Whether the store still holds the job (finished jobs are dropped past `maxRetained`). */
  has(id: string): boolean {
    return this.jobs.has(id);
  }

  get(id: string, now: number): JobView | undefined {
    this.settle(now);
    const stored = this.jobs.get(id);
    return stored && viewOf(stored, now);
  }

  list(now: number): JobView[] {
    this.settle(now);
    return [...this.jobs.values()].map((s) => viewOf(s, now));
  }

  /**
   * Every job in creation order, as plain data, with every due effect applied first (so no job is
   * half applied): a running job keeps its effects, a settled job has none left.
   */
  exportJobs(now: number): StoredJob[] {
    this.flush(now);
    return [...this.jobs.values()].map((s) => structuredClone(s));
  }

  /** Adds exported jobs (to an empty store), as they were; their effects apply when they end. */
  importJobs(jobs: readonly StoredJob[], now: number): void {
    for (const exported of jobs) {
      // Keeps its place in creation order, so eviction after a restore drops the jobs it would have dropped.
      const stored = this.keep(exported.job, exported.effects, { seq: exported.seq, settled: exported.settled });
      this.nextSeq = Math.max(this.nextSeq, exported.seq + 1);
      if (exported.settled) {
        this.memory.credit('jobs', exported.job.payloadBytes ?? 0);
        stored.effects = null;
        stored.settled = true;
        stored.applied = exported.applied;
        this.finished.push(stored);
      }
    }
    this.settle(now);
  }

  clear(): void {
    this.version += 1;
    for (const stored of this.jobs.values())
      this.memory.credit('jobs', keptBytes(stored.job) + (stored.settled ? 0 : (stored.job.payloadBytes ?? 0)));
    this.jobs.clear();
    this.pending.clear();
    this.finished.clear();
    this.nextSeq = 0;
    this.effects = [];
    this.effectsHead = 0;
    this.scheduled = false;
    this.generation += 1;
  }

  /** Keeps at most `maxRetained` jobs: the oldest terminal jobs go first; running jobs are never dropped. */
  private evict(now: number): void {
    while (this.jobs.size > this.maxRetained && this.dropOldestFinished(now));
  }
}

/** The job and its state at `now`, field by field: a spread of the job cost more than the rest of a job read's lookup. */
function viewOf(stored: StoredJob, now: number): JobView {
  const { job } = stored;
  const view: JobView = {
    id: job.id,
    vendor: job.vendor,
    operationId: job.operationId,
    type: job.type,
    description: job.description,
    dryRun: job.dryRun,
    plan: job.plan,
    details: job.details,
    state: stateOf(stored, now),
  };
  if (job.payloadBytes !== undefined) view.payloadBytes = job.payloadBytes;
  if (job.retainedBytes !== undefined) view.retainedBytes = job.retainedBytes;
  if (job.holds !== undefined) view.holds = job.holds;
  return view;
}

function stateOf(stored: StoredJob, now: number): JobSnapshot {
  return stored.applying ? applyingStateAt(stored.job.plan, now, stored.applied) : jobStateAt(stored.job.plan, now);
}
