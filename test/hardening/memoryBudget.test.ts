import { describe, expect, it } from 'vitest';
import { lbAuth, stackOneAuth, tiAuth } from '../support/bulkmockHarness.js';
import { goodWebinar, lbRecord, stackOneCourse, webinarCsv } from '../support/csvFixtures.js';
import { brokenRules, describeRequest, errorMessage, expectStillServing, sendAndCheck } from './support/answerRules.js';
import { useFuzzServer } from './support/fuzzServer.js';
import { send, type Answer, type RawRequest } from './support/rawHttp.js';
import type { RunningServer } from '../../mocks/adapters/http/httpServer.js';

/** Like sendAndCheck, where a 503 or 507 for a full mock is the expected answer (the other rules hold). */
async function sendToFullMock(running: RunningServer, request: RawRequest) {
  const answer = await send(running, request);
  const broken = brokenRules(running, request, answer).filter(
    (rule) => !(rule.startsWith('a 5xx:') && (answer.status === 503 || answer.status === 507)),
  );
  expect(broken, describeRequest(request)).toEqual([]);
  return answer;
}

const json = { 'content-type': 'application/json' };
const createBatch = '/API/WorkflowImportQueue/CreateBatch?importProcessId=4182';
const records = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => lbRecord(`${prefix}-${i}`)).join('\n');

/**
 * Reproduction 4 of issue 12 at bounded sizes: nothing bounded what the mock keeps (about 100
 * Learning Builder batches of 100,000 records killed it). With a 1 MiB budget, writes past it are
 * refused with the vendor's 503 or the control API's 507, and everything accepted stays readable.
 */
describe('memory budget (--max-memory)', () => {
  const server = useFuzzServer({
    mock: { maxMemoryBytes: 1024 * 1024, maxRowsPerImport: 1_000, maxBodyBytes: 1024 * 1024 },
  });
  const health = async () =>
    JSON.parse((await sendAndCheck(server.running, { method: 'GET', path: '/__bulkmock/health' })).body).memory;

  it('refuses a Learning Builder batch past the budget with 503 and Retry-After, naming the limit and the flag, and keeps every batch it accepted', async () => {
    const { running } = server;
    const accepted: string[] = [];
    let refused: Answer | null = null;
    for (let i = 0; i < 40 && !refused; i++) {
      const answer = await sendToFullMock(running, {
        method: 'POST',
        path: createBatch,
        headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
        body: records(200, `B${i}`),
      });
      if (answer.status === 200) accepted.push(JSON.parse(answer.body).queueBatchId);
      else refused = answer;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.headers['retry-after']).toBe('30');
    expect(errorMessage(refused!.body)).toMatch(/keeps at most 1\.0 MiB \(--max-memory\)/);
    expect(accepted.length).toBeGreaterThan(2);
    // Jobs are still running (manual time): nothing may be dropped to make room.
    for (const id of accepted) {
      const details = await sendAndCheck(running, {
        method: 'GET',
        path: `/__bulkmock/learning-builder/batches/${id}`,
        headers: { accept: 'application/json' },
      });
      expect(details.status).toBe(200);
      expect(JSON.parse(details.body).recordCount).toBe(200);
    }
    const usage = await health();
    expect(usage).toMatchObject({ limitBytes: 1024 * 1024, evictedJobs: 0 });
    expect(usage.usedBytes).toBeLessThanOrEqual(1024 * 1024);
    expect(usage.byKind.batches).toBeGreaterThan(0);

    // Once the jobs are finished, the oldest finished batches make room, and say so in health.
    await sendAndCheck(running, {
      method: 'POST',
      path: '/__bulkmock/clock/advance',
      headers: json,
      body: '{"ms":3600000}',
    });
    const after = await sendAndCheck(running, {
      method: 'POST',
      path: createBatch,
      headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
      body: records(200, 'LATE'),
    });
    expect(after.status).toBe(200);
    expect((await health()).evictedJobs).toBeGreaterThan(0);
    await sendAndCheck(running, { method: 'POST', path: '/__bulkmock/reset', headers: json, body: '{}' });
    expect((await health()).byKind).toMatchObject({ batches: 0, records: 0, courses: 0, jobs: 0 });
  });

  it('refuses an asset upload past the budget with 507, a full import with 503, and a StackOne batch with 503', async () => {
    const { running } = server;
    const big = webinarCsv(...Array.from({ length: 1_000 }, (_, i) => goodWebinar(`W-${i}`)));
    const upload = (name: string, body: string) =>
      sendToFullMock(running, {
        method: 'PUT',
        path: `/__bulkmock/assets/budget/${name}`,
        headers: { 'content-type': 'text/csv' },
        body,
      });
    expect((await upload('one.csv', big)).status).toBe(201);
    expect((await upload('two.csv', big)).status).toBe(201);
    const refused = await upload('three.csv', big.repeat(4));
    expect(refused.status).toBe(507);
    expect(JSON.parse(refused.body).errors[0]).toMatchObject({
      code: 'insufficient_storage',
      message: expect.stringContaining('--max-memory'),
    });
    // The stored files still import (a dry run keeps nothing, so it is allowed).
    const dryRun = await sendAndCheck(running, {
      method: 'POST',
      path: '/incoming/v2/content/courseGroup/webinar/bulk',
      headers: { ...tiAuth, ...json },
      body: JSON.stringify({ bulkImportAssetPath: 'budget/two.csv', dryRun: true }),
    });
    expect(dryRun.status).toBe(200);
    // A full import would keep its 1,000 rows: past the budget.
    const full = await sendToFullMock(running, {
      method: 'POST',
      path: '/incoming/v2/content/courseGroup/webinar/bulk',
      headers: { ...tiAuth, ...json },
      body: JSON.stringify({ bulkImportAssetPath: 'budget/two.csv' }),
    });
    expect(full.status).toBe(503);
    expect(full.headers['retry-after']).toBe('30');
    const courses = await sendToFullMock(running, {
      method: 'POST',
      path: '/unified/lms/courses/batch',
      headers: { ...stackOneAuth(), ...json },
      body: JSON.stringify({
        items: Array.from({ length: 100 }, (_, i) => stackOneCourse(`C-${i}`, { description: 'x'.repeat(8_000) })),
      }),
    });
    expect(courses.status).toBe(503);
    await expectStillServing(running);
    await sendAndCheck(running, { method: 'POST', path: '/__bulkmock/reset', headers: json, body: '{}' });
  });
});

