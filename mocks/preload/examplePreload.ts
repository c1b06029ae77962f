import { planJob, jobStatuses, type JobStatus } from '../jobs/jobLifecycle.js';
import type { Job } from '../jobs/jobStore.js';
import { bodyFromBytes } from '../core/mockRequest.js';
import { serializeBody, type MockResponse } from '../core/mockResponse.js';
import { findOperation, listOperations, vendors, type OperationEntry, type Vendor } from '../spec/specRegistry.js';
import { withFirstId, type PreloadContext } from './preloadContext.js';
import { requestExamples, requestFromExample, successExample, successExamples } from './requestFromExample.js';
import type { PreloadRefusal } from './applyPreload.js';

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The job id an example answer names: a Learning Builder `queueBatchId`, a `backgroundJob.id` or a bare job's `id`. */
export function jobIdIn(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = jobIdIn(item);
      if (found) return found;
    }
    return null;
  }
  if (!isObject(value)) return null;
  if (typeof value.queueBatchId === 'string') return value.queueBatchId;
  if (isObject(value.backgroundJob) && typeof value.backgroundJob.id === 'string') return value.backgroundJob.id;
  // An answer that is a bare job (Thought Industries' users import).
  if (typeof value.id === 'string' && jobStatuses.includes(value.status as JobStatus)) return value.id;
  for (const child of Object.values(value)) {
    const found = jobIdIn(child);
    if (found) return found;
  }
  return null;
}

/**
 * Fills the mock with the state the specs' examples describe, reading every id from the examples:
 *
 * 1. Every request example of a vendor write operation (asset uploads first) is replayed through its
 *    handler. When the success example of the same name names a job (`backgroundJob.id`,
 *    `queueBatchId`), the job gets that id.
 * 2. Every Learning Builder batch a details example shows is created from its records, with its id.
 * 3. Every other job a read example shows (Thought Industries' job, the control API's jobs) is added
 *    as a finished job with the example's id, vendor, operation, type, description and outcome.
 */
export async function preloadExamples(context: PreloadContext): Promise<PreloadRefusal[]> {
  const refused: PreloadRefusal[] = [];
  const enabledVendors = vendors.filter((vendor) => context.enabled(vendor));
  const writes = listOperations(enabledVendors)
    .filter((entry) => entry.method !== 'get' && entry.operation.requestBody)
    // Uploads (extensions) first: the bulk imports read the assets they store.
    .sort((a, b) => Number(b.extension) - Number(a.extension));
  for (const entry of writes) {
    for (const example of requestExamples(entry)) {
      const id = jobIdIn(successExample(entry, example.name));
      await send(context, refused, entry, `${entry.operationId} example ${example.name}`, id, () =>
        context.sendDirect(requestFromExample(entry, example)),
      );
    }
  }
  if (context.enabled('learning-builder')) {
    const details = findOperation('learning-builder', 'getQueueBatchDetails');
    for (const batch of successExamples(details)) if (isObject(batch)) await preloadBatch(context, refused, batch);
  }
  for (const job of describedJobs(enabledVendors)) addFinishedJob(context, job);
  return refused;
}

async function send(
  context: PreloadContext,
  refused: PreloadRefusal[],
  entry: OperationEntry,
  what: string,
  id: string | null,
  action: () => Promise<MockResponse>,
): Promise<void> {
  // An id two examples share (the vendors' placeholder uuid) belongs to the first.
  const answer = id && !context.state.jobs.has(id) ? await withFirstId(context.state, id, action) : await action();
  if (answer.status >= 400) refused.push({ what, status: answer.status, message: serializeBody(answer) ?? '' });
}

/** A Learning Builder batch from a details example: created from its records and settings, under its id. */
async function preloadBatch(context: PreloadContext, refused: PreloadRefusal[], batch: Loose): Promise<void> {
  const id = batch.queueBatchId;
  if (typeof id !== 'string' || context.state.jobs.has(id)) return;
  const entry = findOperation('learning-builder', 'createWorkflowImportBatch');
  const records = Array.isArray(batch.records) ? batch.records : [];
  const lines = records.map((record) => JSON.stringify(isObject(record) ? record.data : record)).join('\n');
  const request = requestFromExample(entry, null);
  // The example's own import process, when it names one; otherwise the request example's.
  const importProcessId = batch.importProcessId;
  if (typeof importProcessId === 'string' || typeof importProcessId === 'number')
    request.query.set('importProcessId', String(importProcessId));
  for (const key of ['fileName', 'creationPath', 'sendSuccessEmailTo', 'sendFailureEmailTo'] as const) {
    const value = batch[key];
    if (typeof value === 'string')
      request.query.set(key, key === 'creationPath' ? value.replace(/^IMPORT_QUEUE_API:/, '') : value);
    else request.query.delete(key);
  }
  await send(context, refused, entry, `getQueueBatchDetails example ${id}`, id, () =>
    context.sendDirect({
      ...request,
      headers: { ...request.headers, 'content-type': 'application/x-ndjson' },
      body: bodyFromBytes(lines),
    }),
  );
}

