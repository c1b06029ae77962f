import { randomUUID } from 'node:crypto';
import type { CheckContext, CheckDefinition } from '../check.js';
import { completionBatch } from '../fixtures/learningBuilderFixtures.js';
import { followJob, type JobObservation } from '../jobPolling.js';
import { extensionOperation, designedRule } from '../specFacts.js';
import {
  arrayAt,
  expectClientError,
  expectStatus,
  numberAt,
  pointerOf,
  requireStatus,
  stringAt,
} from './expectations.js';

const spec = 'learning-builder';
const op = { create: 'createWorkflowImportBatch' } as const;
const details = extensionOperation(spec, 'getQueueBatchDetails');
const ndjson = 'application/x-ndjson';

const createQuery = (context: CheckContext, extra: Record<string, string> = {}) => ({
  importProcessId: context.options.importProcessId,
  ...extra,
});

/** This run's batch, created once and shared by the checks that read it. */
const sharedBatch = (context: CheckContext) =>
  context.memo('lb.batch', async () => {
    const batch = completionBatch(context.runTag);
    const answer = await context.call({
      operationId: op.create,
      query: createQuery(context, { fileName: `bulkmock contract suite ${context.runTag}`, creationPath: 'CONTRACT' }),
      text: batch.body,
      contentType: ndjson,
    });
    requireStatus(context, answer, [200], `a batch of ${batch.records.length} records`);
    const id = stringAt(answer.json, 'queueBatchId');
    if (!id)
      context.fail({
        operationId: op.create,
        pointer: '/queueBatchId',
        message: `${op.create}: the answer names no queueBatchId`,
      });
    return { batch, answer, id, link: stringAt(answer.json, 'queueBatchDetails') ?? '' };
  });

/** Reads the batch page that queueBatchDetails links to (on bulkmock, the details extension). */
async function readDetails(context: CheckContext, id: string) {
  const answer = await context.call({ operationId: details.operationId, pathParams: { queueBatchId: id } });
  requireStatus(context, answer, [200], `reading the details of batch ${id}`);
  return answer;
}

const toObservation = (json: unknown): JobObservation => ({
  status: String(stringAt(json, 'status')),
  processed: numberAt(json, 'progress', 'processed'),
  total: numberAt(json, 'progress', 'total'),
});

/** The batch followed on its details page until it ends; the last page read is kept. */
const sharedBatchEnd = (context: CheckContext) =>
  context.memo('lb.batchEnd', async () => {
    const { id, link } = await sharedBatch(context);
    const expectedPath = details.pathTemplate.replace('{queueBatchId}', encodeURIComponent(id));
    if (!link.endsWith(expectedPath)) {
      context.problem({
        operationId: op.create,
        pointer: '/queueBatchDetails',
        value: link,
        message: `${op.create}: queueBatchDetails must link to the batch page ${expectedPath} on the target`,
      });
    }
    let last: unknown;
    const final = await followJob(context, {
      label: `batch ${id}`,
      operationId: details.operationId,
      pointer: '/status',
      read: async () => toObservation((last = (await readDetails(context, id)).json)),
    });
    return { id, final, page: last };
  });

/** The Learning Builder suite, in the order it runs. */
export const learningBuilderChecks: CheckDefinition[] = [
  {
    id: 'schema.create-batch',
    name: 'CreateBatch answers CreateBatchResult',
    kind: 'schema',
    writes: true,
    async run(context) {
      await sharedBatch(context);
    },
  },
  {
    id: 'schema.batch-details',
    name: 'the batch details page answers QueueBatchDetails',
    kind: 'schema',
    writes: true,
    needs: [details],
    async run(context) {
      await readDetails(context, (await sharedBatch(context)).id);
    },
  },
  {
    id: 'behaviour.job-lifecycle',
    name: 'batch states only move forward and reach a terminal state',
    kind: 'behaviour',
    writes: true,
    needs: [details],
    ...designedRule(spec, ['components', 'schemas', 'QueueBatchStatus']),
    async run(context) {
      await sharedBatchEnd(context);
    },
  },
  {
    id: 'behaviour.records-aligned',
    name: 'batch records are aligned with the body lines and the counts agree',
    kind: 'behaviour',
    writes: true,
    needs: [details],
    ...designedRule(spec, ['components', 'schemas', 'QueueBatchDetails']),
    run: recordsAlignedAndCounted,
  },
  {
    id: 'behaviour.rejected-credential',
    name: 'a missing or malformed API key gets 401 with LearningBuilderError',
    kind: 'behaviour',
    ...designedRule(spec, ['components', 'responses', 'Unauthorized']),
    async run(context) {
      // An empty body: no batch could come of it even if a server let the credential through.
      for (const [what, auth] of [
        ['no Authorization header', 'none'],
        ['a bearer token instead of apikey', { authorization: 'Bearer contract-suite-not-a-key' }],
      ] as const) {
        expectStatus(
          context,
          await context.call({
            operationId: op.create,
            auth,
            query: createQuery(context),
            text: '',
            contentType: ndjson,
          }),
          [401],
          `CreateBatch with ${what}`,
        );
      }
    },
  },
  {
    id: 'behaviour.unknown-batch',
    name: 'an unknown batch id is a 404',
    kind: 'behaviour',
    needs: [details],
    async run(context) {
      const id = randomUUID();
      expectStatus(
        context,
        await context.call({ operationId: details.operationId, pathParams: { queueBatchId: id } }),
        [404],
        `reading the unknown batch ${id}`,
      );
    },
  },
  {
    id: 'behaviour.malformed-body',
    name: 'a malformed body is a 4xx, never a 5xx',
    kind: 'behaviour',
    async run(context) {
      const send = (text: string, contentType: string) =>
        context.call({ operationId: op.create, query: createQuery(context), text, contentType });
      expectClientError(
        context,
        await send('{"ExternalRecordId": "ce-2026-000900", "PersonId": "P-1"}\nnot json at all\n', ndjson),
        'a line that is not JSON',
      );
      expectClientError(
        context,
        await send('[{"ExternalRecordId": "ce-2026-000901"}]', 'application/json'),
        'a JSON array sent as application/json',
      );
      expectClientError(context, await send('', ndjson), 'an empty body');
    },
  },
];

