import { describe, expect, it } from 'vitest';
import { allowedTransitions, jobStateAt, planJob, type JobStatus } from '../../mocks/jobs/jobLifecycle.js';
import { goodWebinar, webinarCsv } from '../support/csvFixtures.js';
import { tiAuth, useBulkmock } from '../support/bulkmockHarness.js';

const realistic = { mode: 'realistic', baseDelayMs: 1000, perRowMs: 10 } as const;

describe('the job state machine', () => {
  it('queues for the base delay, processes for rows x per-row cost, then completes', () => {
    const plan = planJob({ createdAt: 0, rows: 100, timing: realistic });
    expect(jobStateAt(plan, 999)).toMatchObject({ status: 'queued', processed: 0 });
    expect(jobStateAt(plan, 1000)).toMatchObject({ status: 'processing', processed: 0 });
    expect(jobStateAt(plan, 1500)).toMatchObject({ status: 'processing', processed: 50, total: 100 });
    expect(jobStateAt(plan, 2000)).toMatchObject({ status: 'complete', processed: 100, updatedAt: 2000 });
  });

  it('is terminal at once in instant timing, with the whole history at one moment', () => {
    const state = jobStateAt(planJob({ createdAt: 5, rows: 3, timing: { ...realistic, mode: 'instant' } }), 5);
    expect(state.status).toBe('complete');
    expect(state.history.map((t) => [t.status, t.at])).toEqual([
      ['queued', 5],
      ['processing', 5],
      ['complete', 5],
    ]);
  });

  it('fails part way through processing with the error message', () => {
    const plan = planJob({
      createdAt: 0,
      rows: 10,
      timing: realistic,
      failure: { message: 'Disk full', atFraction: 0.5 },
    });
    expect(jobStateAt(plan, 1049)).toMatchObject({ status: 'processing' });
    expect(jobStateAt(plan, 1050)).toMatchObject({ status: 'failed', processed: 5, errorMessage: 'Disk full' });
  });

  it('only ever moves along an allowed transition, whatever the moment it is read', () => {
    const plans = [
      planJob({ createdAt: 0, rows: 37, timing: realistic }),
      planJob({ createdAt: 0, rows: 37, timing: realistic, failure: { message: 'x', atFraction: 0.3 } }),
    ];
    for (const plan of plans) {
      let previous: JobStatus = 'queued';
      let processed = 0;
      for (let t = 0; t <= 2000; t += 7) {
        const state = jobStateAt(plan, t);
        if (state.status !== previous) expect(allowedTransitions[previous]).toContain(state.status);
        expect(state.processed).toBeGreaterThanOrEqual(processed);
        previous = state.status;
        processed = state.processed;
      }
    }
  });
});

describe('a job polled through the API under a manual clock', () => {
  const mock = useBulkmock({ timing: { mode: 'manual', baseDelayMs: 2000, perRowMs: 500 } });

  it('moves queued -> processing with progress -> complete as the clock advances, and the control API shows its history', async () => {
    await mock.call('PUT', '/__bulkmock/assets/four.csv', {
      headers: { 'content-type': 'text/csv' },
      body: webinarCsv(...['W-1', 'W-2', 'W-3', 'W-4'].map((id) => goodWebinar(id))),
    });
    const jobId = (
      await mock.postJson('/incoming/v2/content/courseGroup/webinar/bulk', { bulkImportAssetPath: 'four.csv' }, tiAuth)
    ).json.data.APIBulkCourseGroupWebinarImport.backgroundJob.id;
    const poll = async () => (await mock.get(`/incoming/v2/jobs/${jobId}`, tiAuth)).json.data.APIBackgroundJob;

    expect(await poll()).toMatchObject({ status: 'queued', progress: { processed: 0, total: 4 } });
    await mock.postJson('/__bulkmock/clock/advance', { ms: 2000 + 1000 });
    expect(await poll()).toMatchObject({ status: 'processing', progress: { processed: 2, total: 4 } });
    await mock.postJson('/__bulkmock/clock/advance', { ms: 1000 });
    expect(await poll()).toMatchObject({ status: 'complete', progress: { processed: 4, total: 4 } });

    const job = (await mock.get(`/__bulkmock/jobs/${jobId}`)).json;
    expect(job.history.map((t: { status: string; at: string }) => [t.status, t.at])).toEqual([
      ['queued', '2026-01-05T09:00:00.000Z'],
      ['processing', '2026-01-05T09:00:02.000Z'],
      ['complete', '2026-01-05T09:00:04.000Z'],
    ]);
  });

  it('refuses to move the clock backwards or by a non-number', async () => {
    expect((await mock.postJson('/__bulkmock/clock/advance', { ms: -5 })).status).toBe(400);
    expect((await mock.postJson('/__bulkmock/clock/advance', { ms: 'soon' })).status).toBe(400);
    expect((await mock.postJson('/__bulkmock/clock/advance', { ms: 1, extra: true })).status).toBe(400);
  });
});
