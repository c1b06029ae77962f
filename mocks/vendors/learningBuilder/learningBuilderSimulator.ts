import type { operations } from '../../../openapi/generated/learning-builder.js';
import { jsonResponse, textResponse, type MockResponse } from '../../core/mockResponse.js';
import type { ErrorDetail, MockState, OperationCall } from '../../core/simulator.js';
import { defineVendor, type JsonAnswer, type QueryParams } from '../../core/vendorDefinition.js';
import { planJob } from '../../jobs/jobLifecycle.js';
import { InvalidUtf8Error, parseJsonLines } from '../../parsing/parseJsonLines.js';
import { requestBodyOf } from '../../spec/operationRequestBody.js';
import { schemaNameOf } from '../../spec/specRefs.js';
import { rowRulesOf } from '../../spec/specSchemas.js';
import { checkMediaType, readParameters } from '../../spec/requestValidation.js';
import { createRuleChecker, type RowRule } from '../../spec/rowRules.js';
import { describeSchemaErrors } from '../../spec/schemaValidators.js';
import { documents, findOperation, specFiles } from '../../spec/specRegistry.js';
import { checkLearningBuilderCredentials } from './learningBuilderAuth.js';
import { entryOverheadBytes } from '../../core/memoryBudget.js';
import { admitWrite, retryLater } from '../../core/memoryAdmission.js';
import {
  batchDetails,
  batchesCollection,
  batchesSettings,
  batchScope,
  renderBatchDetailsPage,
  type QueueBatch,
} from './queueBatch.js';

const maxReportedProblems = 100;
/** Past this many unreadable lines a body is refused without reading further. */
const maxCheckedProblems = 1_000;

/** The record schema every JSON Lines line must satisfy, named by the spec's `x-bulkmock-line-schema`. */
function lineSchemaName(): string {
  const body = requestBodyOf(findOperation('learning-builder', 'createWorkflowImportBatch'))?.body;
  const name = schemaNameOf(body?.content['application/x-ndjson']?.schema?.['x-bulkmock-line-schema']);
  if (!name) throw new Error('openapi/learning-builder.yaml: the JSON Lines body names no x-bulkmock-line-schema');
  return name;
}

/**
 * What Learning Builder keeps per mock instance besides its queue batches (those are the instance
 * state's `batches` collection, cleared by the core's reset): the record rules read from the spec.
 */
interface LearningBuilderState {
  recordSchema: string;
  recordRules: RowRule[];
}

type LearningBuilderCall = OperationCall<LearningBuilderState>;

function learningBuilderState(mock: MockState): LearningBuilderState {
  mock.records.define(batchesCollection, batchesSettings);
  const recordSchema = lineSchemaName();
  return { recordSchema, recordRules: rowRulesOf('learning-builder', recordSchema) };
}

/** Learning Builder's error body: `message`, an upper-case `errorCode`, and `details` by line and field. */
function learningBuilderError(status: number, code: string, message: string, details: ErrorDetail[]): MockResponse {
  const body: Record<string, unknown> = { message, errorCode: code.toUpperCase() };
  if (details.length > 0)
    body.details = details.map((d) => ({
      ...(d.line !== undefined && { line: d.line }),
      ...(d.field !== undefined && { field: d.field }),
      message: d.message,
    }));
  return jsonResponse(status, body);
}

