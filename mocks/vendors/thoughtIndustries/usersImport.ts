import { jsonResponse, type MockResponse } from '../../core/mockResponse.js';
import { isRejection, validateRequestBody } from '../../spec/requestValidation.js';
import { describeSchemaErrors } from '../../spec/schemaValidators.js';
import { normalizeAssetPath } from '../../state/assetTable.js';
import { validateAsset, type AssetReport } from './assetImport.js';
import { assetPathProblem } from './assetPath.js';
import { toBackgroundJob } from './backgroundJob.js';
import { isResponse, startFailedJob, startImportJob, type RowImport } from './importJob.js';
import { readBody, wrap, type ThoughtIndustriesCall } from './thoughtIndustriesState.js';

const users: RowImport = { rowSchema: 'UserImportRow', collection: 'users', jobType: 'usersBulkImport', noun: 'users' };
const assetsPrefix = '/__bulkmock/assets/';

/**
 * The asset a users `url` names, or why it names none. The mock never fetches: the URL's path is
 * read against its own asset store, `/__bulkmock/assets/<path>` naming `<path>` and any other path
 * naming the asset stored under it (without the leading `/`).
 */
export function assetOfUrl(url: string): { path: string } | { problem: string } {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return { problem: 'it is not an absolute URL' };
  }
  const raw = pathname.startsWith(assetsPrefix) ? pathname.slice(assetsPrefix.length) : pathname;
  let path: string;
  try {
    path = normalizeAssetPath(decodeURIComponent(raw));
  } catch {
    return { problem: `its path ${raw} is not valid percent-encoded UTF-8` };
  }
  const problem = assetPathProblem(path);
  return problem ? { problem: `its path ${JSON.stringify(path)} cannot name an asset: ${problem}` } : { path };
}

/** At most this many invalid rows are named in a job's description; the rest are counted. */
const namedInvalidRows = 5;

function summary(report: AssetReport): string {
  const { validRows, invalidRows } = report;
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  let text = `${plural(validRows.length, 'valid row')}, ${plural(invalidRows.length, 'invalid row')} skipped`;
  if (invalidRows.length === 0) return text;
  const named = invalidRows
    .slice(0, namedInvalidRows)
    .map(({ row, errors }) => `row ${row}: ${errors.map((e) => e.message).join('; ')}`);
  text += ` (${named.join('; ')}${invalidRows.length > namedInvalidRows ? `; and ${invalidRows.length - namedInvalidRows} more` : ''})`;
  return text;
}

/**
 * POST /incoming/v2/users/bulkImport: a CSV of users named by `url`. A malformed body is a 400; a
 * file that cannot be found or read fails the job (the platform fetches it in the background); the
 * valid rows are upserted by `email` when the job completes.
 */
export async function bulkImportUsers(call: ThoughtIndustriesCall): Promise<MockResponse> {
  const { state } = call;
  const body = await readBody(call);
  if (isRejection(body)) return call.reject(body);
  const problems = describeSchemaErrors(validateRequestBody(call, body));
  if (problems.length > 0) {
    return call.error(
      400,
      'invalid_request',
      'the body must be { "url": an absolute http or https URL, "dryRun"?: boolean }',
      problems.map((p) => ({ message: p.message, pointer: p.pointer, ...(p.field && { field: p.field }) })),
    );
  }
  const url = String(body.url);
  const dryRun = body.dryRun === true;
  const start = {
    operationId: 'bulkImportUsers',
    config: users,
    dryRun,
    description: `${dryRun ? 'Dry run of the import' : 'Import'} of users from ${url}`,
  };
  const answer = (job: Parameters<typeof toBackgroundJob>[0]) =>
    jsonResponse(200, wrap('bulkImportUsers', toBackgroundJob(job)));

  const named = assetOfUrl(url);
  const asset = 'path' in named ? state.assets.get(named.path) : undefined;
  if (!asset) {
    const why =
      'problem' in named
        ? named.problem
        : `no asset is stored at ${named.path}. The mock never fetches from the network; store the file first (PUT ${assetsPrefix}${named.path})`;
    return answer(startFailedJob(call, { ...start, details: { url }, message: `Could not read ${url}: ${why}.` }));
  }
  const path = (named as { path: string }).path;
  const report = validateAsset(
    { path, bytes: asset.bytes, rowSchema: users.rowSchema, maxRows: state.settings.maxRowsPerImport },
    state.validators,
  );
  if (isRejection(report)) {
    const message = `Could not import ${url}: ${report.message}`;
    return answer(startFailedJob(call, { ...start, details: { url, assetPath: path }, message }));
  }
  const job = startImportJob(call, {
    ...start,
    report,
    description: `${start.description}: ${summary(report)}`,
    // The answer is a bare job, so the control API shows the full row report from here.
    details: { url, assetPath: path, invalidRows: report.invalidRows.length, invalidRowReport: report.invalidRows },
  });
  return isResponse(job) ? job : answer(job);
}
