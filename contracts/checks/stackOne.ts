import { randomUUID } from 'node:crypto';
import type { CheckContext, CheckDefinition, Exchange } from '../check.js';
import { courseBatch } from '../fixtures/stackOneFixtures.js';
import { followJob, isForwardHistory, type JobObservation } from '../jobPolling.js';
import { extensionOperation, designedRule } from '../specFacts.js';
import {
  arrayAt,
  expectClientError,
  expectStatus,
  numberAt,
  objectAt,
  pointerOf,
  requireStatus,
  stringAt,
} from './expectations.js';

const spec = 'stackone';
const op = { batch: 'batchUpsertCourses', list: 'listCourses' } as const;
const getJob = extensionOperation('control', 'getJob');
const jobHeader = 'x-bulkmock-job-id';

/** This run's batch, sent once and shared by the checks that read its answer. */
const sharedBatch = (context: CheckContext) =>
  context.memo('so.batch', async () => {
    const batch = courseBatch(context.runTag);
    const answer = await context.call({ operationId: op.batch, json: { items: batch.items } });
    requireStatus(context, answer, [202], `a batch of ${batch.items.length} courses`);
    return { batch, answer };
  });

async function readControlJob(context: CheckContext, id: string): Promise<JobObservation> {
  const answer = await context.call({ spec: 'control', operationId: getJob.operationId, pathParams: { id } });
  requireStatus(context, answer, [200], `reading job ${id}`);
  return {
    status: String(stringAt(answer.json, 'status')),
    processed: numberAt(answer.json, 'progress', 'processed'),
    total: numberAt(answer.json, 'progress', 'total'),
  };
}

/** The batch's job (named by the mock's x-bulkmock-job-id header), followed through the control API until it ends. */
const sharedBatchJob = (context: CheckContext) =>
  context.memo('so.batchJob', async () => {
    const { answer } = await sharedBatch(context);
    const id = answer.headers[jobHeader];
    if (!id)
      context.fail({
        operationId: op.batch,
        pointer: `header ${jobHeader}`,
        message: `${op.batch}: the 202 answer carries no ${jobHeader} header, so its job cannot be followed`,
      });
    const final = await followJob(context, {
      label: `job ${id}`,
      operationId: getJob.operationId,
      pointer: '/status',
      read: () => readControlJob(context, id),
    });
    return { id, final };
  });

/** Every course of the account, page by page. */
async function listAllCourses(context: CheckContext): Promise<Array<Record<string, unknown>>> {
  const courses: Array<Record<string, unknown>> = [];
  let next: string | undefined;
  for (let page = 0; page < 100; page++) {
    const answer = await context.call({ operationId: op.list, query: { page_size: '1000', ...(next && { next }) } });
    requireStatus(context, answer, [200], 'listing courses');
    courses.push(...arrayAt(answer.json, 'data').map((c) => objectAt(c) ?? {}));
    next = stringAt(answer.json, 'next');
    if (!next) return courses;
  }
  context.fail({
    operationId: op.list,
    pointer: '/next',
    message: `${op.list}: still more pages after 100; the cursor never ends`,
  });
}

/** The batch's courses once processed: through its job on bulkmock, else by polling the list until they show. */
async function coursesAfterProcessing(
  context: CheckContext,
  references: string[],
): Promise<Array<Record<string, unknown>>> {
  if (context.target.extensions) {
    const { id, final } = await sharedBatchJob(context);
    if (!final)
      context.fail({
        operationId: getJob.operationId,
        message: `${getJob.operationId}: job ${id} did not finish, so the course list cannot be checked`,
      });
    return listAllCourses(context);
  }
  const deadline = Date.now() + context.timeoutMs;
  for (let interval = 200; ; interval = Math.min(interval * 1.6, 2000)) {
    const courses = await listAllCourses(context);
    const present = new Set(courses.map((c) => c.external_reference));
    if (references.every((r) => present.has(r)) || Date.now() >= deadline) return courses;
    await context.sleep(interval);
  }
}