/** A job as a read example shows it: the stored job's own fields, and where it stands. */
interface DescribedJob extends Pick<Job, 'id' | 'vendor' | 'operationId' | 'type' | 'description' | 'dryRun'> {
  status: JobStatus;
  errorMessage: string | null;
  total: number;
}

/** Jobs shown by the read examples: Thought Industries' `APIBackgroundJob`s and the control API's jobs. */
function describedJobs(enabledVendors: Vendor[]): DescribedJob[] {
  const jobs: DescribedJob[] = [];
  // A Thought Industries job names its type; the bulk examples tell which operation makes each type.
  const operationOfType = new Map<string, string>();
  for (const entry of listOperations(['thought-industries'])) {
    for (const value of successExamples(entry)) {
      const job = findBackgroundJob(value);
      if (job && typeof job.type === 'string' && entry.method !== 'get')
        operationOfType.set(job.type, entry.operationId);
    }
  }
  if (enabledVendors.includes('thought-industries')) {
    for (const value of successExamples(findOperation('thought-industries', 'getBackgroundJob'))) {
      const job = isObject(value) && isObject(value.data) ? value.data.APIBackgroundJob : null;
      if (!isObject(job)) continue;
      const operationId = operationOfType.get(String(job.type)) ?? 'bulkImportCourseGroupWebinars';
      const described = describe(job, 'thought-industries', operationId);
      if (described) jobs.push(described);
    }
  }
  const control = [
    ...successExamples(findOperation('control', 'getJob')),
    ...successExamples(findOperation('control', 'listJobs')).flatMap((v): unknown[] =>
      isObject(v) && Array.isArray(v.jobs) ? v.jobs : [],
    ),
  ];
  for (const job of control) {
    if (!isObject(job) || !enabledVendors.includes(job.vendor as Vendor)) continue;
    const described = describe(job, job.vendor as Vendor, String(job.operationId));
    if (described) jobs.push(described);
  }
  return jobs;
}

function findBackgroundJob(value: unknown): Loose | null {
  if (!isObject(value)) return null;
  if (isObject(value.backgroundJob)) return value.backgroundJob;
  for (const child of Object.values(value)) {
    const found = findBackgroundJob(child);
    if (found) return found;
  }
  return null;
}

function describe(job: Loose, vendor: Vendor, operationId: string): DescribedJob | null {
  if (typeof job.id !== 'string' || !jobStatuses.includes(job.status as JobStatus)) return null;
  const progress = isObject(job.progress) ? job.progress : {};
  return {
    id: job.id,
    vendor,
    operationId,
    type: typeof job.type === 'string' ? job.type : operationId,
    description: typeof job.description === 'string' ? job.description : '',
    dryRun: job.dryRun === true,
    status: job.status as JobStatus,
    errorMessage: typeof job.errorMessage === 'string' && job.errorMessage !== '' ? job.errorMessage : null,
    total: typeof progress.total === 'number' ? progress.total : 0,
  };
}

/**
 * A job no request example creates is added as it ends: `failed` with its message where the example
 * shows a failure, `complete` otherwise (a preloaded mock has no import half way through).
 */
function addFinishedJob(context: PreloadContext, job: DescribedJob): void {
  const { state } = context;
  if (state.jobs.has(job.id)) return;
  const now = state.clock.now();
  const failure = job.status === 'failed' ? { message: job.errorMessage ?? 'The import failed', atFraction: 0 } : null;
  state.jobs.add(
    {
      id: job.id,
      vendor: job.vendor,
      operationId: job.operationId,
      type: job.type,
      description: job.description,
      dryRun: job.dryRun,
      plan: planJob({
        createdAt: now,
        rows: job.total,
        timing: { mode: 'instant', baseDelayMs: 0, perRowMs: 0 },
        failure,
      }),
      details: {},
    },
    null,
    now,
  );
}
