import type { Vendor } from '../../mocks/spec/specRegistry.js';
import { standInKeys } from './standInPlatform.js';

/** What a client saw of one exchange. */
export interface SeenExchange {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: string;
}

type Fetch = typeof fetch;

/**
 * A full import per vendor, as a client of the real platforms would run it, with credentials in
 * several forms: a bearer key with +, / and =, Basic base64 of `key:`, `apikey <key>`, an API key in
 * the query string (percent-encoded), a mixed-case X-API-Key header, the key base64-encoded in
 * another header and percent-encoded inside a JSON Lines record, and a cookie. `completedOn` goes
 * into the Learning Builder records: a volatile value that differs between runs.
 */
export async function runFullImports(
  bases: string | Record<Vendor, string>,
  completedOn: string,
  fetchImpl: Fetch = fetch,
): Promise<SeenExchange[]> {
  const seen: SeenExchange[] = [];
  let base = '';
  const on = (vendor: Vendor) => {
    base = typeof bases === 'string' ? bases : bases[vendor];
  };
  const call = async (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) => {
    const response = await fetchImpl(`${base}${path}`, { method, headers: init.headers, body: init.body });
    const body = await response.text();
    const exchange = { method, path, status: response.status, contentType: response.headers.get('content-type'), body };
    seen.push(exchange);
    return exchange;
  };

  // Thought Industries: import, then poll the job until it ends.
  on('thought-industries');
  const ti = { authorization: `Bearer ${standInKeys.thoughtIndustries}`, 'content-type': 'application/json' };
  const started = await call('POST', '/incoming/v2/content/courseGroup/webinar/bulk', {
    headers: ti,
    body: JSON.stringify({ bulkImportAssetPath: 'imports/spring.csv', dryRun: false }),
  });
  const jobId = (
    JSON.parse(started.body) as { data: { APIBulkCourseGroupWebinarImport: { backgroundJob: { id: string } } } }
  ).data.APIBulkCourseGroupWebinarImport.backgroundJob.id;
  for (let poll = 0; poll < 6; poll++) {
    const job = await call('GET', `/incoming/v2/jobs/${jobId}`, { headers: { authorization: ti.authorization } });
    if (
      (JSON.parse(job.body) as { data: { APIBackgroundJob: { status: string } } }).data.APIBackgroundJob.status ===
      'complete'
    )
      break;
  }

  // StackOne: a batch, then the course list (rate-limited once, retried).
  on('stackone');
  const so = {
    authorization: `Basic ${Buffer.from(`${standInKeys.stackOne}:`).toString('base64')}`,
    'x-account-id': 'acme-sandbox',
  };
  await call('POST', '/unified/lms/courses/batch', {
    headers: { ...so, 'content-type': 'application/json' },
    body: JSON.stringify({ items: [{ external_reference: 'KUBE-101', title: 'Kubernetes basics' }] }),
  });
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await call('GET', '/unified/lms/courses?page_size=25', { headers: so })).status !== 429) break;
  }

  // Learning Builder: a batch of JSON Lines records, then the details page it links to.
  on('learning-builder');
  const key = standInKeys.learningBuilder;
  const record = {
    ExternalRecordId: 'R-1',
    PersonId: 'P-7',
    FirstName: 'Ada',
    LastName: 'Byron',
    Email: 'ada@example.com',
    ActivityCode: 'CE-101',
    CompletionDate: completedOn,
    Comment: `sent with key=${encodeURIComponent(key)}`,
  };
  const created = await call(
    'POST',
    `/API/WorkflowImportQueue/CreateBatch?importProcessId=17&creationPath=LH&api_key=${encodeURIComponent(key)}`,
    {
      headers: {
        authorization: `apikey ${key}`,
        'X-API-Key': key,
        'x-client-hint': Buffer.from(key).toString('base64'),
        'content-type': 'application/x-ndjson',
      },
      body: `${JSON.stringify(record)}\n`,
    },
  );
  const details = new URL((JSON.parse(created.body) as { queueBatchDetails: string }).queueBatchDetails);
  await call('GET', `${details.pathname}${details.search}`, {
    headers: { cookie: `LBSESSION=session-secret-0451; theme=dark` },
  });
  return seen;
}

/** Every form a secret could take in a file: raw, percent-encoded (both cases), base64 of it and of `it:` (padded or not, standard or URL-safe). */
export function encodingsOf(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  const forms = [secret, percent, percent.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())];
  for (const plain of [secret, `${secret}:`]) {
    const b64 = Buffer.from(plain).toString('base64');
    forms.push(b64, b64.replace(/=+$/, ''), Buffer.from(plain).toString('base64url'));
  }
  return [...new Set(forms)];
}
