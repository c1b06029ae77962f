import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { validateResponse } from '../../mocks/spec/responseValidation.js';
import { SpecValidators } from '../../mocks/spec/schemaValidators.js';
import { goodWebinar, lbRecord, stackOneCourse, webinarCsv } from '../support/csvFixtures.js';
import { lbAuth, stackOneAuth, tiAuth } from '../support/bulkmockHarness.js';

let server: RunningServer;
const logged: string[] = [];
const validators = new SpecValidators();

beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    mock: { timing: { mode: 'manual', baseDelayMs: 1000, perRowMs: 10 }, maxBodyBytes: 64 * 1024 },
    onRequest: (line) => logged.push(`${line.method} ${line.path} ${line.status}`),
  });
});
afterAll(() => server.close());

/** A real HTTP round trip; every answer to an operation is checked against its spec. */
async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${server.url}${path}`, { method, headers: init.headers, body: init.body });
  const body = await response.text();
  const headers = Object.fromEntries(response.headers.entries());
  const lookup = server.core.routes.lookup(method, path.split('?')[0]!);
  if (lookup.kind === 'found')
    expect(validateResponse(validators, lookup.match.entry, { status: response.status, headers, body })).toEqual([]);
  return {
    status: response.status,
    headers,
    body,
    json: body && headers['content-type']?.includes('json') ? JSON.parse(body) : undefined,
  };
}
const advance = (ms: number) =>
  call('POST', '/__bulkmock/clock/advance', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ms }),
  });

describe('bulkmock over real HTTP', () => {
  it('runs a Thought Industries import end to end: upload, import, poll to complete, read back', async () => {
    expect(
      (
        await call('PUT', '/__bulkmock/assets/imports/spring.csv', {
          headers: { 'content-type': 'text/csv' },
          body: webinarCsv(goodWebinar('WEB-1'), goodWebinar('WEB-2')),
        })
      ).status,
    ).toBe(201);
    const started = await call('POST', '/incoming/v2/content/courseGroup/webinar/bulk', {
      headers: { ...tiAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ bulkImportAssetPath: 'imports/spring.csv' }),
    });
    const jobId = started.json.data.APIBulkCourseGroupWebinarImport.backgroundJob.id;
    expect(
      (await call('GET', `/incoming/v2/jobs/${jobId}`, { headers: tiAuth })).json.data.APIBackgroundJob.status,
    ).toBe('queued');
    await advance(5_000);
    expect(
      (await call('GET', `/incoming/v2/jobs/${jobId}`, { headers: tiAuth })).json.data.APIBackgroundJob.status,
    ).toBe('complete');
    expect((await call('GET', '/__bulkmock/thought-industries/records/webinars')).json.total).toBe(2);
  });

  it('runs a StackOne batch end to end: 202, job to complete, courses listed', async () => {
    const accepted = await call('POST', '/unified/lms/courses/batch', {
      headers: { ...stackOneAuth(), 'content-type': 'application/json' },
      body: JSON.stringify({ items: [stackOneCourse('KUBE-101'), stackOneCourse('GDPR-7')] }),
    });
    expect(accepted.status).toBe(202);
    await advance(5_000);
    expect((await call('GET', `/__bulkmock/jobs/${accepted.headers['x-bulkmock-job-id']}`)).json.status).toBe(
      'complete',
    );
    expect((await call('GET', '/unified/lms/courses', { headers: stackOneAuth() })).json.data).toHaveLength(2);
  });

  it('runs a Learning Builder batch end to end: JSON Lines in, details link followed to complete', async () => {
    const created = await call('POST', '/API/WorkflowImportQueue/CreateBatch?importProcessId=17&creationPath=LH', {
      headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
      body: `${lbRecord('R-1')}\n${lbRecord('R-2')}\n`,
    });
    const link = new URL(created.json.queueBatchDetails);
    expect(link.origin).toBe(server.url);
    await advance(5_000);
    const details = (await call('GET', link.pathname, { headers: { accept: 'application/json' } })).json;
    expect(details).toMatchObject({ status: 'complete', succeededCount: 2, creationPath: 'IMPORT_QUEUE_API:LH' });
  });

  it('answers a body over the limit with the vendor 413, whether announced by Content-Length or streamed', async () => {
    const big = `${lbRecord('R-1')}\n`.repeat(1000);
    const announced = await call('POST', '/API/WorkflowImportQueue/CreateBatch?importProcessId=17', {
      headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
      body: big,
    });
    expect(announced.status).toBe(413);
    expect(announced.json.errorCode).toBe('PAYLOAD_TOO_LARGE');

    const streamed = await fetch(`${server.url}/API/WorkflowImportQueue/CreateBatch?importProcessId=17`, {
      method: 'POST',
      headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await call('GET', '/__bulkmock/health')).status).toBe(200);
  });

  it('sends CORS headers and answers preflight requests, so a page on another port can call it', async () => {
    const preflight = await fetch(`${server.url}/unified/lms/courses/batch`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, x-account-id, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-account-id');
    // The control API names the (loopback) origin instead of allowing every one.
    const simple = await call('GET', '/__bulkmock/health', { headers: { origin: 'http://localhost:5173' } });
    expect(simple.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(simple.headers['access-control-expose-headers']).toContain('x-bulkmock-job-id');
  });

  it('serves the control API: health, jobs, requests, reset', async () => {
    expect((await call('GET', '/__bulkmock/health')).json.status).toBe('ok');
    expect((await call('GET', '/__bulkmock/requests?limit=5')).json.requests.length).toBeGreaterThan(0);
    expect((await call('POST', '/__bulkmock/reset')).json.reset).toBe(true);
    expect((await call('GET', '/__bulkmock/jobs')).json.jobs).toEqual([]);
  });

  it('logs one line per request with method, path and status', () => {
    expect(logged).toContain('GET /__bulkmock/health 200');
  });
});
