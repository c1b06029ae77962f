import { isTerminal, jobEndsAt, jobStateAt, type JobPlan, type JobSnapshot } from './jobLifecycle.js';

export type Vendor = 'thought-industries' | 'stackone' | 'learning-builder';

/** What happens when a job reaches its end (at `endedAt`): a completed import persists what it imported. */
export type JobSettlement = (outcome: 'complete' | 'failed', endedAt: number) => void;

export interface Job {
  id: string;
  vendor: Vendor;
  operationId: string;
  /** The job's type as the vendor names it. */
  type: string;
  description: string;
  dryRun: boolean;
  plan: JobPlan;
  /** Vendor-specific facts the job's readers need (e.g. a Learning Builder batch's records). */
  details: Record<string, unknown>;
}

interface StoredJob {
  job: Job;
  endsAt: number;
  settle: JobSettlement | null;
  settled: boolean;
}

export interface JobView extends Job {
  state: JobSnapshot;
}

/**
 * Keeps every job of one mock instance, in creation order. Settlement is lazy: whoever reads the
 * store first calls `settle(now)`, which runs the end effects of every job whose end has passed, in
 * the order the jobs ended, so that what a client reads never depends on when a timer fired.
 */
export class JobStore {
  private readonly jobs = new Map<string, StoredJob>();
  private pending: StoredJob[] = [];
  /** The earliest end among pending jobs: settle runs on every request and usually has nothing to do. */
  private nextEnd = Infinity;
  /**
   * Ids in creation order from `oldest` on, for eviction: scanning the Map from its start would step
   * over every entry deleted since its last rehash, thousands per add once --max-jobs is reached.
   * Ids of jobs already dropped are skipped as the scan meets them.
   */
  private order: string[] = [];
  private oldest = 0;

  constructor(private readonly maxRetained: number = 10_000) {}

  get size(): number {
    return this.jobs.size;
  }

  add(job: Job, settle: JobSettlement | null, now: number): void {
    const stored: StoredJob = { job, endsAt: jobEndsAt(job.plan), settle, settled: false };
    // An id added again keeps its first place, as in the Map.
    if (!this.jobs.has(job.id)) this.order.push(job.id);
    this.jobs.set(job.id, stored);
    this.pending.push(stored);
    this.nextEnd = Math.min(this.nextEnd, stored.endsAt);
    this.settle(now);
    this.evict(now);
  }

  /** Runs the end effects of every job that has ended by `now`. */
  settle(now: number): void {
    if (this.pending.length === 0 || now < this.nextEnd) return;
    const due = this.pending.filter((s) => s.endsAt <= now);
    this.pending = this.pending.filter((s) => s.endsAt > now);
    this.nextEnd = this.pending.reduce((earliest, s) => Math.min(earliest, s.endsAt), Infinity);
    due.sort((a, b) => a.endsAt - b.endsAt);
    for (const stored of due) {
      stored.settled = true;
      // A settlement runs once; letting go of it frees what it holds (an import's rows) while the
      // job itself is kept for polling.
      const settlement = stored.settle;
      stored.settle = null;
      settlement?.(stored.job.plan.failure ? 'failed' : 'complete', stored.endsAt);
    }
  }

  /** Whether the store still holds the job (finished jobs are dropped past `maxRetained`). */
  has(id: string): boolean {
    return this.jobs.has(id);
  }

  get(id: string, now: number): JobView | undefined {
    this.settle(now);
    const stored = this.jobs.get(id);
    return stored && { ...stored.job, state: jobStateAt(stored.job.plan, now) };
  }

  list(now: number): JobView[] {
    this.settle(now);
    return [...this.jobs.values()].map((s) => ({ ...s.job, state: jobStateAt(s.job.plan, now) }));
  }

  clear(): void {
    this.jobs.clear();
    this.pending = [];
    this.nextEnd = Infinity;
    this.order = [];
    this.oldest = 0;
  }

  /** Keeps at most `maxRetained` jobs: the oldest terminal jobs go first; running jobs are never dropped. */
  private evict(now: number): void {
    if (this.jobs.size <= this.maxRetained) return;
    for (let i = this.oldest; i < this.order.length && this.jobs.size > this.maxRetained; i++) {
      const id = this.order[i]!;
      const stored = this.jobs.get(id);
      if (stored && stored.settled && isTerminal(jobStateAt(stored.job.plan, now).status)) this.jobs.delete(id);
    }
    // Ids before the first kept job are gone for good: step over them, and drop them once they are
    // the larger part of the list.
    while (this.oldest < this.order.length && !this.jobs.has(this.order[this.oldest]!)) this.oldest++;
    if (this.oldest > 1024 && this.oldest * 2 > this.order.length) {
      this.order = this.order.slice(this.oldest);
      this.oldest = 0;
    }
  }
}
