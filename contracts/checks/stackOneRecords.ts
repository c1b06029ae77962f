import type { CheckContext, CheckDefinition } from '../check.js';
import { contentBatch, singleContent, singleCourse } from '../fixtures/stackOneFixtures.js';
import { designedRule } from '../specFacts.js';
import { arrayAt, expectClientError, objectAt, requireStatus, stringAt } from './expectations.js';
import { checkAcceptedListed, checkAlignment, listAll, listedAfterBatch } from './stackOneSteps.js';

/**
 * The StackOne checks of the content family and of the single upserts (issue 16): the content
 * batch (index-aligned errors, accepted items listed), the single upserts of content and of a
 * course (idempotent by external_reference) and the content list's paging. StackOne has no dry
 * run, so there is no dry-run check here.
 */
const spec = 'stackone';
const op = {
  contentBatch: 'batchUpsertContent',
  upsertContent: 'upsertContent',
  listContent: 'listContent',
  upsertCourse: 'upsertCourse',
  listCourses: 'listCourses',
} as const;

/** This run's content batch, sent once and shared by the checks that read its answer. */
const sharedContentBatch = (context: CheckContext) =>
  context.memo('so.contentBatch', async () => {
    const batch = contentBatch(context.runTag);
    const answer = await context.call({ operationId: op.contentBatch, json: { items: batch.items } });
    requireStatus(context, answer, [202], `a batch of ${batch.items.length} content items`);
    return { batch, answer };
  });

/**
 * Sends the same item twice by PUT (the second time with a new title) and checks that both answers
 * name the same id and that the list holds the item once, with the second title.
 */
async function checkIdempotentUpsert(
  context: CheckContext,
  upsert: string,
  list: string,
  item: (title?: string) => Record<string, unknown>,
): Promise<void> {
  const first = await context.call({ operationId: upsert, json: item() });
  requireStatus(context, first, [201], `${upsert} of a new item`);
  const second = await context.call({ operationId: upsert, json: item('Revised title') });
  requireStatus(context, second, [201], `${upsert} of the same external_reference again`);
  const id = stringAt(first.json, 'data', 'id');
  if (stringAt(second.json, 'data', 'id') !== id) {
    context.problem({
      operationId: upsert,
      pointer: '/data/id',
      value: stringAt(second.json, 'data', 'id') ?? null,
      message: `${upsert}: the second upsert of one external_reference must name the same id (${String(id)})`,
    });
  }
  const reference = item().external_reference;
  const listed = (await listAll(context, list)).filter((r) => r.external_reference === reference);
  if (listed.length !== 1 || listed[0]!.title !== 'Revised title' || (id && listed[0]!.id !== id)) {
    context.problem({
      operationId: list,
      pointer: '/data',
      value: listed,
      message: `${list}: after two upserts of ${String(reference)} the list must hold it once, with id ${String(id)} and the second title`,
    });
  }
}

