import { readRequestedFaults } from '../../core/faults.js';
import { jsonResponse, textResponse, type MockResponse } from '../../core/mockResponse.js';
import type { ErrorDetail, MockState, OperationCall, VendorSimulator } from '../../core/simulator.js';
import { planJob } from '../../jobs/jobLifecycle.js';
import { InvalidUtf8Error, parseJsonLines } from '../../parsing/parseJsonLines.js';
import { resolveLocal, type JsonSchema } from '../../spec/openApiDocument.js';
import { checkMediaType, readParameters, type Rejection } from '../../spec/requestValidation.js';
import { createRuleChecker, readRowRules } from '../../spec/rowRules.js';
import { describeSchemaErrors } from '../../spec/schemaValidators.js';
import { documents, findOperation } from '../../spec/specRegistry.js';
import { checkLearningBuilderCredentials } from './learningBuilderAuth.js';
import { entryOverheadBytes } from '../../core/memoryBudget.js';
import { admitWrite, retryLater } from '../../core/memoryAdmission.js';
import { batchDetails, batchesCollection, batchesSettings, batchScope, renderBatchDetailsPage, type QueueBatch } from './queueBatch.js';

const maxReportedProblems = 100;
/** Past this many unreadable lines a body is refused without reading further. */
const maxCheckedProblems = 1_000;

/** The record schema every JSON Lines line must satisfy, named by the spec's `x-bulkmock-line-schema`. */
function lineSchemaName(): string {
  const document = documents['learning-builder'];
  const body = resolveLocal(document, findOperation('learning-builder', 'createWorkflowImportBatch').operation.requestBody!);
  const ref = (body.content['application/x-ndjson']?.schema?.['x-bulkmock-line-schema'] as { $ref?: string } | undefined)?.$ref;
  const name = ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
  if (!name) throw new Error('openapi/learning-builder.yaml: the JSON Lines body names no x-bulkmock-line-schema');
  return name;
}

/**
 * Learning Builder Workflow Import Queue: CreateBatch takes JSON Lines and queues every record at
 * once (there is no confirmation step). Records that break the record schema fail during processing
 * and are reported per record on the batch details page, which the mock serves itself.
 */
