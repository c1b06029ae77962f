import { isoTime } from '../../core/clock.js';
import { admitWrite, retryLater } from '../../core/memoryAdmission.js';
import { jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import type { OperationCall } from '../../core/simulator.js';
import { planJob } from '../../jobs/jobLifecycle.js';
import {
  isRejection,
  partitionByElement,
  readJsonBody,
  readParameters,
  validateRequestBody,
} from '../../spec/requestValidation.js';
import { describeSchemaErrors } from '../../spec/schemaValidators.js';
import {
  batchUpserts,
  estimateRecord,
  listedRecord,
  recordWrite,
  storedFields,
  storedId,
  type PlannedUpsert,
  type UnifiedRecordKind,
} from './unifiedRecords.js';

/**
 * The three StackOne unified operations every record family has, generic over the family
 * (unifiedRecords.ts): the batch upsert (202 with index-aligned errors, upserts when its job
 * completes), the single upsert (written at once, 201 UpsertResult) and the paged list.
 */
type Handler = (call: OperationCall) => Promise<MockResponse> | MockResponse;

const accountOf = (call: OperationCall) => call.request.headers['x-account-id']!;

/** `POST /unified/lms/<family>/batch`. */
export function batchUpsertHandler(kind: UnifiedRecordKind, operationId: string): Handler {
  return async (call) => {
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
        `the body must be { "items": [ ${kind.noun}, ... ] } with 1 to 100 items`,
        whole.map((p) => ({ message: p.message, pointer: p.pointer })),
      );
    }
    // Items that break the item schema are still in the list (reported per item), so each is read loosely.
    const items = (body as { items: Array<Record<string, unknown>> }).items;
    const account = accountOf(call);
    const errors: string[][] = items.map((_, i) => (perElement.get(i) ?? []).map(itemMessage));
    flagRepeatedReferences(items, errors);

    const accepted = items.filter((_, i) => errors[i]!.length === 0);
    // Each record is estimated once: its job is admitted for the sum, and each is charged its own when written.
    const sized = accepted.map((item) => {
      const fields = storedFields(kind, item);
      return { item, fields, bytes: estimateRecord(fields) };
    });
    const payloadBytes = sized.reduce((sum, { bytes }) => sum + bytes, 0);
    const full = admitWrite(state, payloadBytes, call.now);
    if (full) return retryLater(call.error(503, 'service_unavailable', full));
    // Ids are drawn now, in item order, so that the same requests give the same ids whatever the timing.
    const planned: PlannedUpsert[] = sized.map(({ item, fields, bytes }) => ({
      item,
      fields,
      bytes,
      id: storedId(state.records.byKey(kind.collection, account, String(item.external_reference))) ?? state.ids.uuid(),
    }));
    const jobId = state.ids.uuid();
    state.jobs.add(
      {
        id: jobId,
        vendor: 'stackone',
        operationId,
        type: kind.jobType,
        description: `Upsert ${accepted.length} of ${items.length} ${kind.plural} for account ${account}`,
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
      batchUpserts(kind, account, planned),
      call.now,
    );
    const timestamp = isoTime(call.now);
    const answer = { statusCode: 202, message: 'Batch operation accepted', timestamp, errors };
    return jsonResponse(202, answer, { 'x-bulkmock-job-id': jobId });
  };
}

/** `PUT /unified/lms/<family>`: one item, upserted by `external_reference` at once. */
export function singleUpsertHandler(kind: UnifiedRecordKind): Handler {
  return async (call) => {
    const { state } = call;
    const params = readParameters(call);
    if (params.problems.length > 0)
      return call.error(400, 'invalid_parameters', 'invalid request parameters', params.problems);
    const body = await readJsonBody(call);
    if (isRejection(body)) return call.reject(body);
    const problems = describeSchemaErrors(validateRequestBody(call, body));
    if (problems.length > 0) {
      const details = problems.map((p) => ({ message: itemMessage(p), pointer: p.pointer }));
      return call.error(400, 'invalid_body', `the body is not a valid ${kind.noun}`, details);
    }
    const item = body as Record<string, unknown>;
    const account = accountOf(call);
    const id =
      storedId(state.records.byKey(kind.collection, account, String(item.external_reference))) ?? state.ids.uuid();
    const fields = storedFields(kind, item);
    const bytes = estimateRecord(fields);
    const full = admitWrite(state, bytes, call.now);
    if (full) return retryLater(call.error(503, 'service_unavailable', full));
    const timestamp = isoTime(call.now);
    const write = recordWrite(kind, item, id, fields);
    write.bytes = bytes;
    state.records.put(kind.collection, account, write, timestamp);
    const answer = {
      statusCode: 201,
      message: kind.upsertedMessage,
      timestamp,
      data: { external_reference: write.key, id },
    };
    return jsonResponse(201, answer);
  };
}

/** `GET /unified/lms/<family>`: the account's records in creation order, a page at a time. */
export function listHandler(kind: UnifiedRecordKind): Handler {
  return (call) => {
    const params = readParameters(call);
    if (params.problems.length > 0)
      return call.error(400, 'invalid_parameters', 'invalid request parameters', params.problems);
    const pageSize = (params.values.page_size as number | undefined) ?? 25;
    const cursor = params.values.next as string | undefined;
    const offset = cursor === undefined ? 0 : decodeCursor(cursor);
    if (offset === null)
      return call.error(400, 'invalid_cursor', `next="${cursor}" is not a cursor this API handed out`);
    const { total, items } = call.state.records.page(kind.collection, accountOf(call), offset, pageSize);
    const nextOffset = offset + pageSize;
    return jsonResponse(200, {
      next: nextOffset < total ? encodeCursor(nextOffset) : null,
      data: items.map(listedRecord),
    });
  };
}

/** A repeated `external_reference` is refused on the later item: only the first is upserted. */
function flagRepeatedReferences(items: ReadonlyArray<Record<string, unknown>>, errors: string[][]): void {
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
