/**
 * The one state machine every simulated import follows, in one place (after WireMock's scenarios):
 *
 *   queued --(base delay)--> processing --(rows x per-row cost)--> complete
 *      \                          \
 *       `-------------------------`--> failed (with an errorMessage)
 *
 * A job is not driven by timers. It is a plan (when it was made, how long it queues, how long it
 * processes, whether it fails) and its state is a pure function of the plan and the clock's `now`.
 * So `instant`, `realistic` and `manual` timing differ only in the plan's durations and the clock.
 */
export type JobStatus = 'queued' | 'processing' | 'complete' | 'failed';
export type TimingMode = 'instant' | 'realistic' | 'manual';

export const jobStatuses: readonly JobStatus[] = ['queued', 'processing', 'complete', 'failed'];
export const timingModes: readonly TimingMode[] = ['instant', 'realistic', 'manual'];

/** The only moves a job may make. Terminal states have none. */
export const allowedTransitions: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  queued: ['processing', 'failed'],
  processing: ['complete', 'failed'],
  complete: [],
  failed: [],
};

export interface JobTiming {
  mode: TimingMode;
  /** How long a job waits in the queue before processing starts. */
  baseDelayMs: number;
  /** Processing cost of one row; processing lasts rows x this. */
  perRowMs: number;
}

export const defaultJobTiming: JobTiming = { mode: 'realistic', baseDelayMs: 1000, perRowMs: 10 };

export interface JobFailure {
  message: string;
  /** How far through processing the job fails, 0 to 1. */
  atFraction: number;
}

export interface JobPlan {
  createdAt: number;
  queuedMs: number;
  processingMs: number;
  total: number;
  failure: JobFailure | null;
}

export interface JobTransition {
  status: JobStatus;
  at: number;
  processed: number;
}

export interface JobSnapshot {
  status: JobStatus;
  processed: number;
  total: number;
  updatedAt: number;
  errorMessage: string | null;
  history: JobTransition[];
}

export function planJob(options: {
  createdAt: number;
  rows: number;
  timing: JobTiming;
  failure?: JobFailure | null;
}): JobPlan {
  const { createdAt, rows, timing } = options;
  const instant = timing.mode === 'instant';
  return {
    createdAt,
    queuedMs: instant ? 0 : Math.max(0, timing.baseDelayMs),
    processingMs: instant ? 0 : Math.max(0, Math.round(rows * timing.perRowMs)),
    total: rows,
    failure: options.failure ?? null,
  };
}

/** The moment a job reaches its terminal state. */
export function jobEndsAt(plan: JobPlan): number {
  const start = plan.createdAt + plan.queuedMs;
  return plan.failure ? start + Math.floor(plan.processingMs * plan.failure.atFraction) : start + plan.processingMs;
}

/** The job as it stands at `now`, with every transition it has made so far. */
export function jobStateAt(plan: JobPlan, now: number): JobSnapshot {
  const startsAt = plan.createdAt + plan.queuedMs;
  const endsAt = jobEndsAt(plan);
  const failedAt = plan.failure ? Math.floor(plan.total * plan.failure.atFraction) : plan.total;
  const history: JobTransition[] = [{ status: 'queued', at: plan.createdAt, processed: 0 }];
  if (now < startsAt) return snapshot('queued', 0, plan.createdAt, null, history, plan);

  history.push({ status: 'processing', at: startsAt, processed: 0 });
  if (now < endsAt) {
    const elapsed = now - startsAt;
    const processed =
      plan.processingMs === 0 ? 0 : Math.min(plan.total, Math.floor((plan.total * elapsed) / plan.processingMs));
    return snapshot('processing', processed, now, null, history, plan);
  }
  if (plan.failure) {
    history.push({ status: 'failed', at: endsAt, processed: failedAt });
    return snapshot('failed', failedAt, endsAt, plan.failure.message, history, plan);
  }
  history.push({ status: 'complete', at: endsAt, processed: plan.total });
  return snapshot('complete', plan.total, endsAt, null, history, plan);
}

function snapshot(
  status: JobStatus,
  processed: number,
  updatedAt: number,
  errorMessage: string | null,
  history: JobTransition[],
  plan: JobPlan,
): JobSnapshot {
  return { status, processed, total: plan.total, updatedAt, errorMessage, history };
}

/**
 * A job whose end has passed but whose end effects (the records it writes) are still being applied:
 * it stays `processing`, so that a client that sees `complete` can read every record. `applied` is
 * how many effects are done; `processed` never reaches the total before the job completes.
 */
export function applyingStateAt(plan: JobPlan, now: number, applied: number): JobSnapshot {
  const startsAt = plan.createdAt + plan.queuedMs;
  const history: JobTransition[] = [
    { status: 'queued', at: plan.createdAt, processed: 0 },
    { status: 'processing', at: startsAt, processed: 0 },
  ];
  const processed = Math.max(0, Math.min(applied, plan.total - 1));
  return snapshot('processing', processed, Math.max(now, startsAt), null, history, plan);
}
