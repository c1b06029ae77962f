import type { components } from '../../../openapi/generated/thought-industries.js';
import type { JobView } from '../../jobs/jobStore.js';

type BackgroundJob = components['schemas']['BackgroundJob'];

/** A job as Thought Industries shows it (`BackgroundJob`); `errorMessage` only once it failed. */
export function toBackgroundJob(job: JobView): BackgroundJob {
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
