import createClient from 'openapi-fetch';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { fixtureText } from '../../generators/index.js';
import { useBulkmock } from '../../mocks/testing/index.js';
import type { paths as ControlPaths } from '../../types/control.js';
import type {
  paths as LearningBuilderPaths,
  QueueBatchDetailsJson,
  Schemas as LearningBuilderSchemas,
} from '../../types/learningBuilder.js';
import type { paths as StackOnePaths } from '../../types/stackOne.js';
import type { paths as ThoughtIndustriesPaths } from '../../types/thoughtIndustries.js';

const mock = useBulkmock({ hooks: { beforeAll, afterEach, afterAll } });

describe('typed clients from bulkmock/types/* with openapi-fetch', () => {
  it('runs a StackOne batch and reads the job through the control API', async () => {
    const stackOne = createClient<StackOnePaths, 'application/json'>({ baseUrl: mock.urls.origin });
    const control = createClient<ControlPaths, 'application/json'>({ baseUrl: mock.urls.origin });
    const { items } = JSON.parse((await fixtureText({ kind: 'stackone-course', count: 2, seed: 5 })).text) as {
      items: Array<
        StackOnePaths['/unified/lms/courses/batch']['post']['requestBody']['content']['application/json']['items'][number]
      >;
    };
    const batch = await stackOne.POST('/unified/lms/courses/batch', {
      params: { header: { 'x-account-id': 'acme-prod' } },
      headers: { authorization: `Basic ${btoa('so-test-key:')}` },
      body: { items },
    });
    expect(batch.response.status).toBe(202);
    expect(batch.data?.errors).toEqual([[], []]);
    const { data: job } = await control.GET('/__bulkmock/jobs/{id}', {
      params: { path: { id: batch.response.headers.get('x-bulkmock-job-id')! } },
    });
    expect(job?.status).toBe('complete');
  });

  it('types the Learning Builder details page as JSON and each record as an open object', async () => {
    const learningBuilder = createClient<LearningBuilderPaths, 'application/json'>({ baseUrl: mock.urls.origin });
    const { text } = await fixtureText({ kind: 'lb-record', count: 3, seed: 5 });
    const created = await learningBuilder.POST('/API/WorkflowImportQueue/CreateBatch', {
      params: { query: { importProcessId: '17' } },
      headers: { authorization: 'apikey lb-test-key', 'content-type': 'application/x-ndjson' },
      body: text,
      bodySerializer: (body: string) => body,
    });
    expect(created.response.status).toBe(200);
    const { data: page } = await learningBuilder.GET('/__bulkmock/learning-builder/batches/{queueBatchId}', {
      params: { path: { queueBatchId: created.data!.queueBatchId } },
    });
    expectTypeOf(page).toEqualTypeOf<QueueBatchDetailsJson | undefined>();
    expectTypeOf<LearningBuilderSchemas['QueueBatchRecordResult']['data']>().toEqualTypeOf<{
      [key: string]: unknown;
    }>();
    expect(page?.status).toBe('complete');
    expect(page?.records.map((r) => typeof r.data.ExternalRecordId)).toEqual(['string', 'string', 'string']);
  });

  it('reads a Thought Industries job by id', async () => {
    const thoughtIndustries = createClient<ThoughtIndustriesPaths, 'application/json'>({ baseUrl: mock.urls.origin });
    const answer = await thoughtIndustries.GET('/incoming/v2/jobs/{id}', {
      params: { path: { id: '3f1c9a52-7d4e-4b8a-9c21-5e6f0a7b8c9d' } },
      headers: { authorization: 'Bearer ti-test-key' },
    });
    expect(answer.response.status).toBe(404);
    expect(answer.error).toBeDefined();
  });
});