/**
 * A users import answers a bare job, so the job itself keeps the row report (shown by the control
 * API): that report counts against the budget for as long as the job is kept, and finished jobs make
 * room for new ones as they do for stored rows.
 */
describe('memory budget (--max-memory): row reports kept by users import jobs', () => {
  const server = useFuzzServer({
    mock: { maxMemoryBytes: 1024 * 1024, maxRowsPerImport: 1_000, maxBodyBytes: 1024 * 1024 },
  });
  const health = async () =>
    JSON.parse((await sendAndCheck(server.running, { method: 'GET', path: '/__bulkmock/health' })).body).memory;

  it('charges each kept row report to the jobs, and drops the oldest finished jobs to stay within the budget', async () => {
    const { running } = server;
    const invalidUsers = Array.from({ length: 500 }, (_, i) => `not-an-email-${i},Amara,${'N'.repeat(100)},EMP-${i},`);
    const csv = ['email,firstName,lastName,externalCustomerId,language', ...invalidUsers].join('\n');
    const stored = await sendAndCheck(running, {
      method: 'PUT',
      path: '/__bulkmock/assets/budget/users.csv',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(stored.status).toBe(201);
    const before = await health();
    const dryRun = () =>
      sendToFullMock(running, {
        method: 'POST',
        path: '/incoming/v2/users/bulkImport',
        headers: { ...tiAuth, ...json },
        body: JSON.stringify({ url: 'https://example.test/__bulkmock/assets/budget/users.csv', dryRun: true }),
      });

    expect((await dryRun()).status).toBe(200);
    const afterOne = await health();
    // 500 rows with their values and errors: far more than a job's own entry (1 KiB).
    expect(afterOne.byKind.jobs - before.byKind.jobs).toBeGreaterThan(250_000);

    for (let i = 0; i < 4; i++) expect((await dryRun()).status).toBe(200);
    const after = await health();
    expect(after.evictedJobs).toBeGreaterThan(0);
    expect(after.usedBytes).toBeLessThanOrEqual(1024 * 1024);
    await expectStillServing(running);
  });
});
