import { describe, expect, it } from 'vitest';
import { createMockCore } from '../../mocks/builtInVendors.js';
import { emptyBody } from '../../mocks/core/mockRequest.js';
import { goodWebinar, stackOneCourse, webinarCsv } from '../support/csvFixtures.js';
import { stackOneAuth, tiAuth, useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock({ seed: 42 });

describe('the control API', () => {
  it('reports health, settings and the enabled vendors', async () => {
    expect((await mock.get('/__bulkmock/health')).json).toMatchObject({
      status: 'ok',
      timing: 'manual',
      vendors: ['thought-industries', 'stackone', 'learning-builder'],
    });
    expect((await mock.get('/__bulkmock/settings')).json).toMatchObject({
      seed: 42,
      timing: 'manual',
      strictAuth: false,
      errorRate: 0,
    });
  });

  it('lists jobs of every vendor, filtered by vendor and status', async () => {
    await mock.postJson('/unified/lms/courses/batch', { items: [stackOneCourse('A')] }, stackOneAuth());
    await mock.postJson(
      '/incoming/v2/content/certificate-templates/bulk',
      { templates: [{ title: 'Safety' }] },
      tiAuth,
    );
    expect((await mock.get('/__bulkmock/jobs')).json.jobs).toHaveLength(2);
    expect(
      (await mock.get('/__bulkmock/jobs?vendor=stackone')).json.jobs.map((j: { operationId: string }) => j.operationId),
    ).toEqual(['batchUpsertCourses']);
    expect(
      (await mock.get('/__bulkmock/jobs?status=complete')).json.jobs.map((j: { vendor: string }) => j.vendor),
    ).toEqual(['thought-industries']);
    expect((await mock.get('/__bulkmock/jobs?status=done')).status).toBe(400);
    expect((await mock.get('/__bulkmock/jobs/unknown')).status).toBe(404);
  });

  it('records recent requests, newest first, with credentials redacted', async () => {
    await mock.get('/incoming/v2/ping', tiAuth);
    const [latest] = (await mock.get('/__bulkmock/requests?limit=1')).json.requests;
    expect(latest).toMatchObject({
      method: 'GET',
      path: '/incoming/v2/ping',
      status: 200,
      vendor: 'thought-industries',
      operationId: 'ping',
    });
    expect(latest.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(latest)).not.toContain('ti-test-key');
  });

  it('reset forgets jobs, records, uploaded assets and requests, and restarts ids from the seed', async () => {
    const first = await mock.postJson('/unified/lms/courses/batch', { items: [stackOneCourse('A')] }, stackOneAuth());
    await mock.call('PUT', '/__bulkmock/assets/a.csv', {
      headers: { 'content-type': 'text/csv' },
      body: webinarCsv(goodWebinar('W-1')),
    });
    expect((await mock.postJson('/__bulkmock/reset', {})).json.reset).toBe(true);
    expect((await mock.get('/__bulkmock/jobs')).json.jobs).toEqual([]);
    expect(
      (await mock.postJson('/incoming/v2/content/courseGroup/webinar/bulk', { bulkImportAssetPath: 'a.csv' }, tiAuth))
        .status,
    ).toBe(404);
    const again = await mock.postJson('/unified/lms/courses/batch', { items: [stackOneCourse('A')] }, stackOneAuth());
    expect(again.headers['x-bulkmock-job-id']).toBe(first.headers['x-bulkmock-job-id']);
  });
});

describe('the control token', () => {
  const call = (core: ReturnType<typeof createMockCore>, headers: Record<string, string>) =>
    core.handle({ method: 'GET', path: '/__bulkmock/jobs', query: new URLSearchParams(), headers, body: emptyBody });

  it('guards every /__bulkmock/ call when set', async () => {
    const core = createMockCore({ controlToken: 's3cret' });
    expect((await call(core, {})).status).toBe(401);
    expect((await call(core, { 'x-bulkmock-token': 'wrong' })).status).toBe(401);
    expect((await call(core, { 'x-bulkmock-token': 's3cret' })).status).toBe(200);
  });
});
