import { jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import type { JobView } from '../../jobs/jobStore.js';
import { isRejection } from '../../spec/requestValidation.js';
import { validateAsset } from './assetImport.js';
import { assetOfUrl, assetsPrefix } from './assetUrl.js';
import { toBackgroundJob } from './backgroundJob.js';
import {
  isResponse,
  readImportRequest,
  reportSummary,
  rowReportBytes,
  startFailedJob,
  startImportJob,
  type RowImport,
} from './importJob.js';
import { wrap, type ThoughtIndustriesCall } from './thoughtIndustriesState.js';

const users: RowImport = { rowSchema: 'UserImportRow', collection: 'users', jobType: 'usersBulkImport', noun: 'users' };

/**
 * POST /incoming/v2/users/bulkImport: a CSV of users named by `url`. A malformed body is a 400; a
 * file that cannot be found or read fails the job (the platform fetches it in the background); the
 * valid rows are upserted by `email` when the job completes. The answer is the job itself.
 */
export async function bulkImportUsers(call: ThoughtIndustriesCall): Promise<MockResponse> {
  const read = await readImportRequest(call, '{ "url": an absolute http or https URL, "dryRun"?: boolean }');
  if ('refusal' in read) return read.refusal;
  const { body } = read;
  const url = String(body.url);
  const dryRun = body.dryRun === true;
  const start = {
    operationId: 'bulkImportUsers',
    config: users,
    dryRun,
    description: `${dryRun ? 'Dry run of the import' : 'Import'} of users from ${url}`,
    details: { url },
  };
  const answer = (job: JobView) => jsonResponse(200, wrap('bulkImportUsers', toBackgroundJob(job)));

  const named = assetOfUrl(url);
  if ('problem' in named)
    return answer(startFailedJob(call, { ...start, message: `Could not read ${url}: ${named.problem}.` }));
  const { path } = named;
  const asset = call.state.assets.get(path);
  if (!asset) {
    const why = `no asset is stored at ${path}. The mock never fetches from the network; store the file first (PUT ${assetsPrefix}${path})`;
    return answer(startFailedJob(call, { ...start, message: `Could not read ${url}: ${why}.` }));
  }
  const { maxRowsPerImport: maxRows } = call.state.settings;
  const report = validateAsset(
    { path, bytes: asset.bytes, rowSchema: users.rowSchema, maxRows },
    call.state.validators,
  );
  if (isRejection(report))
    return answer(startFailedJob(call, { ...start, message: `Could not import ${url}: ${report.message}` }));
  const job = startImportJob(call, {
    ...start,
    report,
    description: `${start.description}: ${reportSummary(report)}`,
    // The answer is a bare job, so the control API shows the full row report from here.
    details: { url, assetPath: path, invalidRows: report.invalidRows.length, invalidRowReport: report.invalidRows },
    retainedBytes: rowReportBytes(report.invalidRows),
  });
  return isResponse(job) ? job : answer(job);
}