async function createWorkflowImportBatch(call: LearningBuilderCall): Promise<MockResponse> {
  const { state } = call;
  const { recordSchema, recordRules } = call.vendor;
  const params = readParameters(call);
  if (params.problems.length > 0)
    return call.error(400, 'INVALID_QUERY_PARAMETER', 'invalid query parameters', params.problems);
  const query = params.values as QueryParams<operations['createWorkflowImportBatch']>;
  const importProcessId = String(query.importProcessId);
  const known = state.settings.importProcessIds;
  if (known !== null && !known.includes(importProcessId)) {
    return call.error(404, 'IMPORT_PROCESS_NOT_FOUND', `No import process with id ${importProcessId} exists.`, [
      { field: 'importProcessId', message: `no import process with this id; this mock knows ${known.join(', ')}` },
    ]);
  }
  const mediaProblem = checkMediaType(call);
  if (mediaProblem) return call.reject(mediaProblem);

  let parsed;
  const maxRows = state.settings.maxRowsPerImport;
  try {
    parsed = await parseJsonLines(call.request.body.chunks(), {
      maxLineLength: state.settings.maxLineLength,
      maxRecords: maxRows,
      maxProblems: maxCheckedProblems,
    });
  } catch (e) {
    if (e instanceof InvalidUtf8Error)
      return call.error(400, 'INVALID_ENCODING', e.message, [{ line: e.line, message: e.message }]);
    throw e;
  }
  // Size before content: the count is known before any record is validated.
  if (parsed.recordCount > maxRows) {
    return call.error(
      422,
      'TOO_MANY_RECORDS',
      `the batch has ${parsed.recordCount} records; this mock accepts at most ${maxRows} per batch (--max-rows)`,
    );
  }
  if (parsed.problems.length > 0) {
    const shown = parsed.problems.slice(0, maxReportedProblems);
    const stopped = parsed.problemCount >= maxCheckedProblems;
    const more = parsed.problemCount - shown.length;
    const count = stopped
      ? `at least ${parsed.problemCount} line(s) (reading stopped at ${maxCheckedProblems} problems)`
      : `${parsed.problemCount} line(s)`;
    return call.error(
      400,
      'INVALID_JSON_LINE',
      `${count} could not be read as JSON objects; nothing was queued${more > 0 ? ` (first ${shown.length} listed)` : ''}`,
      shown,
    );
  }
  if (parsed.records.length === 0)
    return call.error(422, 'NO_RECORDS', 'the body holds no records: send one JSON object per line');

  // Text, one copy of each record as data, and the per-record overhead (docs/limits.md).
  const bytes = parsed.recordText * 2 + parsed.records.length * entryOverheadBytes.record;
  const full = admitWrite(state, bytes, call.now);
  if (full) return retryLater(call.error(503, 'SERVICE_UNAVAILABLE', full));

  const validate = state.validators.schema('learning-builder', recordSchema);
  const checkRules = createRuleChecker(recordRules, 'line');
  const records = parsed.records.map(({ line, value }) => {
    const errors = validate(value)
      ? []
      : describeSchemaErrors(validate.errors).map((p) => ({ ...(p.field && { field: p.field }), message: p.message }));
    if (errors.length === 0)
      errors.push(...checkRules(value, line).map((p) => ({ field: p.field, message: p.message })));
    return { line, data: value, errors };
  });

  const id = state.ids.uuid();
  const batch: QueueBatch = {
    queueBatchId: id,
    importProcessId,
    fileName: query.fileName ?? null,
    creationPath: query.creationPath ? `IMPORT_QUEUE_API:${query.creationPath}` : null,
    sendSuccessEmailTo: query.sendSuccessEmailTo ?? null,
    sendFailureEmailTo: query.sendFailureEmailTo ?? null,
    records,
  };
  // The batch is stored at once, charged what it was admitted for; it goes when its job is dropped.
  state.records.put(
    batchesCollection,
    batchScope,
    { id, fields: { ...batch }, bytes },
    new Date(call.now).toISOString(),
  );
  state.jobs.add(
    {
      id,
      vendor: 'learning-builder',
      operationId: 'createWorkflowImportBatch',
      type: 'WORKFLOW_IMPORT_QUEUE_BATCH',
      description: `Workflow import of ${records.length} records for import process ${batch.importProcessId}${batch.fileName ? ` (${batch.fileName})` : ''}`,
      dryRun: false,
      plan: planJob({
        createdAt: call.now,
        rows: records.length,
        timing: state.settings.timing,
        failure: call.failJob,
      }),
      details: {
        queueBatch: {
          creationPath: batch.creationPath,
          sendSuccessEmailTo: batch.sendSuccessEmailTo,
          sendFailureEmailTo: batch.sendFailureEmailTo,
        },
      },
      holds: [{ collection: batchesCollection, scope: batchScope, id }],
    },
    null,
    call.now,
  );
  const answer: JsonAnswer<operations['createWorkflowImportBatch'], 200> = {
    queueBatchId: id,
    queueBatchDetails: `${call.origin}/__bulkmock/learning-builder/batches/${encodeURIComponent(id)}`,
  };
  return jsonResponse(200, answer);
}

function getQueueBatchDetails(call: LearningBuilderCall): MockResponse {
  const id = call.match.pathParams.queueBatchId ?? '';
  const batch = call.state.records.get(batchesCollection, batchScope, id)?.fields as QueueBatch | undefined;
  const job = call.state.jobs.get(id, call.now);
  if (!batch || !job) return call.error(404, 'QUEUE_BATCH_NOT_FOUND', `no queue batch with id ${id}`);
  const details = batchDetails(batch, job);
  const accept = call.request.headers['accept'] ?? '';
  const wantsHtml =
    accept.includes('text/html') &&
    (!accept.includes('application/json') || accept.indexOf('text/html') < accept.indexOf('application/json'));
  return wantsHtml
    ? textResponse(200, renderBatchDetailsPage(details), 'text/html; charset=utf-8')
    : jsonResponse(200, details);
}

/**
 * Learning Builder Workflow Import Queue: CreateBatch takes JSON Lines and queues every record at
 * once (there is no confirmation step). Records that break the record schema fail during processing
 * and are reported per record on the batch details page, which the mock serves itself.
 */
export const learningBuilder = defineVendor<operations, LearningBuilderState>({
  name: 'learning-builder',
  title: 'Learning Builder',
  spec: documents['learning-builder'],
  specFile: specFiles['learning-builder'],
  prefixes: ['/API/'],
  auth: (call) => checkLearningBuilderCredentials(call.request.headers, call.state.settings.keys),
  errors: { answer: learningBuilderError },
  state: learningBuilderState,
  operations: { createWorkflowImportBatch, getQueueBatchDetails },
});
