import type { operations } from '../../../openapi/generated/thought-industries.js';
import { admitWrite, retryLater } from '../../core/memoryAdmission.js';
import { estimateFieldsBytes } from '../../core/memoryBudget.js';
import { jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import { defineVendor, type JsonBody, type QueryParams } from '../../core/vendorDefinition.js';
import { planJob } from '../../jobs/jobLifecycle.js';
import { isRejection, partitionByElement, readParameters, validateRequestBody } from '../../spec/requestValidation.js';
import { documents, specFiles } from '../../spec/specRegistry.js';
import { assetImport, uploadImportAsset } from './assetImportHandlers.js';
import { instant } from './importJob.js';
import { bulkImportUsers } from './usersImport.js';
import { toBackgroundJob } from './backgroundJob.js';
import { planCertificateTemplates, rejectTemplatesBody } from './certificateTemplates.js';
import {
  recordCollection,
  recordScope,
  templateUpserts,
  toImportedRecord,
  type RecordCollection,
} from './importedRecords.js';
import { acceptsThoughtIndustriesKey } from './thoughtIndustriesAuth.js';
import { readBody, thoughtIndustriesError, wrap, type ThoughtIndustriesCall } from './thoughtIndustriesState.js';

async function bulkCreateCertificateTemplates(call: ThoughtIndustriesCall): Promise<MockResponse> {
  const { state } = call;
  const body = await readBody(call);
  if (isRejection(body)) return call.reject(body);
  const { perElement, whole } = partitionByElement(validateRequestBody(call, body), '/templates');
  const refusal = rejectTemplatesBody(whole);
  if (refusal) return call.reject(refusal);
  const request = body as JsonBody<operations['bulkCreateCertificateTemplates']>;
  const dryRun = request.dryRun === true;
  // Templates that break the template schema are still in the list (reported per template).
  const templates = request.templates as unknown[];
  // The job's id is drawn first, as in every bulk operation, so that a preload can choose it.
  const jobId = state.ids.uuid();
  const plan = planCertificateTemplates(templates, perElement, {
    records: state.records,
    validators: state.validators,
    ids: state.ids,
  });
  if (!dryRun) {
    const full = admitWrite(
      state,
      plan.writes.reduce((sum, w) => sum + estimateFieldsBytes(w.fields), 0),
      call.now,
    );
    if (full) return retryLater(call.error(503, 'service_unavailable', full));
  }
  if (dryRun)
    plan.warnings.unshift('dry run: nothing was stored, and the ids in createdIds will not be the ids of a real call');
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

function getBackgroundJob(call: ThoughtIndustriesCall): MockResponse {
  const params = readParameters(call);
  if (params.problems.length > 0) return call.error(400, 'invalid_request', 'invalid job id', params.problems);
  const { id } = params.values as { id: string };
  const job = call.state.jobs.get(id, call.now);
  if (!job || job.vendor !== 'thought-industries')
    return call.error(404, 'not_found', `no background job with id ${id}`);
  return jsonResponse(200, wrap('getBackgroundJob', toBackgroundJob(job)));
}

/** The record collections, as the spec lists them (`ImportedRecordCollection`). */
const collections = (documents['thought-industries'].components?.schemas?.ImportedRecordCollection?.enum ??
  []) as readonly RecordCollection[];
const collectionList = `${collections.slice(0, -1).join(', ')} or ${collections.at(-1)}`;

function listImportedRecords(call: ThoughtIndustriesCall): MockResponse {
  const collection = call.match.pathParams.collection ?? '';
  if (!collections.includes(collection as RecordCollection)) {
    return call.error(404, 'unknown_collection', `no record collection "${collection}"; use ${collectionList}`);
  }
  const params = readParameters(call);
  if (params.problems.length > 0)
    return call.error(400, 'invalid_request', 'invalid query parameters', params.problems);
  const query = params.values as QueryParams<operations['listImportedRecords']>;
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  const { total, items } = call.state.records.page(
    recordCollection(collection as RecordCollection),
    recordScope,
    offset,
    limit,
  );
  return jsonResponse(200, {
    collection,
    total,
    items: items.map((record) => toImportedRecord(collection as RecordCollection, record)),
  });
}

/**
 * Thought Industries: file-based bulk imports of webinars and in-person events, of course groups
 * and of sessions (validated row by row against the spec's row schemas), the users import from a
 * CSV named by URL, bulk certificate templates, and background job polling.
 */
export const thoughtIndustries = defineVendor<operations>({
  name: 'thought-industries',
  title: 'Thought Industries',
  spec: documents['thought-industries'],
  specFile: specFiles['thought-industries'],
  prefixes: ['/incoming/v2/'],
  // Anything but a valid Bearer key is a 401, which Thought Industries answers with an empty body.
  auth: (call) =>
    acceptsThoughtIndustriesKey(call.request.headers, call.state.settings.keys)
      ? null
      : { status: 401, code: 'unauthorized', message: 'invalid API key' },
  errors: { answer: thoughtIndustriesError },
  operations: {
    ping: () => jsonResponse(200, { valid: true }),
    getBackgroundJob,
    bulkImportCourseGroupWebinars: assetImport('bulkImportCourseGroupWebinars'),
    bulkImportInPersonEventSessions: assetImport('bulkImportInPersonEventSessions'),
    bulkImportSessionWebinars: assetImport('bulkImportSessionWebinars'),
    bulkImportCourseGroupInPersonEvents: assetImport('bulkImportCourseGroupInPersonEvents'),
    bulkImportUsers,
    bulkCreateCertificateTemplates,
    uploadImportAsset,
    listImportedRecords,
  },
});
