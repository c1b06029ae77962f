import type { JobView } from '../../jobs/jobStore.js';
import type { CollectionSettings } from '../../state/recordCollections.js';

/** Batches live in one collection of the instance state (one scope), under their queueBatchId. */
export const batchesCollection = 'learning-builder.batches';
export const batchScope = '';
/** A batch is charged what it was admitted for (text twice plus per-record overhead), given with each write. */
export const batchesSettings: CollectionSettings = { memory: 'batches', estimate: 'json' };

export interface QueueBatchRecord {
  line: number;
  data: Record<string, unknown>;
  /** Empty for a record that will succeed. */
  errors: Array<{ field?: string; message: string }>;
}

export interface QueueBatch {
  queueBatchId: string;
  importProcessId: string;
  fileName: string | null;
  creationPath: string | null;
  /** Stored and shown; the mock sends no mail. */
  sendSuccessEmailTo: string | null;
  sendFailureEmailTo: string | null;
  records: QueueBatchRecord[];
}

/**
 * The batch as its details page shows it (`QueueBatchDetails`). Records are processed in line
 * order: the first `processed` records have their outcome, the rest are still pending.
 */
export function batchDetails(batch: QueueBatch, job: JobView) {
  const { state } = job;
  const records = batch.records.map((record, i) => ({
    line: record.line,
    status: i < state.processed ? (record.errors.length > 0 ? 'failed' : 'succeeded') : 'pending',
    errors: i < state.processed ? record.errors : [],
    data: record.data,
  }));
  const failedCount = records.filter((r) => r.status === 'failed').length;
  return {
    queueBatchId: batch.queueBatchId,
    importProcessId: batch.importProcessId,
    fileName: batch.fileName,
    creationPath: batch.creationPath,
    sendSuccessEmailTo: batch.sendSuccessEmailTo,
    sendFailureEmailTo: batch.sendFailureEmailTo,
    status: state.status,
    progress: { processed: state.processed, total: state.total },
    createdAt: new Date(job.plan.createdAt).toISOString(),
    updatedAt: new Date(state.updatedAt).toISOString(),
    recordCount: records.length,
    succeededCount: records.filter((r) => r.status === 'succeeded').length,
    failedCount,
    errorMessage: state.errorMessage,
    records,
  };
}

const escapeHtml = (value: unknown) =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A plain page a person can read in a browser: the batch's state and every record's result. */
export function renderBatchDetailsPage(details: ReturnType<typeof batchDetails>): string {
  const rows = details.records
    .map(
      (r) =>
        `<tr class="${r.status}"><td>${r.line}</td><td>${escapeHtml(r.status)}</td><td>${escapeHtml(r.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '))}</td><td><code>${escapeHtml(JSON.stringify(r.data))}</code></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Queue batch ${escapeHtml(details.queueBatchId)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}tr.failed td:nth-child(2){color:#b00020;font-weight:600}tr.succeeded td:nth-child(2){color:#1b7f3b}code{font-size:12px;word-break:break-all}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}</style></head>
<body><h1>Workflow import queue batch</h1>
<dl><dt>Batch</dt><dd>${escapeHtml(details.queueBatchId)}</dd><dt>Import process</dt><dd>${escapeHtml(details.importProcessId)}</dd><dt>File name</dt><dd>${escapeHtml(details.fileName ?? '—')}</dd><dt>Creation path</dt><dd>${escapeHtml(details.creationPath ?? '—')}</dd><dt>Success e-mail to</dt><dd>${escapeHtml(details.sendSuccessEmailTo ?? '—')}</dd><dt>Failure e-mail to</dt><dd>${escapeHtml(details.sendFailureEmailTo ?? '—')}</dd><dt>Status</dt><dd>${escapeHtml(details.status)}${details.errorMessage ? `: ${escapeHtml(details.errorMessage)}` : ''}</dd><dt>Progress</dt><dd>${details.progress.processed} of ${details.progress.total} records (${details.succeededCount} succeeded, ${details.failedCount} failed)</dd></dl>
<table><thead><tr><th>Line</th><th>Status</th><th>Errors</th><th>Record</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
