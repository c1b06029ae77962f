import { describe, expect, it } from 'vitest';
import { createMockCore } from '../../mocks/builtInVendors.js';
import { bodyFromBytes, emptyBody } from '../../mocks/core/mockRequest.js';
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
    expect(
      (
        await mock.postJson(
          '/unified/lms/courses/batch',
          { items: [stackOneCourse('A')] },
          { ...stackOneAuth(), prefer: 'code=500' },
        )
      ).status,
    ).toBe(500);
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
    await mock.call('PUT', '/__bulkmock/assets/a.csv', {
      headers: { 'content-type': 'text/csv' },
      body: webinarCsv(goodWebinar('W-1'), goodWebinar('W-2')),
    });
    const started = await mock.postJson(
      '/incoming/v2/content/courseGroup/webinar/bulk',
      { bulkImportAssetPath: 'a.csv' },
      { ...tiAuth, 'x-bulkmock-fail-job': 'Storage quota exceeded' },
    );
    const jobId = started.json.data.APIBulkCourseGroupWebinarImport.backgroundJob.id;
    mock.advance(60_000);
    const job = (await mock.get(`/incoming/v2/jobs/${jobId}`, tiAuth)).json.data.APIBackgroundJob;
    expect(job).toMatchObject({
      status: 'failed',
      errorMessage: 'Storage quota exceeded',
      progress: { processed: 1, total: 2 },
    });
    expect((await mock.get('/__bulkmock/thought-industries/records/webinars')).json.total).toBe(0);
  });

  it('asks the adapter to delay the answer by X-Bulkmock-Latency plus the configured latency', async () => {
    const core = createMockCore({ latencyMs: 40 });
    const response = await core.handle({
      method: 'GET',
      path: '/incoming/v2/ping',
      query: new URLSearchParams(),
      headers: { ...tiAuth, 'x-bulkmock-latency': '250' },
      body: emptyBody,
    });
    expect(response.delayMs).toBe(290);
  });
});

describe('injected error rate', () => {
  const call = (core: ReturnType<typeof createMockCore>) =>
    core.handle({
      method: 'GET',
      path: '/incoming/v2/ping',
      query: new URLSearchParams(),
      headers: tiAuth,
      body: emptyBody,
    });

  it("answers about the configured share of requests with the operation's fault statuses (ping: 429, 500, 503), drawn from the seed", async () => {
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
    const health = await core.handle({
      method: 'GET',
      path: '/__bulkmock/health',
      query: new URLSearchParams(),
      headers: {},
      body: emptyBody,
    });
    expect(health.status).toBe(200);
    expect((await call(core)).status).not.toBe(200);
  });
});

describe("injected faults follow each operation's documented statuses", () => {
  const batch = (core: ReturnType<typeof createMockCore>) =>
    core.handle({
      method: 'POST',
      path: '/unified/lms/courses/batch',
      query: new URLSearchParams(),
      headers: { ...stackOneAuth(), 'content-type': 'application/json' },
      body: bodyFromBytes(JSON.stringify({ items: [stackOneCourse('A')] })),
    });
  const ping = (core: ReturnType<typeof createMockCore>) =>
    core.handle({
      method: 'GET',
      path: '/incoming/v2/ping',
      query: new URLSearchParams(),
      headers: tiAuth,
      body: emptyBody,
    });

  it('draws StackOne batch faults from every fault status StackOne documents, never from request errors', async () => {
    const core = createMockCore({ errorRate: 1, seed: 3 });
    const seen = new Set<number>();
    for (let i = 0; i < 300; i++) seen.add((await batch(core)).status);
    expect(seen).toEqual(new Set([408, 409, 412, 422, 429, 500, 501, 502, 503]));
  });

  it('narrows the draw to --error-statuses where the operation documents them', async () => {
    const core = createMockCore({ errorRate: 1, seed: 3, errorStatuses: [408, 429] });
    const batchStatuses = new Set<number>();
    const pingStatuses = new Set<number>();
    for (let i = 0; i < 100; i++) {
      batchStatuses.add((await batch(core)).status);
      pingStatuses.add((await ping(core)).status);
    }
    expect(batchStatuses).toEqual(new Set([408, 429]));
    // ping documents 429 but not 408: it draws from the intersection.
    expect(pingStatuses).toEqual(new Set([429]));
  });

  it('leaves alone an operation that documents none of the listed statuses', async () => {
    const core = createMockCore({ errorRate: 1, errorStatuses: [501] });
    expect((await ping(core)).status).toBe(200);
    expect((await batch(core)).status).toBe(501);
  });

  it('refuses a listed status that no enabled operation documents as a fault', () => {
    expect(() => createMockCore({ errorRate: 1, errorStatuses: [418] })).toThrow(/no enabled operation documents 418/);
    expect(() => createMockCore({ errorRate: 1, errorStatuses: [404] })).toThrow(
      /no enabled operation documents 404 as a fault/,
    );
    expect(() => createMockCore({ vendors: ['thought-industries'], errorStatuses: [408] })).toThrow(/408/);
  });

  it("answers Prefer: code=404 on StackOne's batch, which StackOne documents", async () => {
    const answer = await mock.postJson(
      '/unified/lms/courses/batch',
      { items: [stackOneCourse('A')] },
      { ...stackOneAuth(), prefer: 'code=404' },
    );
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ statusCode: 404 });
  });

  it('answers every status StackOne documents for both course operations when asked', async () => {
    for (const code of [400, 401, 403, 404, 408, 409, 412, 422, 429, 500, 501, 502]) {
      expect(
        (
          await mock.postJson(
            '/unified/lms/courses/batch',
            { items: [stackOneCourse('A')] },
            { ...stackOneAuth(), prefer: `code=${code}` },
          )
        ).status,
      ).toBe(code);
      expect((await mock.get('/unified/lms/courses', { ...stackOneAuth(), prefer: `code=${code}` })).status).toBe(code);
    }
  });
});
