import { readRequestedFaults } from '../../core/faults.js';
import { mediaType } from '../../core/mockRequest.js';
import { emptyResponse, jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import type { ErrorDetail, MockState, OperationCall, VendorSimulator } from '../../core/simulator.js';
import { planJob, type JobTiming } from '../../jobs/jobLifecycle.js';
import { resolveLocal, type JsonSchema, type ResponseObject } from '../../spec/openApiDocument.js';
import { checkMediaType, isRejection, partitionByElement, readJsonBody, readParameters, validateRequestBody, type Rejection } from '../../spec/requestValidation.js';
import { describeSchemaErrors } from '../../spec/schemaValidators.js';
import { documents, findOperation } from '../../spec/specRegistry.js';
import { validateAsset } from './assetImport.js';
import { assetPathProblem, assetPathRules } from './assetPath.js';
import { normalizeAssetPath } from '../../state/assetTable.js';
import { toBackgroundJob } from './backgroundJob.js';
import { planCertificateTemplates, rejectTemplatesBody } from './certificateTemplates.js';
import { importUpserts, recordCollection, recordCollectionNames, recordScope, templateUpserts, toImportedRecord, type RecordCollection } from './importedRecords.js';
import { acceptsThoughtIndustriesKey } from './thoughtIndustriesAuth.js';
import { estimateFieldsBytes } from '../../core/memoryBudget.js';
import { admitWrite, retryLater } from '../../core/memoryAdmission.js';

/** The asset-based imports: which row schema each reads and which collection it writes. */
const assetImports = {
  bulkImportCourseGroupWebinars: { rowSchema: 'WebinarImportRow', collection: 'webinars', jobType: 'courseGroupWebinarBulkImport', noun: 'course group webinars' },
  bulkImportInPersonEventSessions: { rowSchema: 'InPersonEventImportRow', collection: 'inPersonEvents', jobType: 'inPersonEventBulkImport', noun: 'in-person event sessions' },
} as const satisfies Record<string, { rowSchema: string; collection: RecordCollection; jobType: string; noun: string }>;

const instant: JobTiming = { mode: 'instant', baseDelayMs: 0, perRowMs: 0 };

/**
 * The name a successful answer is wrapped under (`{ data: { <name>: ... } }`), read from the
 * operation's 200 response schema so it is written once, in the spec.
 */
function payloadName(operationId: string): string {
  const document = documents['thought-industries'];
  const response = resolveLocal<ResponseObject>(document, findOperation('thought-industries', operationId).operation.responses!['200']!);
  let schema = response.content?.['application/json']?.schema as JsonSchema | undefined;
  if (schema && typeof schema.$ref === 'string') schema = resolveLocal<JsonSchema>(document, { $ref: schema.$ref });
  const data = (schema?.properties as Record<string, JsonSchema> | undefined)?.data;
  const name = Object.keys((data?.properties as object | undefined) ?? {})[0];
  if (!name) throw new Error(`openapi/thought-industries.yaml: the 200 answer of ${operationId} has no data.<name> wrapper`);
  return name;
}

/**
 * Thought Industries: file-based bulk imports of webinars and in-person events (validated row by row
 * against the spec's row schemas), bulk certificate templates, and background job polling.
 */
export function createThoughtIndustriesSimulator(state: MockState): VendorSimulator {
  const { assets } = state;
  const payloadNames = new Map<string, string>();
  const wrap = (operationId: string, payload: unknown) => {
    let name = payloadNames.get(operationId);
    if (!name) payloadNames.set(operationId, (name = payloadName(operationId)));
    return { data: { [name]: payload } };
  };

  const error = (status: number, code: string, message: string, details: ErrorDetail[] = []): MockResponse => {
    // The vendor answers 401 with an empty body.
    if (status === 401) return emptyResponse(401);
    const entries = details.length > 0
      ? details.map((d) => ({ code, message: d.message, ...(d.row !== undefined && { row: d.row }), ...(d.field !== undefined && { field: d.field }), ...(d.pointer !== undefined && { pointer: d.pointer }) }))
      : [{ code, message }];
    if (details.length > 0 && !details.some((d) => d.message === message)) entries.unshift({ code, message });
    return jsonResponse(status, { errors: entries });
  };
  const reject = (r: Rejection) => error(r.status, r.code, r.message, r.details);
  const failureFrom = (call: OperationCall) => {
    const faults = readRequestedFaults(call.request.headers);
    return 'error' in faults || !faults.failJob ? null : { message: faults.failJob, atFraction: 0.5 };
  };

  async function readBody(call: OperationCall): Promise<Record<string, unknown> | Rejection> {
    const body = await readJsonBody(call);
    // The spec's codes: invalid_json when the body cannot be read as JSON, invalid_request otherwise.
    if (isRejection(body)) return { ...body, code: body.status === 415 ? 'unsupported_media_type' : body.code === 'invalid_json' ? 'invalid_json' : 'invalid_request' };
    return body as Record<string, unknown>;
  }

  function assetImport(operationId: keyof typeof assetImports) {
    const config = assetImports[operationId];
    return async (call: OperationCall): Promise<MockResponse> => {
      const body = await readBody(call);
      if (isRejection(body)) return reject(body);
      const problems = describeSchemaErrors(validateRequestBody(call, body));
      if (problems.length > 0) {
        return error(400, 'invalid_request', 'the body must be { "bulkImportAssetPath": string, "dryRun"?: boolean }', problems.map((p) => ({ message: p.message, pointer: p.pointer, ...(p.field && { field: p.field }) })));
      }
      const path = normalizeAssetPath(String(body.bulkImportAssetPath));
      const dryRun = body.dryRun === true;
      const asset = assets.get(path);
      if (!asset) return error(404, 'asset_not_found', `no asset is stored at ${path}; upload it first (PUT /__bulkmock/assets/${path})`);
      const report = validateAsset({ path, bytes: asset.bytes, rowSchema: config.rowSchema, maxRows: state.settings.maxRowsPerImport }, state.validators);
      if (isRejection(report)) return reject(report);

      const rows = report.validRows.length;
      const jobId = state.ids.uuid();
      // Ids of new records are drawn now, in row order, so that ids do not depend on timing.
      let payloadBytes = 0;
      if (!dryRun) {
        for (const { values } of report.validRows) payloadBytes += estimateFieldsBytes(values);
        const full = admitWrite(state, payloadBytes, call.now);
        if (full) return retryLater(error(503, 'service_unavailable', full));
      }
      const effects = dryRun ? null : importUpserts(config.collection, report.validRows.map((r) => r.values), () => state.ids.uuid());
      state.jobs.add(
        {
          id: jobId,
          vendor: 'thought-industries',
          operationId,
          type: config.jobType,
          description: `${dryRun ? 'Dry run of the import' : 'Import'} of ${rows} ${config.noun} from ${path}`,
          dryRun,
          plan: planJob({ createdAt: call.now, rows, timing: dryRun ? instant : state.settings.timing, failure: dryRun ? null : failureFrom(call) }),
          details: { assetPath: path, invalidRows: report.invalidRows.length },
          payloadBytes,
        },
        effects,
        call.now,
      );
      const job = state.jobs.get(jobId, call.now)!;
      return jsonResponse(200, wrap(operationId, { dryRun, validRows: report.validRows, invalidRows: report.invalidRows, backgroundJob: toBackgroundJob(job) }));
    };
  }

  async function bulkCreateCertificateTemplates(call: OperationCall): Promise<MockResponse> {
    const body = await readBody(call);
    if (isRejection(body)) return reject(body);
    const { perElement, whole } = partitionByElement(validateRequestBody(call, body), '/templates');
    const refusal = rejectTemplatesBody(whole);
    if (refusal) return reject(refusal);
    const dryRun = body.dryRun === true;
    const templates = body.templates as unknown[];
    // The job's id is drawn first, as in every bulk operation, so that a preload can choose it.
    const jobId = state.ids.uuid();
    const plan = planCertificateTemplates(templates, perElement, { records: state.records, validators: state.validators, ids: state.ids });
    if (!dryRun) {
      const full = admitWrite(state, plan.writes.reduce((sum, w) => sum + estimateFieldsBytes(w.fields), 0), call.now);
      if (full) return retryLater(error(503, 'service_unavailable', full));
    }
    if (dryRun) plan.warnings.unshift('dry run: nothing was stored, and the ids in createdIds will not be the ids of a real call');
    const changed = plan.createdIds.length + plan.updatedIds.length;
    state.jobs.add(
      {
        id: jobId,
        vendor: 'thought-industries',
        operationId: 'bulkCreateCertificateTemplates',
        type: 'certificateTemplateBulkCreate',
        description: `${dryRun ? 'Dry run: ' : ''}${plan.createdIds.length} certificate template${plan.createdIds.length === 1 ? '' : 's'} created, ${plan.updatedIds.length} updated, ${plan.errors.length} rejected`,
        dryRun,
        // The vendor answers with the job already complete: the templates are written at once.
        plan: planJob({ createdAt: call.now, rows: changed, timing: instant }),
        details: {},
      },
      dryRun ? null : templateUpserts(plan.writes),
      call.now,
    );
    const job = state.jobs.get(jobId, call.now)!;
    return jsonResponse(
      200,
      wrap('bulkCreateCertificateTemplates', {
        createdCount: plan.createdIds.length,
        updatedCount: plan.updatedIds.length,
        createdIds: plan.createdIds,
        updatedIds: plan.updatedIds,
        errors: plan.errors,
        warnings: plan.warnings,
        backgroundJob: toBackgroundJob(job),
      }),
    );
  }

  function getBackgroundJob(call: OperationCall): MockResponse {
    const params = readParameters(call);
    if (params.problems.length > 0) return error(400, 'invalid_request', 'invalid job id', params.problems);
    const job = state.jobs.get(String(params.values.id), call.now);
    if (!job || job.vendor !== 'thought-industries') return error(404, 'not_found', `no background job with id ${params.values.id}`);
    return jsonResponse(200, wrap('getBackgroundJob', toBackgroundJob(job)));
  }

  async function uploadImportAsset(call: OperationCall): Promise<MockResponse> {
    // curl -T and many upload tools send no Content-Type: take that as application/octet-stream.
    if (mediaType(call.request.headers) !== '') {
      const mediaProblem = checkMediaType(call);
      if (mediaProblem) return reject(mediaProblem);
    }
    const params = readParameters(call);
    const decoded = call.match.pathParams.assetPath ?? '';
    // The spec's pattern, then the same rules segment by segment, with the reason named.
    const problem = assetPathProblem(decoded) ?? (params.problems.length > 0 ? 'it does not match the pattern of the spec' : null);
    if (problem) return error(400, 'invalid_asset_path', `${JSON.stringify(decoded)} is not a valid asset path: ${problem} (${assetPathRules})`);
    const path = String(params.values.assetPath);
    const bytes = await call.request.body.bytes();
    const full = admitWrite(state, assets.growthOf(path, bytes.byteLength), call.now);
    // The control API's own status for a full store: 507 Insufficient Storage.
    if (full) return error(507, 'insufficient_storage', full);
    const contentType = mediaType(call.request.headers) || 'application/octet-stream';
    assets.put(path, { bytes, contentType });
    return jsonResponse(201, { bulkImportAssetPath: path, bytes: bytes.byteLength, contentType });
  }

  function listImportedRecords(call: OperationCall): MockResponse {
    const collection = call.match.pathParams.collection ?? '';
    if (!recordCollectionNames.includes(collection as RecordCollection)) {
      return error(404, 'unknown_collection', `no record collection "${collection}"; use webinars, inPersonEvents or certificateTemplates`);
    }
    const params = readParameters(call);
    if (params.problems.length > 0) return error(400, 'invalid_request', 'invalid query parameters', params.problems);
    const limit = (params.values.limit as number | undefined) ?? 100;
    const offset = (params.values.offset as number | undefined) ?? 0;
    const { total, items } = state.records.page(recordCollection(collection as RecordCollection), recordScope, offset, limit);
    return jsonResponse(200, { collection, total, items: items.map((record) => toImportedRecord(collection as RecordCollection, record)) });
  }

  return {
    spec: 'thought-industries',
    authenticate: (call) => (acceptsThoughtIndustriesKey(call.request.headers, state.settings.keys) ? null : emptyResponse(401)),
    error,
    handlers: {
      ping: () => jsonResponse(200, { valid: true }),
      getBackgroundJob,
      bulkImportCourseGroupWebinars: assetImport('bulkImportCourseGroupWebinars'),
      bulkImportInPersonEventSessions: assetImport('bulkImportInPersonEventSessions'),
      bulkCreateCertificateTemplates,
      uploadImportAsset,
      listImportedRecords,
    },
    // Records and uploads are the instance state's: the core's reset clears them.
    reset: () => undefined,
  };
}
