import { jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import type { ErrorDetail, MockState, OperationCall, VendorSimulator } from '../../core/simulator.js';
import { planJob } from '../../jobs/jobLifecycle.js';
import { readRequestedFaults } from '../../core/faults.js';
import { isRejection, partitionByElement, readJsonBody, readParameters, validateRequestBody, type Rejection } from '../../spec/requestValidation.js';
import { checkStackOneCredentials } from './stackOneAuth.js';
import { courseId, coursesCollection, coursesSettings, courseUpserts, estimateCourse, toCourse } from './courses.js';
import { admitWrite, retryLater } from '../../core/memoryAdmission.js';

/**
 * StackOne unified LMS: batch upsert of courses, keyed by `external_reference` within the account
 * named by `x-account-id`. The batch answers 202 at once with one error list per item; the valid
 * items are upserted when the batch's job completes.
 */
export function createStackOneSimulator(state: MockState): VendorSimulator {
  state.records.define(coursesCollection, coursesSettings);

  const error = (status: number, code: string, message: string, details: ErrorDetail[] = []): MockResponse =>
    jsonResponse(status, {
      statusCode: status,
      message: details.length > 0 ? `${message}: ${details.map((d) => d.message).join('; ')}` : message,
      timestamp: new Date(state.clock.now()).toISOString(),
      errorCode: code,
      provider_errors: [],
    });

  const reject = (r: Rejection) => error(r.status, r.code, r.message, r.details);

  async function batchUpsertCourses(call: OperationCall): Promise<MockResponse> {
    const params = readParameters(call);
    if (params.problems.length > 0) return error(400, 'invalid_parameters', 'invalid request parameters', params.problems);
    const body = await readJsonBody(call);
    if (isRejection(body)) return reject(body);

    const { perElement, whole } = partitionByElement(validateRequestBody(call, body), '/items');
    if (whole.length > 0) {
      return error(400, 'invalid_body', 'the body must be { "items": [ course, ... ] } with 1 to 100 items', whole.map((p) => ({ message: p.message, pointer: p.pointer })));
    }
    const items = (body as { items: Array<Record<string, unknown>> }).items;
    const account = call.request.headers['x-account-id']!;
    const errors: string[][] = items.map((_, i) => (perElement.get(i) ?? []).map(itemMessage));
    const firstIndexOf = new Map<string, number>();
    items.forEach((item, i) => {
      // An item that broke the item schema may not even be an object (null, a number): skip it first.
      if (errors[i]!.length > 0) return;
      const reference = item.external_reference;
      if (typeof reference !== 'string') return;
      const earlier = firstIndexOf.get(reference);
      if (earlier !== undefined) errors[i]!.push(`Duplicate external_reference "${reference}": also at item ${earlier}; only the first is upserted`);
      else firstIndexOf.set(reference, i);
    });

    const accepted = items.filter((_, i) => errors[i]!.length === 0);
    const payloadBytes = accepted.reduce((sum, item) => sum + estimateCourse(item), 0);
    const full = admitWrite(state, payloadBytes, call.now);
    if (full) return retryLater(error(503, 'service_unavailable', full));
    // Ids are drawn now, in item order, so that the same requests give the same ids whatever the timing.
    const planned = accepted.map((item) => ({ item, id: courseId(state.records.byKey(coursesCollection, account, String(item.external_reference))) ?? state.ids.uuid() }));
    const faults = readRequestedFaults(call.request.headers);
    const failJob = 'error' in faults ? null : faults.failJob;
    const jobId = state.ids.uuid();
    state.jobs.add(
      {
        id: jobId,
        vendor: 'stackone',
        operationId: 'batchUpsertCourses',
        type: 'lms_batch_upsert_course',
        description: `Upsert ${accepted.length} of ${items.length} courses for account ${account}`,
        dryRun: false,
        plan: planJob({ createdAt: call.now, rows: accepted.length, timing: state.settings.timing, failure: failJob ? { message: failJob, atFraction: 0.5 } : null }),
        details: { account, items: items.length, accepted: accepted.length },
        payloadBytes,
      },
      courseUpserts(account, planned),
      call.now,
    );
    return jsonResponse(
      202,
      { statusCode: 202, message: 'Batch operation accepted', timestamp: new Date(call.now).toISOString(), errors },
      { 'x-bulkmock-job-id': jobId },
    );
  }

  function listCourses(call: OperationCall): MockResponse {
    const params = readParameters(call);
    if (params.problems.length > 0) return error(400, 'invalid_parameters', 'invalid request parameters', params.problems);
    const pageSize = (params.values.page_size as number | undefined) ?? 25;
    const cursor = params.values.next as string | undefined;
    const offset = cursor === undefined ? 0 : decodeCursor(cursor);
    if (offset === null) return error(400, 'invalid_cursor', `next="${cursor}" is not a cursor this API handed out`);
    const { total, items } = state.records.page(coursesCollection, call.request.headers['x-account-id']!, offset, pageSize);
    const nextOffset = offset + pageSize;
    return jsonResponse(200, { next: nextOffset < total ? encodeCursor(nextOffset) : null, data: items.map(toCourse) });
  }

  return {
    spec: 'stackone',
    authenticate(call) {
      const refusal = checkStackOneCredentials(call.request.headers, state.settings.keys);
      return refusal && reject(refusal);
    },
    error,
    handlers: { batchUpsertCourses, listCourses },
    // Courses are the instance state's: the core's reset clears them.
    reset: () => undefined,
  };
}

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
