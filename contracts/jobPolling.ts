import type { CheckContext } from './check.js';

/** A job (or batch) as one read shows it. */
export interface JobObservation {
  status: string;
  processed?: number;
  total?: number;
}

export interface FollowJobOptions {
  /** What the job is, for messages: `job 3f1c…`, `batch 7c1e…`. */
  label: string;
  operationId: string;
  /** Where the status sits in the answer, for messages. */
  pointer: string;
  /** Reads the job once; a failed read ends the check (`context.fail`). */
  read: () => Promise<JobObservation>;
}

/** The order of the job states every vendor spec here uses; complete and failed are both final. */
const rank: Readonly<Record<string, number>> = { queued: 0, processing: 1, complete: 2, failed: 2 };
const isTerminal = (status: string) => status === 'complete' || status === 'failed';

/**
 * Polls a job until it is complete or failed, with a growing interval, and checks every move it
 * makes: states only go forward (queued, processing, then complete or failed), progress never goes
 * down or past the total, and a terminal state stays put (read twice more once reached). Returns the
 * final observation, or null when the job did not finish in time (the problem is recorded).
 */
export async function followJob(context: CheckContext, options: FollowJobOptions): Promise<JobObservation | null> {
  const seen: JobObservation[] = [];
  const trail = () =>
    seen
      .map((o) => o.status)
      .filter((s, i, all) => i === 0 || all[i - 1] !== s)
      .join(' → ');
  const where = { operationId: options.operationId, pointer: options.pointer };
  const deadline = Date.now() + context.timeoutMs;
  let interval = 50;

  const observe = async (): Promise<JobObservation> => {
    const current = await options.read();
    const previous = seen.at(-1);
    seen.push(current);
    if (!(current.status in rank)) {
      context.problem({
        ...where,
        message: `${options.operationId}: ${options.label} has an unknown status`,
        value: current.status,
      });
    }
    if (previous && previous.status !== current.status) {
      const back = (rank[current.status] ?? 0) < (rank[previous.status] ?? 0);
      if (back || isTerminal(previous.status)) {
        const move = back
          ? `went back from ${previous.status} to ${current.status}`
          : `left its final state ${previous.status} for ${current.status}`;
        context.problem({
          ...where,
          message: `${options.operationId}: ${options.label} ${move} (seen: ${trail()})`,
          value: current.status,
        });
      }
    }
    if (
      previous?.processed !== undefined &&
      current.processed !== undefined &&
      current.processed < previous.processed
    ) {
      context.problem({
        ...where,
        message: `${options.operationId}: the progress of ${options.label} went down from ${previous.processed} to ${current.processed}`,
        value: current.processed,
      });
    }
    if (current.processed !== undefined && current.total !== undefined && current.processed > current.total) {
      context.problem({
        ...where,
        message: `${options.operationId}: ${options.label} processed ${current.processed} of a total of ${current.total}`,
        value: { processed: current.processed, total: current.total },
      });
    }
    return current;
  };

  for (;;) {
    const current = await observe();
    if (isTerminal(current.status)) break;
    if (Date.now() >= deadline) {
      context.problem({
        ...where,
        message: `${options.operationId}: ${options.label} did not reach complete or failed within ${Math.round(context.timeoutMs / 1000)} s (seen: ${trail()})`,
        value: seen.at(-1)?.status,
      });
      return null;
    }
    await context.sleep(Math.min(interval, Math.max(0, deadline - Date.now())));
    interval = Math.min(interval * 1.6, 1000);
  }
  const final = seen.at(-1)!;
  // A terminal state is final: read again to see that it stays.
  for (let i = 0; i < 2; i++) {
    await context.sleep(25);
    const again = await observe();
    if (again.status !== final.status) return again;
  }
  return final;
}

/** A recorded history (oldest first) is forward when it starts queued and every step moves to a later state. */
export function isForwardHistory(statuses: readonly string[]): boolean {
  if (statuses[0] !== 'queued') return false;
  return statuses.every(
    (status, i) => i === 0 || ((rank[status] ?? -1) > (rank[statuses[i - 1]!] ?? 99) && !isTerminal(statuses[i - 1]!)),
  );
}
