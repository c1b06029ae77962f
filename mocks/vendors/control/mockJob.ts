import type { JobView } from '../../jobs/jobStore.js';

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
  };
}
