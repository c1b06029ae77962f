import type { JobView } from '../../jobs/jobStore.js';

/** What a Learning Builder batch was created with, kept in its job's details for the control API. */
export interface QueueBatchSettings {
  creationPath: string | null;
  sendSuccessEmailTo: string | null;
  sendFailureEmailTo: string | null;
}

/** Whether a job is a batch created with this creation path, given stored (`IMPORT_QUEUE_API:LH`) or bare (`LH`). */
export function hasCreationPath(job: JobView, wanted: string): boolean {
  const stored = (job.details.queueBatch as QueueBatchSettings | undefined)?.creationPath;
  const bare = (path: string) => path.replace(/^IMPORT_QUEUE_API:/, '');
  return typeof stored === 'string' && bare(stored) === bare(wanted);
}

/** A job as the control API shows it (`MockJob` in openapi/bulkmock-control.yaml). */
export function toMockJob(job: JobView) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: job.id,
    vendor: job.vendor,
    operationId: job.operationId,
    description: job.description,
    dryRun: job.dryRun,
    status: job.state.status,
    progress: { processed: job.state.processed, total: job.state.total },
    createdAt: iso(job.plan.createdAt),
    updatedAt: iso(job.state.updatedAt),
    errorMessage: job.state.errorMessage,
    history: job.state.history.map((t) => ({ status: t.status, at: iso(t.at), processed: t.processed })),
    ...(job.details.queueBatch !== undefined && { queueBatch: job.details.queueBatch as QueueBatchSettings }),
    ...(Array.isArray(job.details.invalidRowReport) && { invalidRows: job.details.invalidRowReport as unknown[] }),
  };
}