/** The StackOne suite, in the order it runs. */
export const stackOneChecks: CheckDefinition[] = [
  {
    id: 'schema.list-courses',
    name: 'the course list answers CoursesPaginated',
    kind: 'schema',
    ...designedRule(spec, ['paths', '/unified/lms/courses', 'get']),
    async run(context) {
      requireStatus(
        context,
        await context.call({ operationId: op.list, query: { page_size: '5' } }),
        [200],
        'listing courses',
      );
    },
  },
  {
    id: 'schema.batch-upsert',
    name: 'a batch upsert answers 202 with BatchResult',
    kind: 'schema',
    writes: true,
    async run(context) {
      // Only valid items: a validating server such as Prism refuses a request that breaks the spec.
      const batch = courseBatch(`${context.runTag}-s`);
      const items = batch.items.filter((_, i) => !batch.rejected.some((r) => r.index === i));
      requireStatus(
        context,
        await context.call({ operationId: op.batch, json: { items } }),
        [202],
        `a batch of ${items.length} valid courses`,
      );
    },
  },
  {
    id: 'behaviour.errors-aligned',
    name: 'errors is index-aligned with items',
    kind: 'behaviour',
    writes: true,
    async run(context) {
      const { batch, answer } = await sharedBatch(context);
      checkAlignment(context, answer, batch);
    },
  },
  {
    id: 'behaviour.job-lifecycle',
    name: 'job states only move forward and reach a terminal state',
    kind: 'behaviour',
    writes: true,
    needs: [getJob],
    async run(context) {
      const { id, final } = await sharedBatchJob(context);
      if (!final) return;
      const answer = await context.call({ spec: 'control', operationId: getJob.operationId, pathParams: { id } });
      const history = arrayAt(answer.json, 'history').map((t) => String(stringAt(t, 'status')));
      if (!isForwardHistory(history) || history.at(-1) !== final.status) {
        context.problem({
          operationId: getJob.operationId,
          pointer: '/history',
          value: history,
          message: `${getJob.operationId}: the history of job ${id} must start queued, only move forward and end ${final.status}`,
        });
      }
    },
  },
  {
    id: 'behaviour.accepted-items-listed',
    name: 'accepted items appear in the course list and rejected ones do not',
    kind: 'behaviour',
    writes: true,
    ...designedRule(spec, ['components', 'schemas', 'Course']),
    async run(context) {
      const { batch, answer } = await sharedBatch(context);
      const slots = arrayAt(answer.json, 'errors');
      const references = batch.items.map((item) => String(item.external_reference));
      const accepted = references.filter((_, i) => arrayAt(slots, i).length === 0);
      const listed = (await coursesAfterProcessing(context, accepted)).map((c) => String(c.external_reference));
      references.forEach((reference, i) => {
        const count = listed.filter((l) => l === reference).length;
        const expected = accepted.includes(reference) ? 1 : 0;
        if (count !== expected) {
          context.problem({
            operationId: op.list,
            pointer: '/data',
            value: count,
            message: `${op.list}: item ${i} (${reference}) of the batch ${expected ? 'was accepted (empty errors slot)' : 'was rejected'}, so it must be listed ${expected ? 'once' : 'never'}`,
          });
        }
      });
    },
  },
  {
    id: 'behaviour.rejected-credential',
    name: 'a missing or malformed API key gets 401 with UnifiedError',
    kind: 'behaviour',
    async run(context) {
      // An empty batch: refused even if a server let the credential through.
      const wrongScheme = {
        authorization: 'Bearer contract-suite-not-a-key',
        'x-account-id': context.credentials.accountId ?? '',
      };
      for (const [what, auth] of [
        ['no Authorization header', 'none'],
        ['a bearer token instead of Basic', wrongScheme],
      ] as const) {
        const answer = await context.call({ operationId: op.batch, auth, json: { items: [] } });
        if (
          expectStatus(context, answer, [401], `a batch with ${what}`) &&
          numberAt(answer.json, 'statusCode') !== 401
        ) {
          context.problem({
            operationId: op.batch,
            pointer: '/statusCode',
            value: numberAt(answer.json, 'statusCode'),
            message: `${op.batch}: a 401 answer must repeat the status in statusCode`,
          });
        }
      }
    },
  },
  {
    id: 'behaviour.unknown-job',
    name: 'an unknown job id is a 404',
    kind: 'behaviour',
    needs: [getJob],
    async run(context) {
      const id = randomUUID();
      expectStatus(
        context,
        await context.call({ spec: 'control', operationId: getJob.operationId, pathParams: { id } }),
        [404],
        `reading the unknown job ${id}`,
      );
    },
  },
  {
    id: 'behaviour.malformed-body',
    name: 'a malformed body is a 4xx, never a 5xx',
    kind: 'behaviour',
    async run(context) {
      expectClientError(
        context,
        await context.call({
          operationId: op.batch,
          text: '{"items": [{"external_reference": "x"',
          contentType: 'application/json',
        }),
        'a truncated JSON body',
      );
      expectClientError(
        context,
        await context.call({ operationId: op.batch, json: { items: 'PLAT-ENG-K8S-101' } }),
        'items sent as a string',
      );
      expectClientError(
        context,
        await context.call({ operationId: op.batch, json: { items: [] } }),
        'an empty items array',
      );
    },
  },
];

/** One slot per item, in order: the items known to be bad have messages in their own slot, the good ones an empty slot. */
function checkAlignment(context: CheckContext, answer: Exchange, batch: ReturnType<typeof courseBatch>): void {
  const slots = arrayAt(answer.json, 'errors');
  if (slots.length !== batch.items.length) {
    context.problem({
      operationId: op.batch,
      pointer: '/errors',
      value: slots,
      message: `${op.batch}: errors has ${slots.length} slots for ${batch.items.length} items; it must hold exactly one per item, in order`,
    });
  }
  batch.items.forEach((item, index) => {
    const slot = slots[index];
    const rejected = batch.rejected.find((r) => r.index === index);
    const messages = Array.isArray(slot) ? slot : [];
    if (rejected && messages.length === 0) {
      context.problem({
        operationId: op.batch,
        pointer: pointerOf('errors', index),
        value: slot ?? null,
        message: `${op.batch}: item ${index} (${String(item.external_reference)}) must be rejected in its own slot because ${rejected.why}, but errors[${index}] is empty: errors is not index-aligned with items`,
      });
    }
    if (!rejected && messages.length > 0) {
      context.problem({
        operationId: op.batch,
        pointer: pointerOf('errors', index),
        value: slot,
        message: `${op.batch}: item ${index} (${String(item.external_reference)}) is valid, but errors[${index}] holds messages: errors is not index-aligned with items`,
      });
    }
  });
}