export function createLearningBuilderSimulator(state: MockState): VendorSimulator {
  state.records.define(batchesCollection, batchesSettings);
  const recordSchema = lineSchemaName();
  const recordRules = readRowRules(documents['learning-builder'].components?.schemas?.[recordSchema] as JsonSchema | undefined);

  const error = (status: number, code: string, message: string, details: ErrorDetail[] = []): MockResponse => {
    const body: Record<string, unknown> = { message, errorCode: code.toUpperCase() };
    if (details.length > 0) body.details = details.map((d) => ({ ...(d.line !== undefined && { line: d.line }), ...(d.field !== undefined && { field: d.field }), message: d.message }));
    return jsonResponse(status, body);
  };
  const reject = (r: Rejection) => error(r.status, r.code, r.message, r.details);

  async function createWorkflowImportBatch(call: OperationCall): Promise<MockResponse> {
    const params = readParameters(call);
    if (params.problems.length > 0) return error(400, 'INVALID_QUERY_PARAMETER', 'invalid query parameters', params.problems);
    const importProcessId = String(params.values.importProcessId);
    const known = state.settings.importProcessIds;
    if (known !== null && !known.includes(importProcessId)) {
      return error(404, 'IMPORT_PROCESS_NOT_FOUND', `No import process with id ${importProcessId} exists.`, [{ field: 'importProcessId', message: `no import process with this id; this mock knows ${known.join(', ')}` }]);
    }
    const mediaProblem = checkMediaType(call);
    if (mediaProblem) return reject(mediaProblem);

    let parsed;
    const maxRows = state.settings.maxRowsPerImport;
    try {
      parsed = await parseJsonLines(call.request.body.chunks(), { maxLineLength: state.settings.maxLineLength, maxRecords: maxRows, maxProblems: maxCheckedProblems });
    } catch (e) {
      if (e instanceof InvalidUtf8Error) return error(400, 'INVALID_ENCODING', e.message, [{ line: e.line, message: e.message }]);
      throw e;
    }
    // Size before content: the count is known before any record is validated.
    if (parsed.recordCount > maxRows) {
      return error(422, 'TOO_MANY_RECORDS', `the batch has ${parsed.recordCount} records; this mock accepts at most ${maxRows} per batch (--max-rows)`);
    }
    if (parsed.problems.length > 0) {
      const shown = parsed.problems.slice(0, maxReportedProblems);
      const stopped = parsed.problemCount >= maxCheckedProblems;
      const more = parsed.problemCount - shown.length;
      const count = stopped ? `at least ${parsed.problemCount} line(s) (reading stopped at ${maxCheckedProblems} problems)` : `${parsed.problemCount} line(s)`;
      return error(400, 'INVALID_JSON_LINE', `${count} could not be read as JSON objects; nothing was queued${more > 0 ? ` (first ${shown.length} listed)` : ''}`, shown);
    }
    if (parsed.records.length === 0) return error(422, 'NO_RECORDS', 'the body holds no records: send one JSON object per line');

    // Text, one copy of each record as data, and the per-record overhead (docs/limits.md).
    const bytes = parsed.recordText * 2 + parsed.records.length * entryOverheadBytes.record;
    const full = admitWrite(state, bytes, call.now);
    if (full) return retryLater(error(503, 'SERVICE_UNAVAILABLE', full));

    const validate = state.validators.schema('learning-builder', recordSchema);
    const checkRules = createRuleChecker(recordRules, 'line');
    const records = parsed.records.map(({ line, value }) => {
      const errors = validate(value) ? [] : describeSchemaErrors(validate.errors).map((p) => ({ ...(p.field && { field: p.field }), message: p.message }));
      if (errors.length === 0) errors.push(...checkRules(value, line).map((p) => ({ field: p.field, message: p.message })));
      return { line, data: value, errors };
    });

    const faults = readRequestedFaults(call.request.headers);
    const failJob = 'error' in faults ? null : faults.failJob;
    const id = state.ids.uuid();
    const creationPath = params.values.creationPath as string | undefined;
    const batch: QueueBatch = {
      queueBatchId: id,
      importProcessId,
      fileName: (params.values.fileName as string | undefined) ?? null,
      creationPath: creationPath ? `IMPORT_QUEUE_API:${creationPath}` : null,
      sendSuccessEmailTo: (params.values.sendSuccessEmailTo as string | undefined) ?? null,
      sendFailureEmailTo: (params.values.sendFailureEmailTo as string | undefined) ?? null,
      records,
    };
    // The batch is stored at once, charged what it was admitted for; it goes when its job is dropped.
    state.records.put(batchesCollection, batchScope, { id, fields: { ...batch }, bytes }, new Date(call.now).toISOString());
    state.jobs.add(
      {
        id,
        vendor: 'learning-builder',
        operationId: 'createWorkflowImportBatch',
        type: 'WORKFLOW_IMPORT_QUEUE_BATCH',
        description: `Workflow import of ${records.length} records for import process ${batch.importProcessId}${batch.fileName ? ` (${batch.fileName})` : ''}`,
        dryRun: false,
        plan: planJob({ createdAt: call.now, rows: records.length, timing: state.settings.timing, failure: failJob ? { message: failJob, atFraction: 0.5 } : null }),
        details: { queueBatch: { creationPath: batch.creationPath, sendSuccessEmailTo: batch.sendSuccessEmailTo, sendFailureEmailTo: batch.sendFailureEmailTo } },
        holds: [{ collection: batchesCollection, scope: batchScope, id }],
      },
      null,
      call.now,
    );
    return jsonResponse(200, { queueBatchId: id, queueBatchDetails: `${call.origin}/__bulkmock/learning-builder/batches/${encodeURIComponent(id)}` });
  }

  function getQueueBatchDetails(call: OperationCall): MockResponse {
    const id = call.match.pathParams.queueBatchId ?? '';
    const batch = state.records.get(batchesCollection, batchScope, id)?.fields as QueueBatch | undefined;
    const job = state.jobs.get(id, call.now);
    if (!batch || !job) return error(404, 'QUEUE_BATCH_NOT_FOUND', `no queue batch with id ${id}`);
    const details = batchDetails(batch, job);
    const accept = call.request.headers['accept'] ?? '';
    const wantsHtml = accept.includes('text/html') && (!accept.includes('application/json') || accept.indexOf('text/html') < accept.indexOf('application/json'));
    return wantsHtml ? textResponse(200, renderBatchDetailsPage(details), 'text/html; charset=utf-8') : jsonResponse(200, details);
  }

  return {
    spec: 'learning-builder',
    authenticate(call) {
      const refusal = checkLearningBuilderCredentials(call.request.headers, state.settings.keys);
      return refusal && reject(refusal);
    },
    error,
    handlers: { createWorkflowImportBatch, getQueueBatchDetails },
    // Batches are the instance state's: the core's reset clears them.
    reset: () => undefined,
  };
}
