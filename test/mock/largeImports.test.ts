import { describe, expect, it } from 'vitest';
import { goodWebinar, webinarCsv } from '../support/csvFixtures.js';
import { tiAuth, useBulkmock } from '../support/bulkmockHarness.js';

/** Tasks the mock schedules (the next slices of a job's end effects), run only when the test says. */
const tasks: Array<() => void> = [];
const runScheduled = () => {
  let ran = 0;
  while (tasks.length > 0) {
    tasks.shift()!();
    ran += 1;
  }
  return ran;
};

const rows = (n: number, prefix: string, title?: string) =>
  webinarCsv(...Array.from({ length: n }, (_, i) => goodWebinar(`${prefix}-${i}`, title)));
const importPath = '/incoming/v2/content/courseGroup/webinar/bulk';

/**
 * Reproduction 1 of issue 12 at bounded sizes: a full import stored each row with a search over the
 * collection (40,000 rows took 52 s), all at once, blocking every other request.
 */
describe('large Thought Industries imports', () => {
  const mock = useBulkmock({ schedule: (task) => tasks.push(task) });

  async function startImport(path: string, csv: string) {
    await mock.call('PUT', `/__bulkmock/assets/${path}`, { headers: { 'content-type': 'text/csv' }, body: csv });
    const answer = await mock.postJson(importPath, { bulkImportAssetPath: path }, { ...tiAuth });
    expect(answer.status).toBe(200);
    return answer.json.data.APIBulkCourseGroupWebinarImport.backgroundJob.id as string;
  }
  const job = async (id: string) => (await mock.get(`/incoming/v2/jobs/${id}`, tiAuth)).json.data.APIBackgroundJob;
  const stored = async () =>
    (await mock.get('/__bulkmock/thought-industries/records/webinars?limit=1')).json.total as number;

  it('stores 40,000 rows upserted by externalId, each row once', async () => {
    const id = await startImport('large/40k.csv', rows(40_000, 'BIG'));
    mock.advance(3_600_000);
    expect((await job(id)).status).toBe('processing');
    runScheduled();
    expect((await job(id)).status).toBe('complete');
    expect(await stored()).toBe(40_000);
  });

  it("applies a job's end effects in slices between requests, and reads it as processing until every record is stored", async () => {
    const id = await startImport('large/5k.csv', rows(5_000, 'SLICE'));
    mock.advance(3_600_000);
    // The request that finds the job ended applies one slice (500 rows) and is answered.
    const during = await job(id);
    expect(during).toMatchObject({ status: 'processing' });
    expect(during.progress.processed).toBeLessThan(5_000);
    const partial = await stored();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(5_000);
    expect(runScheduled()).toBeGreaterThan(0);
    expect(await job(id)).toMatchObject({ status: 'complete' });
    expect(await stored()).toBe(5_000);
  });

  it('applies the effects of jobs in the order they ended, exactly once, whatever the slices', async () => {
    // Two imports of the same externalIds with different titles; the second ends later and wins.
    const first = await startImport('large/first.csv', rows(3_000, 'SAME', 'First Title Of The Course'));
    mock.advance(10);
    const second = await startImport('large/second.csv', rows(3_000, 'SAME', 'Second Title Of The Course'));
    mock.advance(3_600_000);
    await job(first);
    runScheduled();
    expect((await job(first)).status).toBe('complete');
    expect((await job(second)).status).toBe('complete');
    const all = (await mock.get('/__bulkmock/thought-industries/records/webinars?limit=1000&offset=0')).json;
    expect(all.total).toBe(3_000);
    expect(new Set(all.items.map((r: { fields: { title: string } }) => r.fields.title))).toEqual(
      new Set(['Second Title Of The Course']),
    );
    expect(new Set(all.items.map((r: { sourceJobId: string }) => r.sourceJobId))).toEqual(new Set([second]));
  });

  it('forgets effects still to apply on reset', async () => {
    await startImport('large/reset.csv', rows(5_000, 'RESET'));
    mock.advance(3_600_000);
    await stored();
    mock.core.reset();
    runScheduled();
    expect(await stored()).toBe(0);
  });
});
