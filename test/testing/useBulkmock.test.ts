import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../../generators/index.js';
import { useBulkmock, type LifecycleHooks } from '../../mocks/testing/index.js';

const hooks = { beforeAll, afterEach, afterAll };
const tiAuth = { authorization: 'Bearer ti-test-key' };
const stackOneAuth = { authorization: `Basic ${btoa('so-test-key:')}`, 'x-account-id': 'acme-prod' };
const lbAuth = { authorization: 'apikey lb-test-key' };

describe('useBulkmock with its defaults (standalone server, instant timing)', () => {
  const mock = useBulkmock({ hooks });

  it('hands out absolute base URLs on a free loopback port', () => {
    expect(mock.urls.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.urls).toMatchObject({
      thoughtIndustries: `${mock.urls.origin}/incoming/v2`,
      stackOne: `${mock.urls.origin}/unified`,
      learningBuilder: `${mock.urls.origin}/API`,
      control: `${mock.urls.origin}/__bulkmock`,
    });
    expect(mock.core.state.settings.timing.mode).toBe('instant');
  });

  it('runs a Thought Industries webinar import to its end', async () => {
    const { text } = await fixtureText({ kind: 'ti-webinar', count: 5, seed: 7 });
    const put = await fetch(`${mock.urls.control}/assets/imports/webinars.csv`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv' },
      body: text,
    });
    expect(put.status).toBe(201);
    const started = await fetch(`${mock.urls.thoughtIndustries}/content/courseGroup/webinar/bulk`, {
      method: 'POST',
      headers: { ...tiAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ bulkImportAssetPath: 'imports/webinars.csv' }),
    });
    const { data } = (await started.json()) as {
      data: { APIBulkCourseGroupWebinarImport: { backgroundJob: { id: string } } };
    };
    const job = await mock.waitForJob(data.APIBulkCourseGroupWebinarImport.backgroundJob.id);
    expect(job).toMatchObject({
      vendor: 'thought-industries',
      status: 'complete',
      progress: { processed: 5, total: 5 },
    });
  });

  it('follows x-bulkmock-job-id of a StackOne batch', async () => {
    const { text } = await fixtureText({ kind: 'stackone-course', count: 3, seed: 7 });
    const answer = await fetch(`${mock.urls.stackOne}/lms/courses/batch`, {
      method: 'POST',
      headers: { ...stackOneAuth, 'content-type': 'application/json' },
      body: text,
    });
    expect(answer.status).toBe(202);
    const job = await mock.waitForJob(answer.headers.get('x-bulkmock-job-id')!);
    expect(job).toMatchObject({ vendor: 'stackone', status: 'complete' });
    const courses = (await (await fetch(`${mock.urls.stackOne}/lms/courses`, { headers: stackOneAuth })).json()) as {
      data: unknown[];
    };
    expect(courses.data).toHaveLength(3);
  });

  it('resets the mock after each test: the courses of the test before are gone', async () => {
    const courses = (await (await fetch(`${mock.urls.stackOne}/lms/courses`, { headers: stackOneAuth })).json()) as {
      data: unknown[];
    };
    expect(courses.data).toEqual([]);
  });

  it('waits for a Learning Builder batch by its queueBatchId', async () => {
    const { text } = await fixtureText({ kind: 'lb-record', count: 4, seed: 7 });
    const answer = await fetch(
      `${mock.urls.learningBuilder}/WorkflowImportQueue/CreateBatch?importProcessId=17&fileName=May&creationPath=LH`,
      {
        method: 'POST',
        headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
        body: text,
      },
    );
    const { queueBatchId } = (await answer.json()) as { queueBatchId: string };
    expect(await mock.waitForJob(queueBatchId)).toMatchObject({ vendor: 'learning-builder', status: 'complete' });
  });

  it('names the id it cannot find', async () => {
    await expect(mock.waitForJob('no-such-job')).rejects.toThrow('no job has the id "no-such-job"');
  });
});

describe('useBulkmock with manual timing', () => {
  const mock = useBulkmock({ hooks, timing: { mode: 'manual', baseDelayMs: 1000, perRowMs: 100 } });

  it('moves the clock forward until the job ends, without wall-clock time passing', async () => {
    const { text } = await fixtureText({ kind: 'stackone-course', count: 20, seed: 3 });
    const answer = await fetch(`${mock.urls.stackOne}/lms/courses/batch`, {
      method: 'POST',
      headers: { ...stackOneAuth, 'content-type': 'application/json' },
      body: text,
    });
    const id = answer.headers.get('x-bulkmock-job-id')!;
    const before = mock.core.state.clock.now();
    const queued = (await (await fetch(`${mock.urls.control}/jobs/${id}`)).json()) as { status: string };
    expect(queued.status).toBe('queued');

    const job = await mock.waitForJob(id);
    expect(job.status).toBe('complete');
    expect(job.history.map((h) => h.status)).toEqual(['queued', 'processing', 'complete']);
    // 1,000 ms base delay + 20 rows x 100 ms: the clock moved at least that far, in doubling steps.
    const moved = mock.core.state.clock.now() - before;
    expect(moved).toBeGreaterThanOrEqual(3000);
    expect(moved).toBeLessThan(2 * 3000 + 1000);
  });
});

describe('useBulkmock over MSW in this process', () => {
  const mock = useBulkmock({ hooks, transport: 'msw' });

  it('answers fetch to its origin and to the vendor hosts a client already calls', async () => {
    expect(mock.urls.origin).toBe('http://bulkmock.test');
    expect((await fetch(`${mock.urls.control}/health`)).status).toBe(200);
    const real = await fetch('https://api.stackone.com/unified/lms/courses', { headers: stackOneAuth });
    expect(((await real.json()) as { data: unknown[] }).data).toEqual([]);
  });
});

describe('useBulkmock without hooks', () => {
  it('asks for the hooks when the runner has no globals', () => {
    expect(() => useBulkmock()).toThrow('pass { hooks: { beforeAll, afterEach, afterAll } }');
  });

  it("uses the runner's globals when there are some (Jest; vitest with globals: true)", () => {
    const registered: string[] = [];
    const globals = globalThis as unknown as Record<string, unknown>;
    Object.assign(globals, {
      beforeAll: () => registered.push('beforeAll'),
      afterEach: () => registered.push('afterEach'),
      afterAll: () => registered.push('afterAll'),
    });
    try {
      useBulkmock();
    } finally {
      for (const name of ['beforeAll', 'afterEach', 'afterAll']) delete globals[name];
    }
    expect(registered).toEqual(['beforeAll', 'afterEach', 'afterAll']);
  });

  it('says the URLs are not known before the mock starts', () => {
    const registered: string[] = [];
    const recorder: LifecycleHooks = {
      beforeAll: () => registered.push('beforeAll'),
      afterEach: () => registered.push('afterEach'),
      afterAll: () => registered.push('afterAll'),
    };
    const early = useBulkmock({ hooks: recorder });
    expect(registered).toEqual(['beforeAll', 'afterEach', 'afterAll']);
    expect(() => early.urls).toThrow('bulkmock has not started yet, so urls is not known');
  });
});
