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

  constructor(private readonly maxRetained: number = 10_000) {}

  get size(): number {
    return this.jobs.size;
  }

  add(job: Job, settle: JobSettlement | null, now: number): void {
    const stored: StoredJob = { job, endsAt: jobEndsAt(job.plan), settle, settled: false };
    this.jobs.set(job.id, stored);
    this.pending.push(stored);
    this.settle(now);
    this.evict(now);
  }

  /** Runs the end effects of every job that has ended by `now`. */
  settle(now: number): void {
    if (this.pending.length === 0) return;
    const due = this.pending.filter((s) => s.endsAt <= now);
    if (due.length === 0) return;
    this.pending = this.pending.filter((s) => s.endsAt > now);
    due.sort((a, b) => a.endsAt - b.endsAt);
    for (const stored of due) {
      stored.settled = true;
      stored.settle?.(stored.job.plan.failure ? 'failed' : 'complete', stored.endsAt);
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
  }

  /** Keeps at most `maxRetained` jobs: the oldest terminal jobs go first; running jobs are never dropped. */
  private evict(now: number): void {
    if (this.jobs.size <= this.maxRetained) return;
    for (const [id, stored] of this.jobs) {
      if (this.jobs.size <= this.maxRetained) break;
      if (stored.settled && isTerminal(jobStateAt(stored.job.plan, now).status)) this.jobs.delete(id);
    }
  }
}
