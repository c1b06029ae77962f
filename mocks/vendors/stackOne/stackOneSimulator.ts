import type { operations } from '../../../openapi/generated/stackone-lms.js';
import { jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import type { ErrorDetail, MockState, OperationCall } from '../../core/simulator.js';
import { defineVendor, type JsonAnswer, type JsonBody } from '../../core/vendorDefinition.js';
import { planJob } from '../../jobs/jobLifecycle.js';
import {
  isRejection,
  partitionByElement,
  readJsonBody,
  readParameters,
  validateRequestBody,
} from '../../spec/requestValidation.js';
import { documents, specFiles } from '../../spec/specRegistry.js';
import { checkStackOneCredentials } from './stackOneAuth.js';
import { courseId, coursesCollection, coursesSettings, courseUpserts, estimateCourse, toCourse } from './courses.js';
import { admitWrite, retryLater } from '../../core/memoryAdmission.js';

/** StackOne keeps the courses of every linked account in the instance state's `courses` collection. */
type StackOneCall = OperationCall;

/** StackOne's error body: `statusCode`, `message`, `timestamp` (the mock's clock), `errorCode`, `provider_errors`. */
function stackOneError(
  status: number,
  code: string,
  message: string,
  details: ErrorDetail[],
  mock: MockState,
): MockResponse {
  return jsonResponse(status, {
    statusCode: status,
    message: details.length > 0 ? `${message}: ${details.map((d) => d.message).join('; ')}` : message,
    timestamp: new Date(mock.clock.now()).toISOString(),
    errorCode: code,
    provider_errors: [],
  });
}

async function batchUpsertCourses(call: StackOneCall): Promise<MockResponse> {
  const { state } = call;
  const params = readParameters(call);
  if (params.problems.length > 0)
    return call.error(400, 'invalid_parameters', 'invalid request parameters', params.problems);
  const body = await readJsonBody(call);
  if (isRejection(body)) return call.reject(body);

  const { perElement, whole } = partitionByElement(validateRequestBody(call, body), '/items');
  if (whole.length > 0) {
    return call.error(
      400,
      'invalid_body',
      'the body must be { "items": [ course, ... ] } with 1 to 100 items',
      whole.map((p) => ({ message: p.message, pointer: p.pointer })),
    );
  }
  // Items that break the item schema are still in the list (reported per item), so each is read loosely.
  const items = (body as JsonBody<operations['batchUpsertCourses']>).items as unknown as Array<Record<string, unknown>>;
  const account = call.request.headers['x-account-id']!;
  const errors: string[][] = items.map((_, i) => (perElement.get(i) ?? []).map(itemMessage));
  const firstIndexOf = new Map<string, number>();
  items.forEach((item, i) => {
    // An item that broke the item schema may not even be an object (null, a number): skip it first.
    if (errors[i]!.length > 0) return;
    const reference = item.external_reference;
    if (typeof reference !== 'string') return;
    const earlier = firstIndexOf.get(reference);
    if (earlier !== undefined)
      errors[i]!.push(
        `Duplicate external_reference "${reference}": also at item ${earlier}; only the first is upserted`,
      );
    else firstIndexOf.set(reference, i);
  });

  const accepted = items.filter((_, i) => errors[i]!.length === 0);
  const payloadBytes = accepted.reduce((sum, item) => sum + estimateCourse(item), 0);
  const full = admitWrite(state, payloadBytes, call.now);
  if (full) return retryLater(call.error(503, 'service_unavailable', full));
  // Ids are drawn now, in item order, so that the same requests give the same ids whatever the timing.
  const planned = accepted.map((item) => ({
    item,
    id: courseId(state.records.byKey(coursesCollection, account, String(item.external_reference))) ?? state.ids.uuid(),
  }));
  const jobId = state.ids.uuid();
  state.jobs.add(
    {
      id: jobId,
      vendor: 'stackone',
      operationId: 'batchUpsertCourses',
      type: 'lms_batch_upsert_course',
      description: `Upsert ${accepted.length} of ${items.length} courses for account ${account}`,
      dryRun: false,
      plan: planJob({
        createdAt: call.now,
        rows: accepted.length,
        timing: state.settings.timing,
        failure: call.failJob,
      }),
      details: { account, items: items.length, accepted: accepted.length },
      payloadBytes,
    },
    courseUpserts(account, planned),
    call.now,
  );
  const answer: JsonAnswer<operations['batchUpsertCourses'], 202> = {
    statusCode: 202,
    message: 'Batch operation accepted',
    timestamp: new Date(call.now).toISOString(),
    errors,
  };
  return jsonResponse(202, answer, { 'x-bulkmock-job-id': jobId });
}

function listCourses(call: StackOneCall): MockResponse {
  const params = readParameters(call);
  if (params.problems.length > 0)
    return call.error(400, 'invalid_parameters', 'invalid request parameters', params.problems);
  const pageSize = (params.values.page_size as number | undefined) ?? 25;
  const cursor = params.values.next as string | undefined;
  const offset = cursor === undefined ? 0 : decodeCursor(cursor);
  if (offset === null) return call.error(400, 'invalid_cursor', `next="${cursor}" is not a cursor this API handed out`);
  const { total, items } = call.state.records.page(
    coursesCollection,
    call.request.headers['x-account-id']!,
    offset,
    pageSize,
  );
  const nextOffset = offset + pageSize;
  return jsonResponse(200, { next: nextOffset < total ? encodeCursor(nextOffset) : null, data: items.map(toCourse) });
}

/**
 * StackOne unified LMS: batch upsert of courses, keyed by `external_reference` within the account
 * named by `x-account-id`. The batch answers 202 at once with one error list per item; the valid
 * items are upserted when the batch's job completes.
 */
export const stackOne = defineVendor<operations>({
  name: 'stackone',
  title: 'StackOne LMS',
  spec: documents.stackone,
  specFile: specFiles.stackone,
  prefixes: ['/unified/'],
  auth: (call) => checkStackOneCredentials(call.request.headers, call.state.settings.keys),
  errors: {
    answer: stackOneError,
    // Only StackOne documents a 412: its linked account belongs to a disabled integration.
    statuses: { 412: ['precondition_failed', 'the linked account belongs to a disabled integration'] },
  },
  // Courses live in the instance state (cleared by the core's reset); this only names their collection.
  state: (mock: MockState) => {
    mock.records.define(coursesCollection, coursesSettings);
    return {};
  },
  operations: { batchUpsertCourses, listCourses },
});

/** The seed's convention: `Missing field: title`; other problems as `<field> must ...`. */
function itemMessage(problem: { keyword: string; field: string | null; message: string }): string {
  return problem.keyword === 'required' && problem.field && !problem.field.includes('.') && !problem.field.includes('[')
    ? `Missing field: ${problem.field}`
    : problem.message;
}

function encodeCursor(offset: number): string {
  return `o${offset.toString(36)}`;
}

function decodeCursor(cursor: string): number | null {
  return /^o[0-9a-z]{1,10}$/.test(cursor) ? parseInt(cursor.slice(1), 36) : null;
}
