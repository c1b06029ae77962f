import { randomUUID } from 'node:crypto';
import type { CheckContext, CheckDefinition } from '../check.js';
import { courseBatch } from '../fixtures/stackOneFixtures.js';
import { isForwardHistory } from '../jobPolling.js';
import { designedRule } from '../specFacts.js';
import { arrayAt, expectClientError, expectStatus, numberAt, requireStatus, stringAt } from './expectations.js';
import { checkAcceptedListed, checkAlignment, followBatchJob, getJob, listedAfterBatch } from './stackOneSteps.js';
import { stackOneRecordChecks } from './stackOneRecords.js';

const spec = 'stackone';
const op = { batch: 'batchUpsertCourses', list: 'listCourses' } as const;

/** This run's batch, sent once and shared by the checks that read its answer. */
const sharedBatch = (context: CheckContext) =>
  context.memo('so.batch', async () => {
    const batch = courseBatch(context.runTag);
    const answer = await context.call({ operationId: op.batch, json: { items: batch.items } });
    requireStatus(context, answer, [202], `a batch of ${batch.items.length} courses`);
    return { batch, answer };
  });

/** The batch's job, followed through the control API until it ends. */
const sharedBatchJob = (context: CheckContext) =>
  context.memo('so.batchJob', async () => followBatchJob(context, op.batch, (await sharedBatch(context)).answer));

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
      checkAlignment(context, op.batch, answer, batch);
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
      const accepted = batch.items
        .map((item) => String(item.external_reference))
        .filter((_, i) => arrayAt(slots, i).length === 0);
      const listed = await listedAfterBatch(
        context,
        { operationId: op.batch, answer, listOperation: op.list },
        accepted,
      );
      checkAcceptedListed(context, op.list, batch, answer, listed);
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
  ...stackOneRecordChecks,
];