/** The content checks, in the order they run (after the course checks). */
export const stackOneRecordChecks: CheckDefinition[] = [
  {
    id: 'schema.list-content',
    name: 'the content list answers ContentPaginated',
    kind: 'schema',
    async run(context) {
      const answer = await context.call({ operationId: op.listContent, query: { page_size: '5' } });
      requireStatus(context, answer, [200], 'listing content');
    },
  },
  {
    id: 'schema.batch-upsert-content',
    name: 'a content batch answers 202 with BatchResult',
    kind: 'schema',
    writes: true,
    async run(context) {
      const batch = contentBatch(`${context.runTag}-s`);
      const items = batch.items.filter((_, i) => !batch.rejected.some((r) => r.index === i));
      const answer = await context.call({ operationId: op.contentBatch, json: { items } });
      requireStatus(context, answer, [202], `a batch of ${items.length} valid content items`);
    },
  },
  {
    id: 'schema.upsert-content',
    name: 'a content upsert answers 201 with UpsertResult',
    kind: 'schema',
    writes: true,
    async run(context) {
      const answer = await context.call({ operationId: op.upsertContent, json: singleContent(`${context.runTag}-s`) });
      requireStatus(context, answer, [201], 'upserting one content item');
    },
  },
  {
    id: 'schema.upsert-course',
    name: 'a course upsert answers 201 with UpsertResult',
    kind: 'schema',
    writes: true,
    ...designedRule(spec, ['paths', '/unified/lms/courses', 'put']),
    async run(context) {
      const answer = await context.call({ operationId: op.upsertCourse, json: singleCourse(`${context.runTag}-s`) });
      requireStatus(context, answer, [201], 'upserting one course');
    },
  },
  {
    id: 'behaviour.content-errors-aligned',
    name: 'a content batch answers errors index-aligned with items',
    kind: 'behaviour',
    writes: true,
    async run(context) {
      const { batch, answer } = await sharedContentBatch(context);
      checkAlignment(context, op.contentBatch, answer, batch);
    },
  },
  {
    id: 'behaviour.content-accepted-listed',
    name: 'accepted content items appear in the content list and rejected ones do not',
    kind: 'behaviour',
    writes: true,
    ...designedRule(spec, ['components', 'schemas', 'Content']),
    async run(context) {
      const { batch, answer } = await sharedContentBatch(context);
      const slots = arrayAt(answer.json, 'errors');
      const accepted = batch.items
        .map((item) => String(item.external_reference))
        .filter((_, i) => arrayAt(slots, i).length === 0);
      const batchRef = { operationId: op.contentBatch, answer, listOperation: op.listContent };
      checkAcceptedListed(context, op.listContent, batch, answer, await listedAfterBatch(context, batchRef, accepted));
    },
  },
  {
    id: 'behaviour.upsert-content-idempotent',
    name: 'upserting one content item twice leaves one item with one id',
    kind: 'behaviour',
    writes: true,
    async run(context) {
      await checkIdempotentUpsert(context, op.upsertContent, op.listContent, (title) =>
        singleContent(context.runTag, title),
      );
    },
  },
  {
    id: 'behaviour.upsert-course-idempotent',
    name: 'upserting one course twice leaves one course with one id',
    kind: 'behaviour',
    writes: true,
    ...designedRule(spec, ['paths', '/unified/lms/courses', 'put']),
    async run(context) {
      await checkIdempotentUpsert(context, op.upsertCourse, op.listCourses, (title) =>
        singleCourse(context.runTag, title),
      );
    },
  },
  {
    id: 'behaviour.content-list-paging',
    name: 'the content list pages through every item once, and the last page ends with next null',
    kind: 'behaviour',
    writes: true,
    async run(context) {
      // Three single upserts make sure there are at least three items, so that pages of one item page.
      for (const n of [1, 2, 3]) {
        const item = { ...singleContent(`${context.runTag}-p${n}`), title: `Paging item ${n}` };
        requireStatus(
          context,
          await context.call({ operationId: op.upsertContent, json: item }),
          [201],
          'paging setup',
        );
      }
      const whole = (await listAll(context, op.listContent)).map((r) => String(r.external_reference));
      const paged = (await listAll(context, op.listContent, 1)).map((r) => String(r.external_reference));
      if (paged.length !== whole.length || paged.some((reference, i) => reference !== whole[i])) {
        context.problem({
          operationId: op.listContent,
          pointer: '/next',
          value: { pagedCount: paged.length, wholeCount: whole.length },
          message: `${op.listContent}: paging one item at a time gave ${paged.length} items, one page of 1000 gave ${whole.length}; following next must visit every item once, in the same order`,
        });
      }
    },
  },
  {
    id: 'behaviour.upsert-content-refused',
    name: 'a content upsert that breaks the item schema is a 4xx and writes nothing',
    kind: 'behaviour',
    writes: true,
    async run(context) {
      const reference = `${context.runTag}-NO-TITLE`;
      const answer = await context.call({
        operationId: op.upsertContent,
        json: { external_reference: reference, tags: 'x' },
      });
      expectClientError(context, answer, 'a content item whose tags is a string');
      const listed = (await listAll(context, op.listContent)).filter((r) => r.external_reference === reference);
      if (listed.length > 0)
        context.problem({
          operationId: op.listContent,
          pointer: '/data',
          value: objectAt(listed[0]) ?? null,
          message: `${op.listContent}: the refused item ${reference} must not be listed`,
        });
    },
  },
];
