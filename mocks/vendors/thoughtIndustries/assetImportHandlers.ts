import type { operations } from '../../../openapi/generated/thought-industries.js';
import { admitWrite } from '../../core/memoryAdmission.js';
import { mediaType } from '../../core/mockRequest.js';
import { jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import type { JsonBody } from '../../core/vendorDefinition.js';
import { checkMediaType, isRejection, readParameters } from '../../spec/requestValidation.js';
import { validateAsset } from './assetImport.js';
import { assetPathProblem, assetPathRules } from './assetPath.js';
import { normalizeAssetPath } from '../../state/assetTable.js';
import { toBackgroundJob } from './backgroundJob.js';
import { isResponse, readImportRequest, startImportJob, type RowImport } from './importJob.js';
import { wrap, type ThoughtIndustriesCall } from './thoughtIndustriesState.js';

/** The asset-based imports: which row schema each reads and which collection it writes. */
const assetImports = {
  bulkImportCourseGroupWebinars: {
    rowSchema: 'WebinarImportRow',
    collection: 'webinars',
    jobType: 'courseGroupWebinarBulkImport',
    noun: 'course group webinars',
  },
  bulkImportInPersonEventSessions: {
    rowSchema: 'InPersonEventImportRow',
    collection: 'inPersonEvents',
    jobType: 'inPersonEventBulkImport',
    noun: 'in-person event sessions',
  },
  bulkImportSessionWebinars: {
    rowSchema: 'SessionWebinarImportRow',
    collection: 'sessionWebinars',
    jobType: 'sessionWebinarBulkImport',
    noun: 'webinar sessions',
  },
  bulkImportCourseGroupInPersonEvents: {
    rowSchema: 'CourseGroupInPersonEventImportRow',
    collection: 'courseGroupInPersonEvents',
    jobType: 'courseGroupInPersonEventBulkImport',
    noun: 'course group in-person events',
  },
} as const satisfies Record<string, RowImport>;

/** The handler of one asset-based import: the asset is validated row by row; valid rows are upserted when the job completes. */
export function assetImport(operationId: keyof typeof assetImports) {
  const config = assetImports[operationId];
  return async (call: ThoughtIndustriesCall): Promise<MockResponse> => {
    const { state } = call;
    const { assets } = state;
    const read = await readImportRequest(call, '{ "bulkImportAssetPath": string, "dryRun"?: boolean }');
    if ('refusal' in read) return read.refusal;
    const { body } = read;
    const request = body as JsonBody<operations[typeof operationId]>;
    const path = normalizeAssetPath(String(request.bulkImportAssetPath));
    const dryRun = request.dryRun === true;
    const asset = assets.get(path);
    if (!asset)
      return call.error(
        404,
        'asset_not_found',
        `no asset is stored at ${path}; upload it first (PUT /__bulkmock/assets/${path})`,
      );
    const report = validateAsset(
      { path, bytes: asset.bytes, rowSchema: config.rowSchema, maxRows: state.settings.maxRowsPerImport },
      state.validators,
    );
    if (isRejection(report)) return call.reject(report);
    const job = startImportJob(call, {
      operationId,
      config,
      report,
      dryRun,
      description: `${dryRun ? 'Dry run of the import' : 'Import'} of ${report.validRows.length} ${config.noun} from ${path}`,
      details: { assetPath: path, invalidRows: report.invalidRows.length },
    });
    if (isResponse(job)) return job;
    return jsonResponse(
      200,
      wrap(operationId, {
        dryRun,
        validRows: report.validRows,
        invalidRows: report.invalidRows,
        backgroundJob: toBackgroundJob(job),
      }),
    );
  };
}

/** PUT /__bulkmock/assets/{assetPath}: stores an import file for a later bulk import. */
export async function uploadImportAsset(call: ThoughtIndustriesCall): Promise<MockResponse> {
  const { assets } = call.state;
  // curl -T and many upload tools send no Content-Type: take that as application/octet-stream.
  if (mediaType(call.request.headers) !== '') {
    const mediaProblem = checkMediaType(call);
    if (mediaProblem) return call.reject(mediaProblem);
  }
  const params = readParameters(call);
  const decoded = call.match.pathParams.assetPath ?? '';
  // The spec's pattern, then the same rules segment by segment, with the reason named.
  const problem =
    assetPathProblem(decoded) ?? (params.problems.length > 0 ? 'it does not match the pattern of the spec' : null);
  if (problem)
    return call.error(
      400,
      'invalid_asset_path',
      `${JSON.stringify(decoded)} is not a valid asset path: ${problem} (${assetPathRules})`,
    );
  const path = String(params.values.assetPath);
  const bytes = await call.request.body.bytes();
  const full = admitWrite(call.state, assets.growthOf(path, bytes.byteLength), call.now);
  // The control API's own status for a full store: 507 Insufficient Storage.
  if (full) return call.error(507, 'insufficient_storage', full);
  const contentType = mediaType(call.request.headers) || 'application/octet-stream';
  assets.put(path, { bytes, contentType });
  return jsonResponse(201, { bulkImportAssetPath: path, bytes: bytes.byteLength, contentType });
}