async function recordsAlignedAndCounted(context: CheckContext): Promise<void> {
  const { batch } = await sharedBatch(context);
  const { id, final, page } = await sharedBatchEnd(context);
  if (!final)
    context.fail({
      operationId: details.operationId,
      message: `${details.operationId}: batch ${id} did not finish, so its records cannot be checked`,
    });
  const problem = (pointer: string, value: unknown, message: string) =>
    context.problem({
      operationId: details.operationId,
      pointer,
      value,
      message: `${details.operationId}: ${message}`,
    });
  const records = arrayAt(page, 'records');
  const lines = records.map((r) => numberAt(r, 'line'));
  const expectedLines = batch.records.map((r) => r.line);
  if (lines.join() !== expectedLines.join())
    problem(
      '/records',
      lines,
      `records must follow the body's non-blank lines ${expectedLines.join(', ')} (blank lines counted, not listed)`,
    );
  batch.records.forEach((expected, i) => {
    const record = records[i];
    const recordId = stringAt(record, 'data', 'ExternalRecordId');
    if (record && recordId !== expected.externalRecordId)
      problem(
        pointerOf('records', i, 'data', 'ExternalRecordId'),
        recordId,
        `records[${i}] must be line ${expected.line}'s record ${expected.externalRecordId}`,
      );
    const status = stringAt(record, 'status');
    const wanted = expected.failsOn ? 'failed' : 'succeeded';
    if (record && final.status === 'complete' && status !== wanted)
      problem(
        pointerOf('records', i, 'status'),
        status,
        `line ${expected.line} must have ${wanted}${expected.failsOn ? ` (its ${expected.failsOn} breaks the record schema)` : ''}`,
      );
    const fields = arrayAt(record, 'errors').map((e) => stringAt(e, 'field'));
    if (record && expected.failsOn && status === 'failed' && !fields.includes(expected.failsOn))
      problem(
        pointerOf('records', i, 'errors'),
        fields,
        `line ${expected.line} must fail with an error on ${expected.failsOn}`,
      );
  });
  const count = (key: string) => numberAt(page, key);
  const byStatus = (status: string) => records.filter((r) => stringAt(r, 'status') === status).length;
  if (count('recordCount') !== batch.records.length)
    problem(
      '/recordCount',
      count('recordCount'),
      `recordCount must be ${batch.records.length}, the non-blank lines of the body`,
    );
  if (count('succeededCount') !== byStatus('succeeded'))
    problem(
      '/succeededCount',
      count('succeededCount'),
      `succeededCount must equal the ${byStatus('succeeded')} succeeded records`,
    );
  if (count('failedCount') !== byStatus('failed'))
    problem('/failedCount', count('failedCount'), `failedCount must equal the ${byStatus('failed')} failed records`);
  if (
    final.status === 'complete' &&
    (count('succeededCount') ?? 0) + (count('failedCount') ?? 0) !== count('recordCount')
  ) {
    problem(
      '/recordCount',
      { succeeded: count('succeededCount'), failed: count('failedCount'), records: count('recordCount') },
      'a complete batch must account for every record as succeeded or failed',
    );
  }
  if (final.status === 'complete' && (final.processed !== final.total || final.total !== batch.records.length)) {
    problem(
      '/progress',
      { processed: final.processed, total: final.total },
      `a complete batch must have processed all ${batch.records.length} records`,
    );
  }
}
