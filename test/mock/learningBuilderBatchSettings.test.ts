import { describe, expect, it } from 'vitest';
import { lbRecord } from '../support/csvFixtures.js';
import { lbAuth, stackOneAuth, useBulkmock } from '../support/bulkmockHarness.js';
import { stackOneCourse } from '../support/csvFixtures.js';

const mock = useBulkmock({ timing: { mode: 'instant' } });
const ndjson = { ...lbAuth, 'content-type': 'application/x-ndjson' };
const createBatch = (query: string) =>
  mock.call('POST', `/API/WorkflowImportQueue/CreateBatch?importProcessId=17&${query}`, {
    headers: ndjson,
    body: `${lbRecord('R-1')}\n`,
  });

describe('Learning Builder e-mail addresses of a batch', () => {
  it('stores sendSuccessEmailTo and sendFailureEmailTo and shows them in the batch details, JSON and HTML', async () => {
    const created = (await createBatch('sendSuccessEmailTo=ok%40example.org&sendFailureEmailTo=ops%40example.org'))
      .json;
    const page = (await mock.get(new URL(created.queueBatchDetails).pathname)).json;
    expect(page).toMatchObject({ sendSuccessEmailTo: 'ok@example.org', sendFailureEmailTo: 'ops@example.org' });
    const html = (await mock.get(new URL(created.queueBatchDetails).pathname, { accept: 'text/html' })).body;
    expect(html).toContain('ok@example.org');
    expect(html).toContain('ops@example.org');
  });

  it('shows null for an address the batch was created without', async () => {
    const created = (await createBatch('sendFailureEmailTo=ops%40example.org')).json;
    const page = (await mock.get(new URL(created.queueBatchDetails).pathname)).json;
    expect(page).toMatchObject({ sendSuccessEmailTo: null, sendFailureEmailTo: 'ops@example.org' });
  });

  it("shows the creation path and addresses on the batch's job in the control API (what the dashboard draws)", async () => {
    const { queueBatchId } = (await createBatch('creationPath=LH&sendSuccessEmailTo=ok%40example.org')).json;
    const job = (await mock.get(`/__bulkmock/jobs/${queueBatchId}`)).json;
    expect(job.queueBatch).toEqual({
      creationPath: 'IMPORT_QUEUE_API:LH',
      sendSuccessEmailTo: 'ok@example.org',
      sendFailureEmailTo: null,
    });
  });
});

describe('finding jobs by creation path and operation', () => {
  it('finds the batches of one integration by the stored IMPORT_QUEUE_API:X form and by the bare X', async () => {
    const lh = (await createBatch('creationPath=LH')).json.queueBatchId;
    await createBatch('creationPath=LH_2');
    await createBatch('fileName=none');
    await mock.postJson('/unified/lms/courses/batch', { items: [stackOneCourse('A')] }, stackOneAuth());
    const ids = async (query: string) =>
      (await mock.get(`/__bulkmock/jobs?${query}`)).json.jobs.map((j: { id: string }) => j.id);
    expect(await ids('creationPath=IMPORT_QUEUE_API:LH')).toEqual([lh]);
    expect(await ids('creationPath=LH')).toEqual([lh]);
    expect(await ids('creationPath=XY')).toEqual([]);
    expect((await mock.get('/__bulkmock/jobs?creationPath=lh')).status).toBe(400);
  });

  it('filters by operationId, alone or with the other filters', async () => {
    await createBatch('creationPath=LH');
    await mock.postJson('/unified/lms/courses/batch', { items: [stackOneCourse('A')] }, stackOneAuth());
    const operations = async (query: string) =>
      (await mock.get(`/__bulkmock/jobs?${query}`)).json.jobs.map((j: { operationId: string }) => j.operationId);
    expect(await operations('operationId=batchUpsertCourses')).toEqual(['batchUpsertCourses']);
    expect(await operations('operationId=createWorkflowImportBatch&creationPath=LH')).toEqual([
      'createWorkflowImportBatch',
    ]);
    expect(await operations('operationId=batchUpsertCourses&vendor=learning-builder')).toEqual([]);
  });
});
