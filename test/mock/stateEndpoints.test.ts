import { describe, expect, it } from 'vitest';
import { createMockCore } from '../../mocks/builtInVendors.js';
import { bodyFromBytes, emptyBody } from '../../mocks/core/mockRequest.js';
import { goodWebinar, stackOneCourse, webinarCsv } from '../support/csvFixtures.js';
import { json, stackOneAuth, tiAuth, useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock({ seed: 42, timing: { mode: 'manual', baseDelayMs: 1_000, perRowMs: 10 } });

const putState = (document: unknown) =>
  mock.call('PUT', '/__bulkmock/state', { headers: json, body: JSON.stringify(document) });

/** A mock holding a finished course batch, an upload, a webinar import still running, and drawn ids. */
async function busyMock() {
  await mock.postJson('/unified/lms/courses/batch', { items: [stackOneCourse('A')] }, stackOneAuth());
  mock.advance(5_000);
  await mock.call('PUT', '/__bulkmock/assets/a.csv', {
    headers: { 'content-type': 'text/csv' },
    body: webinarCsv(goodWebinar('W-1')),
  });
  const running = await mock.postJson(
    '/incoming/v2/content/courseGroup/webinar/bulk',
    { bulkImportAssetPath: 'a.csv' },
    tiAuth,
  );
  expect(running.status).toBe(200);
}

describe('GET and PUT /__bulkmock/state', () => {
  it('exports a document that, loaded into a reset mock, gives back the same jobs, records, upload, clock and next id', async () => {
    await busyMock();
    const saved = (await mock.get('/__bulkmock/state')).json;
    expect(saved).toMatchObject({ format: 'bulkmock-state', version: 1, ids: { seed: 42 } });
    const jobsBefore = (await mock.get('/__bulkmock/jobs')).json.jobs;
    const nextBefore = await mock.postJson(
      '/unified/lms/courses/batch',
      { items: [stackOneCourse('B')] },
      stackOneAuth(),
    );

    await mock.postJson('/__bulkmock/reset', {});
    const loaded = await putState(saved);
    expect(loaded.status).toBe(200);
    expect(loaded.json).toMatchObject({ imported: true, jobs: 2, records: 1, assets: 1 });
    expect((await mock.get('/__bulkmock/state')).json).toEqual(saved);
    expect((await mock.get('/__bulkmock/jobs')).json.jobs).toEqual(jobsBefore);
    const nextAfter = await mock.postJson(
      '/unified/lms/courses/batch',
      { items: [stackOneCourse('B')] },
      stackOneAuth(),
    );
    expect(nextAfter.headers['x-bulkmock-job-id']).toBe(nextBefore.headers['x-bulkmock-job-id']);

    // The import that was running when the state was saved goes on, and stores its webinar when it ends.
    mock.advance(60_000);
    const jobs = (await mock.get('/__bulkmock/jobs?vendor=thought-industries')).json.jobs;
    expect(jobs.map((j: { status: string }) => j.status)).toEqual(['complete']);
  });

  const refusals: Array<[string, (doc: Record<string, unknown>) => unknown, RegExp]> = [
    ['a foreign document', () => ({ log: { version: '1.2', entries: [] } }), /format is missing, not "bulkmock-state"/],
    ['another format', (doc) => ({ ...doc, format: 'har' }), /format is "har"/],
    ['another version', (doc) => ({ ...doc, version: 2 }), /version 2 is not 1/],
    ['a list', () => [], /not a JSON object/],
    [
      'a job whose creation order is negative, deep inside',
      (doc) => ({ ...doc, jobs: [{ ...(doc.jobs as Array<Record<string, unknown>>)[0], seq: -1 }] }),
      /\/jobs\/0\/seq/,
    ],
    [
      'a job listed twice',
      (doc) => ({ ...doc, jobs: [...(doc.jobs as unknown[]), ...(doc.jobs as unknown[])] }),
      /job \S+ is listed twice/,
    ],
    [
      'an asset that is not base64',
      (doc) => ({ ...doc, assets: [{ path: 'b.csv', contentType: 'text/csv', base64: '%%%' }] }),
      /asset b.csv are not base64/,
    ],
    ['an id position out of reach', (doc) => ({ ...doc, ids: { seed: 42, position: 1e12 } }), /\/ids\/position/],
  ];

  it.each(refusals)('refuses %s with 400 naming the problem, and keeps its state whole', async (_, corrupt, why) => {
    await busyMock();
    const before = (await mock.get('/__bulkmock/state')).json;
    const answer = await putState(corrupt(structuredClone(before)));
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('invalid_state');
    expect(answer.json.error.message).toMatch(why);
    expect((await mock.get('/__bulkmock/state')).json).toEqual(before);
  });

  it('refuses a body that is not JSON, or not sent as JSON, and keeps its state', async () => {
    await busyMock();
    const before = (await mock.get('/__bulkmock/state')).json;
    const cut = JSON.stringify(before).slice(0, 200);
    const broken = await mock.call('PUT', '/__bulkmock/state', { headers: json, body: cut });
    expect(broken.status).toBe(400);
    expect(broken.json.error.message).toMatch(/not valid JSON/);
    const asText = await mock.call('PUT', '/__bulkmock/state', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(before),
    });
    expect(asText.status).toBe(415);
    expect((await mock.get('/__bulkmock/state')).json).toEqual(before);
  });
});

describe('the state endpoints behind the control token', () => {
  it('answer 401 without the token, on export and import alike', async () => {
    const core = createMockCore({ controlToken: 's3cret' });
    const send = (method: 'GET' | 'PUT', headers: Record<string, string>) =>
      core.handle({
        method,
        path: '/__bulkmock/state',
        query: new URLSearchParams(),
        headers: { 'content-type': 'application/json', ...headers },
        body: method === 'GET' ? emptyBody : bodyFromBytes(new TextEncoder().encode('{}')),
      });
    expect((await send('GET', {})).status).toBe(401);
    expect((await send('PUT', {})).status).toBe(401);
    const exported = await send('GET', { 'x-bulkmock-token': 's3cret' });
    expect(exported.status).toBe(200);
  });
});
