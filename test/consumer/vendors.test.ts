// A consumer's test file, written from bulkmock's README: every import comes from the installed package.
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import createClient from 'openapi-fetch';
import { useBulkmock } from 'bulkmock/vitest';
import { setupBulkmockServer } from 'bulkmock/node';
import { fixtureText, generateWebinarRows } from 'bulkmock/generators';
import type { paths as ThoughtIndustries } from 'bulkmock/types/thought-industries';
import type { paths as StackOne, Schemas as StackOneSchemas } from 'bulkmock/types/stackone';
import type { paths as LearningBuilder, QueueBatchDetailsJson } from 'bulkmock/types/learning-builder';
import type { paths as Control } from 'bulkmock/types/control';

const hooks = { beforeAll, afterEach, afterAll };
const stackOneAuth = { authorization: `Basic ${btoa('so-test-key:')}` };

describe('bulkmock/vitest with typed clients', () => {
  const mock = useBulkmock({ hooks });

  it('imports Thought Industries webinars from an uploaded CSV', async () => {
    const ti = createClient<ThoughtIndustries, 'application/json'>({ baseUrl: mock.urls.origin });
    const { text } = await fixtureText({ kind: 'ti-webinar', count: 10, seed: 7 });
    const upload = await fetch(`${mock.urls.control}/assets/imports/webinars.csv`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv' },
      body: text,
    });
    expect(upload.status).toBe(201);
    const started = await ti.POST('/incoming/v2/content/courseGroup/webinar/bulk', {
      headers: { authorization: 'Bearer ti-key' },
      body: { bulkImportAssetPath: 'imports/webinars.csv' },
    });
    // Thought Industries documents backgroundJob as nullable ("if applicable"); an import always has one.
    const jobId = started.data!.data.APIBulkCourseGroupWebinarImport.backgroundJob!.id;
    const job = await mock.waitForJob(jobId);
    expect(job.status).toBe('complete');
    const polled = await ti.GET('/incoming/v2/jobs/{id}', {
      params: { path: { id: jobId } },
      headers: { authorization: 'Bearer ti-key' },
    });
    expect(polled.data?.data.APIBackgroundJob.status).toBe('complete');
  });

  it('follows a StackOne batch by x-bulkmock-job-id', async () => {
    const stackOne = createClient<StackOne, 'application/json'>({ baseUrl: mock.urls.origin });
    const items: StackOneSchemas['LmsUpsertCourseRequest'][] = JSON.parse(
      (await fixtureText({ kind: 'stackone-course', count: 3, seed: 7 })).text,
    ).items;
    const batch = await stackOne.POST('/unified/lms/courses/batch', {
      params: { header: { 'x-account-id': 'acme' } },
      headers: stackOneAuth,
      body: { items },
    });
    expect(batch.response.status).toBe(202);
    await mock.waitForJob(batch.response.headers.get('x-bulkmock-job-id')!);
    const list = await stackOne.GET('/unified/lms/courses', {
      params: { header: { 'x-account-id': 'acme' } },
      headers: stackOneAuth,
    });
    expect(list.data?.data).toHaveLength(3);
  });

  it('reads a Learning Builder batch details page as JSON', async () => {
    const lb = createClient<LearningBuilder, 'application/json'>({ baseUrl: mock.urls.origin });
    const { text } = await fixtureText({ kind: 'lb-record', count: 4, seed: 7, invalidRate: 0.25 });
    const created = await lb.POST('/API/WorkflowImportQueue/CreateBatch', {
      params: { query: { importProcessId: '17' } },
      headers: { authorization: 'apikey lb-key', 'content-type': 'application/x-ndjson' },
      body: text,
      bodySerializer: (body: string) => body,
    });
    await mock.waitForJob(created.data!.queueBatchId);
    const page = await lb.GET('/__bulkmock/learning-builder/batches/{queueBatchId}', {
      params: { path: { queueBatchId: created.data!.queueBatchId } },
    });
    expectTypeOf(page.data).toEqualTypeOf<QueueBatchDetailsJson | undefined>();
    expect(page.data?.status).toBe('complete');
    expect(page.data?.records).toHaveLength(4);
  });

  it('resets between tests and answers the control API', async () => {
    const control = createClient<Control, 'application/json'>({ baseUrl: mock.urls.origin });
    const jobs = await control.GET('/__bulkmock/jobs');
    expect(jobs.data?.jobs).toEqual([]);
  });
});

describe('bulkmock/node (MSW in this process)', () => {
  const { server, core } = setupBulkmockServer({ timing: { mode: 'instant' } });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => core.reset());
  afterAll(() => server.close());

  it('answers the real StackOne host without a network', async () => {
    const answer = await fetch('https://api.stackone.com/unified/lms/courses', {
      headers: { ...stackOneAuth, 'x-account-id': 'acme' },
    });
    expect(answer.status).toBe(200);
  });

  it('generates rows that the generators module names', () => {
    const rows = [...generateWebinarRows({ count: 3, seed: 1 })];
    expect(rows).toHaveLength(3);
  });
});
