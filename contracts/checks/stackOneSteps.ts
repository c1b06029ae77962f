import type { CheckContext, Exchange } from '../check.js';
import type { CourseBatch } from '../fixtures/stackOneFixtures.js';
import { followJob, type JobObservation } from '../jobPolling.js';
import { extensionOperation } from '../specFacts.js';
import { arrayAt, numberAt, objectAt, pointerOf, requireStatus, stringAt } from './expectations.js';

/** Steps the StackOne checks share, whatever the record family (courses, content). */
export const getJob = extensionOperation('control', 'getJob');
const jobHeader = 'x-bulkmock-job-id';

async function readControlJob(context: CheckContext, id: string): Promise<JobObservation> {
  const answer = await context.call({ spec: 'control', operationId: getJob.operationId, pathParams: { id } });
  requireStatus(context, answer, [200], `reading job ${id}`);
  return {
    status: String(stringAt(answer.json, 'status')),
    processed: numberAt(answer.json, 'progress', 'processed'),
    total: numberAt(answer.json, 'progress', 'total'),
  };
}

/** A batch's job (named by the mock's x-bulkmock-job-id header), followed through the control API until it ends. */
export async function followBatchJob(context: CheckContext, operationId: string, answer: Exchange) {
  const id = answer.headers[jobHeader];
  if (!id)
    context.fail({
      operationId,
      pointer: `header ${jobHeader}`,
      message: `${operationId}: the 202 answer carries no ${jobHeader} header, so its job cannot be followed`,
    });
  const final = await followJob(context, {
    label: `job ${id}`,
    operationId: getJob.operationId,
    pointer: '/status',
    read: () => readControlJob(context, id),
  });
  return { id, final };
}

/** Every record of the account a list operation returns, page by page (`pageSize` per page). */
export async function listAll(
  context: CheckContext,
  listOperation: string,
  pageSize = 1000,
): Promise<Array<Record<string, unknown>>> {
  const records: Array<Record<string, unknown>> = [];
  let next: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const query = { page_size: String(pageSize), ...(next && { next }) };
    const answer = await context.call({ operationId: listOperation, query });
    requireStatus(context, answer, [200], `listing with ${listOperation}`);
    records.push(...arrayAt(answer.json, 'data').map((c) => objectAt(c) ?? {}));
    next = stringAt(answer.json, 'next');
    if (!next) return records;
  }
  context.fail({
    operationId: listOperation,
    pointer: '/next',
    message: `${listOperation}: still more pages after 1000; the cursor never ends`,
  });
}

/**
 * The account's records once a batch is processed: through its job on bulkmock, else by polling
 * the list until every reference in `references` shows (or the time is up).
 */
export async function listedAfterBatch(
  context: CheckContext,
  batch: { operationId: string; answer: Exchange; listOperation: string },
  references: string[],
): Promise<Array<Record<string, unknown>>> {
  if (context.target.extensions) {
    const { id, final } = await followBatchJob(context, batch.operationId, batch.answer);
    if (!final)
      context.fail({
        operationId: getJob.operationId,
        message: `${getJob.operationId}: job ${id} did not finish, so ${batch.listOperation} cannot be checked`,
      });
    return listAll(context, batch.listOperation);
  }
  const deadline = Date.now() + context.timeoutMs;
  for (let interval = 200; ; interval = Math.min(interval * 1.6, 2000)) {
    const records = await listAll(context, batch.listOperation);
    const present = new Set(records.map((c) => c.external_reference));
    if (references.every((r) => present.has(r)) || Date.now() >= deadline) return records;
    await context.sleep(interval);
  }
}

/** One slot per item, in order: the items known to be bad have messages in their own slot, the good ones an empty slot. */
export function checkAlignment(context: CheckContext, operationId: string, answer: Exchange, batch: CourseBatch): void {
  const slots = arrayAt(answer.json, 'errors');
  if (slots.length !== batch.items.length) {
    context.problem({
      operationId,
      pointer: '/errors',
      value: slots,
      message: `${operationId}: errors has ${slots.length} slots for ${batch.items.length} items; it must hold exactly one per item, in order`,
    });
  }
  batch.items.forEach((item, index) => {
    const slot = slots[index];
    const rejected = batch.rejected.find((r) => r.index === index);
    const messages = Array.isArray(slot) ? slot : [];
    if (rejected && messages.length === 0) {
      context.problem({
        operationId,
        pointer: pointerOf('errors', index),
        value: slot ?? null,
        message: `${operationId}: item ${index} (${String(item.external_reference)}) must be rejected in its own slot because ${rejected.why}, but errors[${index}] is empty: errors is not index-aligned with items`,
      });
    }
    if (!rejected && messages.length > 0) {
      context.problem({
        operationId,
        pointer: pointerOf('errors', index),
        value: slot,
        message: `${operationId}: item ${index} (${String(item.external_reference)}) is valid, but errors[${index}] holds messages: errors is not index-aligned with items`,
      });
    }
  });
}

/** Accepted items (empty slot) are listed exactly once, rejected ones never. */
export function checkAcceptedListed(
  context: CheckContext,
  listOperation: string,
  batch: CourseBatch,
  answer: Exchange,
  listed: ReadonlyArray<Record<string, unknown>>,
): void {
  const slots = arrayAt(answer.json, 'errors');
  const references = listed.map((c) => String(c.external_reference));
  batch.items.forEach((item, i) => {
    const reference = String(item.external_reference);
    const accepted = arrayAt(slots, i).length === 0;
    const count = references.filter((l) => l === reference).length;
    if (count !== (accepted ? 1 : 0)) {
      context.problem({
        operationId: listOperation,
        pointer: '/data',
        value: count,
        message: `${listOperation}: item ${i} (${reference}) of the batch ${accepted ? 'was accepted (empty errors slot)' : 'was rejected'}, so it must be listed ${accepted ? 'once' : 'never'}`,
      });
    }
  });
}
