import { describe, expect, it } from 'vitest';
import { createMockCore } from '../../mocks/builtInVendors.js';
import { emptyBody } from '../../mocks/core/mockRequest.js';
import { findOperation } from '../../mocks/spec/specRegistry.js';
import { jobIdIn } from '../../mocks/preload/examplePreload.js';
import { parsePreload } from '../../mocks/preload/preloadPlan.js';
import { parameterValue, parametersOf, successExamples } from '../../mocks/preload/requestFromExample.js';
import { lbAuth, stackOneAuth, tiAuth, useBulkmock } from '../support/bulkmockHarness.js';

/** Every id an example of these operations names, read from the specs (as the preload does). */
function exampleJobIds(): string[] {
  const ids = new Set<string>();
  for (const [spec, operationId, parameter] of [
    ['thought-industries', 'getBackgroundJob', 'id'],
    ['control', 'getJob', 'id'],
    ['learning-builder', 'getQueueBatchDetails', 'queueBatchId'],
  ] as const) {
    const entry = findOperation(spec, operationId);
    const named = parametersOf(entry).find((p) => p.name === parameter)!.examples as Record<string, { value: string }>;
    for (const example of Object.values(named)) ids.add(example.value);
  }
  for (const [spec, operationId] of [
    ['thought-industries', 'bulkImportCourseGroupWebinars'],
    ['thought-industries', 'bulkImportInPersonEventSessions'],
    ['learning-builder', 'createWorkflowImportBatch'],
  ] as const) {
    for (const value of successExamples(findOperation(spec, operationId))) {
      const id = jobIdIn(value);
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

describe('--preload examples', () => {
  const mock = useBulkmock({ preload: 'examples' });

  it('replays every request example but the vendors\' two samples whose asset path is the placeholder "string"', async () => {
    const { refused } = await mock.core.ready;
    expect(refused.map((r) => [r.what, r.status])).toEqual([
      ['bulkImportCourseGroupWebinars example seed', 404],
      ['bulkImportInPersonEventSessions example seed', 404],
    ]);
  });

  it("holds a job for every id the specs' examples name, answered by the vendor and the control API", async () => {
    const ids = exampleJobIds();
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect((await mock.get(`/__bulkmock/jobs/${id}`)).status, id).toBe(200);
    const tiJob = parametersOf(findOperation('thought-industries', 'getBackgroundJob')).find((p) => p.name === 'id')!;
    const answer = await mock.get(`/incoming/v2/jobs/${String(parameterValue(tiJob, 'webinarImport'))}`, tiAuth);
    expect(answer.status).toBe(200);
    expect(answer.json.data.APIBackgroundJob).toMatchObject({
      type: 'courseGroupWebinarBulkImport',
      status: 'complete',
    });
  });

  it('holds the Learning Builder batch of the details example, with its records, creation path and addresses', async () => {
    const entry = findOperation('learning-builder', 'getQueueBatchDetails');
    const [example] = successExamples(entry) as Array<{
      queueBatchId: string;
      creationPath: string;
      recordCount: number;
      sendSuccessEmailTo: string;
    }>;
    const page = (await mock.get(`/__bulkmock/learning-builder/batches/${example!.queueBatchId}`)).json;
    expect(page).toMatchObject({
      creationPath: example!.creationPath,
      recordCount: example!.recordCount,
      sendSuccessEmailTo: example!.sendSuccessEmailTo,
    });
  });

  it('holds the assets and courses the request examples upload', async () => {
    const upload = findOperation('thought-industries', 'uploadImportAsset');
    const assetPath = parametersOf(upload).find((p) => p.name === 'assetPath')!;
    const imported = await mock.postJson(
      '/incoming/v2/content/courseGroup/webinar/bulk',
      { bulkImportAssetPath: parameterValue(assetPath, 'springWebinars'), dryRun: true },
      tiAuth,
    );
    expect(imported.status).toBe(200);
    const account = parametersOf(findOperation('stackone', 'listCourses')).find((p) => p.name === 'x-account-id')!;
    const courses = await mock.get('/unified/lms/courses', {
      ...stackOneAuth(String(parameterValue(account, 'threeCourses'))),
    });
    expect(courses.json.data.length).toBeGreaterThanOrEqual(3);
  });

  it('returns to the preloaded state on POST /__bulkmock/reset', async () => {
    const before = (await mock.get('/__bulkmock/jobs')).json.jobs.map((j: { id: string }) => j.id);
    await mock.call('POST', '/API/WorkflowImportQueue/CreateBatch?importProcessId=9', {
      headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
      body: '{"a":1}\n',
    });
    expect((await mock.get('/__bulkmock/jobs')).json.jobs).toHaveLength(before.length + 1);
    expect((await mock.call('POST', '/__bulkmock/reset')).status).toBe(200);
    expect((await mock.get('/__bulkmock/jobs')).json.jobs.map((j: { id: string }) => j.id)).toEqual(before);
  });
});

describe('--preload kind:count', () => {
  it('imports generated records through the vendor operations, seeded, with finished jobs', async () => {
    const make = () =>
      createMockCore({
        seed: 5,
        timing: { mode: 'realistic' },
        preload: ['stackone-course:50,ti-webinar:20', 'lb-record:3'],
      });
    const core = make();
    const report = await core.ready;
    expect(report.refused).toEqual([]);
    const jobs = core.state.jobs.list(core.state.clock.now());
    expect(jobs.map((j) => [j.operationId, j.state.status, j.state.total])).toEqual([
      ['batchUpsertCourses', 'complete', 50],
      ['bulkImportCourseGroupWebinars', 'complete', 20],
      ['createWorkflowImportBatch', 'complete', 3],
    ]);
    const account = parametersOf(findOperation('stackone', 'batchUpsertCourses')).find(
      (p) => p.name === 'x-account-id',
    )!;
    const list = await core.handle({
      method: 'GET',
      path: '/unified/lms/courses',
      query: new URLSearchParams('page_size=100'),
      headers: stackOneAuth(String(parameterValue(account, null))),
      body: emptyBody,
    });
    expect((list.body as { kind: 'json'; value: { data: unknown[] } }).value.data).toHaveLength(50);
    const again = make();
    await again.ready;
    expect(again.state.jobs.list(again.state.clock.now()).map((j) => j.id)).toEqual(jobs.map((j) => j.id));
  });

  it('refuses unknown kinds, bad counts and kinds of a vendor that is not served, naming what is accepted', () => {
    expect(() => parsePreload('stackone-courses:5')).toThrow(/unknown kind "stackone-courses".*stackone-course/);
    expect(() => parsePreload('ti-webinar:0')).toThrow(/1 to 100000/);
    expect(() => parsePreload('ti-webinar')).toThrow(/neither examples nor kind:count/);
    expect(() => parsePreload('examples,,ti-webinar:2')).toThrow(/empty entry/);
    expect(parsePreload(['examples,ti-webinar:2', 'examples'])).toEqual([
      { kind: 'examples' },
      { kind: 'generated', generator: 'ti-webinar', count: 2 },
    ]);
    expect(() => createMockCore({ vendors: ['stackone'], preload: 'lb-record:2' })).toThrow(
      /learning-builder, which is not enabled/,
    );
  });
});
