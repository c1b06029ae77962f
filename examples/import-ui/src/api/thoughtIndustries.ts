import type { components } from '../../../../openapi/generated/thought-industries.js';
import type { Connection } from './connection.js';
import { credentials, failJobHeader } from './credentials.js';
import { requestJson } from './http.js';

type Schemas = components['schemas'];
export type BackgroundJob = Schemas['BackgroundJob'];
export type BulkAssetImportResult = Schemas['BulkAssetImportResult'];
export type CertificateTemplatesBulkResult = Schemas['CertificateTemplatesBulkResult'];
export type ImportedRecordList = Schemas['ImportedRecordList'];

/** The file imports, by the record collection each writes: where each posts and the name its answer is wrapped under. */
const assetImportEndpoints = {
  webinars: { path: '/incoming/v2/content/courseGroup/webinar/bulk', answer: 'APIBulkCourseGroupWebinarImport' },
  inPersonEvents: { path: '/incoming/v2/content/session/inPersonEvent/bulk', answer: 'APIBulkInPersonEventImport' },
  sessionWebinars: { path: '/incoming/v2/content/session/webinar/bulk', answer: 'APIBulkWebinarImport' },
  courseGroupInPersonEvents: {
    path: '/incoming/v2/content/courseGroup/inPersonEvent/bulk',
    answer: 'APIBulkCourseGroupInPersonEventImport',
  },
} as const;

export type AssetImport = keyof typeof assetImportEndpoints;

const json = { 'content-type': 'application/json' };

/**
 * Stores an import file where the bulk endpoints read it. On the real platform the file goes to its
 * asset storage; bulkmock takes it with a PUT under /__bulkmock/assets/.
 */
export async function uploadImportFile(connection: Connection, assetPath: string, csv: string): Promise<string> {
  const answer = await requestJson<Schemas['AssetUploadResult']>(
    connection,
    `/__bulkmock/assets/${assetPath.split('/').map(encodeURIComponent).join('/')}`,
    {
      method: 'PUT',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    },
  );
  return answer.body.bulkImportAssetPath;
}

export async function importAsset(
  connection: Connection,
  kind: AssetImport,
  request: { assetPath: string; dryRun: boolean; failJob: string | null },
): Promise<BulkAssetImportResult> {
  const endpoint = assetImportEndpoints[kind];
  const answer = await requestJson<{ data: Record<string, BulkAssetImportResult> }>(connection, endpoint.path, {
    method: 'POST',
    headers: { ...json, ...credentials.thoughtIndustries, ...failJobHeader(request.failJob) },
    body: JSON.stringify({ bulkImportAssetPath: request.assetPath, dryRun: request.dryRun }),
  });
  return answer.body.data[endpoint.answer]!;
}

/** POST /incoming/v2/users/bulkImport: the users CSV named by URL; the answer is the job itself. */
export async function importUsers(
  connection: Connection,
  request: { url: string; dryRun: boolean; failJob: string | null },
): Promise<BackgroundJob> {
  const answer = await requestJson<Schemas['UsersBulkImportResponse']>(connection, '/incoming/v2/users/bulkImport', {
    method: 'POST',
    headers: { ...json, ...credentials.thoughtIndustries, ...failJobHeader(request.failJob) },
    body: JSON.stringify({ url: request.url, dryRun: request.dryRun }),
  });
  return answer.body.data.APIUsersBulkImport;
}

export async function createCertificateTemplates(
  connection: Connection,
  body: unknown,
  dryRun: boolean,
): Promise<CertificateTemplatesBulkResult> {
  const request = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, dryRun } : body;
  const answer = await requestJson<Schemas['CertificateTemplatesBulkResponse']>(
    connection,
    '/incoming/v2/content/certificate-templates/bulk',
    {
      method: 'POST',
      headers: { ...json, ...credentials.thoughtIndustries },
      body: JSON.stringify(request),
    },
  );
  return answer.body.data.APIBulkCreateCertificateTemplates;
}

export async function getBackgroundJob(connection: Connection, id: string): Promise<BackgroundJob> {
  const answer = await requestJson<Schemas['BackgroundJobResponse']>(
    connection,
    `/incoming/v2/jobs/${encodeURIComponent(id)}`,
    { headers: credentials.thoughtIndustries },
  );
  return answer.body.data.APIBackgroundJob;
}

/** What an import stored, read back through bulkmock's record list (the platform shows it in its admin UI). */
export async function listImportedRecords(
  connection: Connection,
  collection: Schemas['ImportedRecordCollection'],
): Promise<ImportedRecordList> {
  return (
    await requestJson<ImportedRecordList>(connection, `/__bulkmock/thought-industries/records/${collection}?limit=1000`)
  ).body;
}
