import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreateMockOptions } from '../../../mocks/builtInVendors.js';
import { goodWebinar, lbRecord, stackOneCourse, webinarCsv } from '../../support/csvFixtures.js';
import { lbAuth, stackOneAuth, tiAuth } from '../../support/bulkmockHarness.js';
import { stores, type MockOnStore } from './stores.js';

const manual = { seed: 42, timing: { mode: 'manual', baseDelayMs: 1_000, perRowMs: 10 } } as const;

describe.each(stores)('the $name store', (store) => {
  beforeAll(() => store.setUp?.());
  afterAll(() => store.tearDown?.());
  let open: MockOnStore[] = [];
  afterEach(async () => {
    await Promise.all(open.map((mock) => mock.close()));
    open = [];
  });
  async function start(options: CreateMockOptions = manual) {
    const mock = await store.start(options);
    open.push(mock);
    return client(mock);
  }

  it('keeps jobs, records, uploaded assets, batches, the id position and the manual clock across a restart', async () => {
    const mock = await start();
    await busy(mock);
    const before = await mock.json('GET', '/__bulkmock/state');
    const jobsBefore = await mock.json('GET', '/__bulkmock/jobs');
    const clockBefore = (await mock.json('GET', '/__bulkmock/health')).now as string;
    await mock.restart();
    expect(await mock.json('GET', '/__bulkmock/state')).toEqual(before);
    expect(await mock.json('GET', '/__bulkmock/jobs')).toEqual(jobsBefore);
    expect((await mock.json('GET', '/__bulkmock/health')).now).toBe(clockBefore);
    const courses = await mock.json('GET', '/unified/lms/courses', undefined, stackOneAuth());
    expect(courses.data.map((c: { external_reference: string }) => c.external_reference)).toEqual(['A']);
    // The webinar import that was running goes on after the restart and uses the uploaded asset's rows.
    await mock.json('POST', '/__bulkmock/clock/advance', { ms: 60_000 });
    const ti = await mock.json('GET', '/__bulkmock/jobs?vendor=thought-industries');
    expect(ti.jobs.map((j: { status: string }) => j.status)).toEqual(['complete']);
  });

  it('draws the same ids after a restart as a mock that never stopped (same seed, same requests)', async () => {
    const restarted = await start();
    const steady = await start();
    const ids = async (mock: Client, restart: boolean) => {
      const first = await mock.send(
        'POST',
        '/unified/lms/courses/batch',
        { items: [stackOneCourse('A')] },
        stackOneAuth(),
      );
      if (restart) await mock.restart();
      const second = await mock.send(
        'POST',
        '/unified/lms/courses/batch',
        { items: [stackOneCourse('B')] },
        stackOneAuth(),
      );
      return [first.headers.get('x-bulkmock-job-id'), second.headers.get('x-bulkmock-job-id')];
    };
    const [a, b] = await Promise.all([ids(restarted, true), ids(steady, false)]);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(2);
  });

  it('drops the oldest finished jobs past --max-jobs, counting the jobs from before the restart', async () => {
    const mock = await start({ ...manual, timing: { mode: 'instant' }, maxJobs: 3 });
    const made: string[] = [];
    const course = async (name: string) => {
      const answer = await mock.send(
        'POST',
        '/unified/lms/courses/batch',
        { items: [stackOneCourse(name)] },
        stackOneAuth(),
      );
      made.push(answer.headers.get('x-bulkmock-job-id')!);
    };
    for (const name of ['A', 'B', 'C']) await course(name);
    await mock.restart();
    await course('D');
    const kept = (await mock.json('GET', '/__bulkmock/jobs')).jobs.map((j: { id: string }) => j.id);
    expect(kept).toEqual(made.slice(1));
  });

  it('forgets everything on reset after a restart, and draws ids from the seed again', async () => {
    const mock = await start();
    const first = await mock.send(
      'POST',
      '/unified/lms/courses/batch',
      { items: [stackOneCourse('A')] },
      stackOneAuth(),
    );
    await busy(mock);
    await mock.restart();
    await mock.json('POST', '/__bulkmock/reset');
    expect((await mock.json('GET', '/__bulkmock/jobs')).jobs).toEqual([]);
    expect((await mock.json('GET', '/__bulkmock/state')).records).toEqual([]);
    const again = await mock.send(
      'POST',
      '/unified/lms/courses/batch',
      { items: [stackOneCourse('A')] },
      stackOneAuth(),
    );
    expect(again.headers.get('x-bulkmock-job-id')).toBe(first.headers.get('x-bulkmock-job-id'));
  });

  it('keeps what was preloaded and changed across a restart, and returns to the preload on reset', async () => {
    const mock = await start({ ...manual, preload: 'stackone-course:3' });
    const preloaded = await mock.json('GET', '/__bulkmock/state');
    await mock.send('POST', '/unified/lms/courses/batch', { items: [stackOneCourse('extra')] }, stackOneAuth());
    const changed = await mock.json('GET', '/__bulkmock/state');
    await mock.restart();
    expect(await mock.json('GET', '/__bulkmock/state')).toEqual(changed);
    await mock.json('POST', '/__bulkmock/reset');
    expect(await mock.json('GET', '/__bulkmock/state')).toEqual(preloaded);
  });
});

type Client = ReturnType<typeof client>;

function client(mock: MockOnStore) {
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${mock.url}${path}`, {
      method,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const raw = (method: string, path: string, body: string, headers: Record<string, string>) =>
    fetch(`${mock.url}${path}`, { method, headers, body });
  return {
    send,
    raw,
    restart: () => mock.restart(),
    async json(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
      const answer = await send(method, path, body, headers);
      expect(answer.status, `${method} ${path}`).toBeLessThan(300);
      // Any, as Response.json() gives: the tests read the answers' fields freely, as test/support's harness does.
      return answer.json();
    },
  };
}

/** A StackOne course, a Thought Industries upload and webinar import still running, a Learning Builder batch. */
async function busy(mock: Client) {
  await mock.json('POST', '/unified/lms/courses/batch', { items: [stackOneCourse('A')] }, stackOneAuth());
  await mock.json('POST', '/__bulkmock/clock/advance', { ms: 5_000 });
  const upload = await mock.raw('PUT', '/__bulkmock/assets/a.csv', webinarCsv(goodWebinar('W-1')), {
    'content-type': 'text/csv',
  });
  expect(upload.status).toBeLessThan(300);
  await mock.json('POST', '/incoming/v2/content/courseGroup/webinar/bulk', { bulkImportAssetPath: 'a.csv' }, tiAuth);
  const batch = await mock.raw(
    'POST',
    '/API/WorkflowImportQueue/CreateBatch?importProcessId=17&fileName=CE&creationPath=LH',
    [lbRecord('R-1'), lbRecord('R-2')].join('\n') + '\n',
    { ...lbAuth, 'content-type': 'application/x-ndjson' },
  );
  expect(batch.status).toBe(200);
}
