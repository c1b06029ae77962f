import type { JobView } from '../../jobs/jobStore.js';

/** A job as Thought Industries shows it (`BackgroundJob`); `errorMessage` only once it failed. */
export function toBackgroundJob(job: JobView) {
  return {
    id: job.id,
    type: job.type,
    description: job.description,
    ...(job.state.errorMessage !== null && { errorMessage: job.state.errorMessage }),
    createdAt: new Date(job.plan.createdAt).toISOString(),
    repeatable: false,
    status: job.state.status,
    progress: { processed: job.state.processed, total: job.state.total },
  };
}
