import { describe, expect, it } from 'vitest';
import { createMockCore } from '../../mocks/core/mockCore.js';
import { emptyBody } from '../../mocks/core/mockRequest.js';
import { goodWebinar, stackOneCourse, webinarCsv } from '../support/csvFixtures.js';
import { stackOneAuth, tiAuth, useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock({ timing: { mode: 'manual', baseDelayMs: 1000, perRowMs: 100 } });

describe('faults a client asks for', () => {
  it('answers Prefer: code=429 with the spec example and a Retry-After header', async () => {
    const answer = await mock.get('/incoming/v2/ping', { ...tiAuth, prefer: 'code=429' });
    expect(answer.status).toBe(429);
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers Prefer: code=500 and code=503 where the operation documents them', async () => {
    expect((await mock.postJson('/unified/lms/courses/batch', { items: [stackOneCourse('A')] }, { ...stackOneAuth(), prefer: 'code=500' })).status).toBe(500);
  });

  it('answers Prefer: example=<name> with that named example of the spec', async () => {
    const answer = await mock.get('/incoming/v2/ping', { ...tiAuth, prefer: 'example=seed' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ valid: true });
  });

  it('refuses a Prefer code the operation does not document, naming what it does', async () => {
    const answer = await mock.get('/incoming/v2/ping', { ...tiAuth, prefer: 'code=418' });
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].message).toContain('is not a documented response of ping');
  });

  it('fails the job an import starts with X-Bulkmock-Fail-Job, with the given message', async () => {
    await mock.call('PUT', '/__bulkmock/assets/a.csv', { headers: { 'content-type': 'text/csv' }, body: webinarCsv(goodWebinar('W-1'), goodWebinar('W-2')) });
    const started = await mock.postJson('/incoming/v2/content/courseGroup/webinar/bulk', { bulkImportAssetPath: 'a.csv' }, { ...tiAuth, 'x-bulkmock-fail-job': 'Storage quota exceeded' });
    const jobId = started.json.data.APIBulkCourseGroupWebinarImport.backgroundJob.id;
    mock.advance(60_000);
    const job = (await mock.get(`/incoming/v2/jobs/${jobId}`, tiAuth)).json.data.APIBackgroundJob;
    expect(job).toMatchObject({ status: 'failed', errorMessage: 'Storage quota exceeded', progress: { processed: 1, total: 2 } });
    expect((await mock.get('/__bulkmock/thought-industries/records/webinars')).json.total).toBe(0);
  });

  it('asks the adapter to delay the answer by X-Bulkmock-Latency plus the configured latency', async () => {
    const core = createMockCore({ latencyMs: 40 });
    const response = await core.handle({ method: 'GET', path: '/incoming/v2/ping', query: new URLSearchParams(), headers: { ...tiAuth, 'x-bulkmock-latency': '250' }, body: emptyBody });
    expect(response.delayMs).toBe(290);
  });
});

describe('injected error rate', () => {
  const call = (core: ReturnType<typeof createMockCore>) =>
    core.handle({ method: 'GET', path: '/incoming/v2/ping', query: new URLSearchParams(), headers: tiAuth, body: emptyBody });

  it('answers about the configured share of requests with 429, 500 or 503, drawn from the seed', async () => {
    const core = createMockCore({ errorRate: 0.3, seed: 7 });
    const statuses: number[] = [];
    for (let i = 0; i < 400; i++) statuses.push((await call(core)).status);
    const injected = statuses.filter((s) => s !== 200);
    expect(injected.length).toBeGreaterThan(80);
    expect(injected.length).toBeLessThan(160);
    expect(new Set(injected)).toEqual(new Set([429, 500, 503]));

    const again = createMockCore({ errorRate: 0.3, seed: 7 });
    const replay: number[] = [];
    for (let i = 0; i < 400; i++) replay.push((await call(again)).status);
    expect(replay).toEqual(statuses);
  });

  it('never injects into the control API', async () => {
    const core = createMockCore({ errorRate: 1 });
    const health = await core.handle({ method: 'GET', path: '/__bulkmock/health', query: new URLSearchParams(), headers: {}, body: emptyBody });
    expect(health.status).toBe(200);
    expect((await call(core)).status).not.toBe(200);
  });
});
