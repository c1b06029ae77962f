import { describe, expect, it } from 'vitest';
import { lbRecord } from '../support/csvFixtures.js';
import { lbAuth, useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock({ timing: { mode: 'manual', baseDelayMs: 1000, perRowMs: 100 } });
const ndjson = { ...lbAuth, 'content-type': 'application/x-ndjson' };
const createBatch = (
  body: string,
  query = 'importProcessId=17&fileName=CE%20credits%20May&creationPath=LH',
  headers: Record<string, string> = ndjson,
) => mock.call('POST', `/API/WorkflowImportQueue/CreateBatch?${query}`, { headers, body });
const details = async (link: string, accept = 'application/json') => mock.get(new URL(link).pathname, { accept });

describe('Learning Builder CreateBatch', () => {
  it('queues every record and links to a details page served by the mock', async () => {
    const answer = await createBatch([lbRecord('R-1'), lbRecord('R-2')].join('\n') + '\n');
    expect(answer.status).toBe(200);
    expect(answer.json.queueBatchDetails).toBe(
      `http://lms.test/__bulkmock/learning-builder/batches/${answer.json.queueBatchId}`,
    );
    const page = (await details(answer.json.queueBatchDetails)).json;
    expect(page).toMatchObject({
      status: 'queued',
      recordCount: 2,
      fileName: 'CE credits May',
      creationPath: 'IMPORT_QUEUE_API:LH',
      importProcessId: '17',
    });
    expect(page.records.map((r: { status: string }) => r.status)).toEqual(['pending', 'pending']);
  });

  it('processes records in line order and reports each failed record with its reasons', async () => {
    const body = [
      lbRecord('R-1'),
      '',
      lbRecord('R-2', { CreditHours: 1.1, Email: 'not-an-email' }),
      lbRecord('R-1'),
    ].join('\r\n');
    const { queueBatchDetails } = (await createBatch(body)).json;
    mock.advance(1000 + 100);
    const midway = (await details(queueBatchDetails)).json;
    expect(midway).toMatchObject({ status: 'processing', progress: { processed: 1, total: 3 }, succeededCount: 1 });

    mock.advance(10_000);
    const done = (await details(queueBatchDetails)).json;
    expect(done).toMatchObject({ status: 'complete', succeededCount: 1, failedCount: 2 });
    expect(done.records.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([
      [1, 'succeeded'],
      [3, 'failed'],
      [4, 'failed'],
    ]);
    expect(done.records[1].errors).toEqual([
      { field: 'Email', message: 'Email must be a valid email' },
      { field: 'CreditHours', message: 'CreditHours must be a multiple of 0.25' },
    ]);
    expect(done.records[2].errors).toEqual([
      { field: 'ExternalRecordId', message: 'ExternalRecordId "R-1" is already used by line 1' },
    ]);
  });

  it('serves the details page as HTML to a browser', async () => {
    const { queueBatchDetails } = (await createBatch(`${lbRecord('R-1')}\n`)).json;
    const page = await details(queueBatchDetails, 'text/html,application/xhtml+xml');
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('IMPORT_QUEUE_API:LH');
    expect(page.body).toContain('<td>1</td><td>pending</td>');
  });

  it('reports broken lines by number and queues nothing', async () => {
    const answer = await createBatch(
      [lbRecord('R-1'), '{"ExternalRecordId": "R-2",', '[1,2]', lbRecord('R-3')].join('\n'),
    );
    expect(answer.status).toBe(400);
    expect(answer.json.errorCode).toBe('INVALID_JSON_LINE');
    expect(answer.json.details.map((d: { line: number }) => d.line)).toEqual([2, 3]);
    expect((await mock.get('/__bulkmock/jobs')).json.jobs).toEqual([]);
  });

  it('checks the query string against the spec: importProcessId required, creationPath pattern, e-mail addresses', async () => {
    const body = `${lbRecord('R-1')}\n`;
    expect((await createBatch(body, 'fileName=x')).json.details[0].message).toContain('importProcessId is required');
    const badPath = await createBatch(body, 'importProcessId=17&creationPath=learning-hub');
    expect(badPath.status).toBe(400);
    expect(badPath.json.details[0].field).toBe('creationPath');
    expect((await createBatch(body, 'importProcessId=17&sendFailureEmailTo=ops-at-example')).status).toBe(400);
  });

  it('answers 415 for a body that is not JSON Lines and 422 for a body without records', async () => {
    expect(
      (await createBatch('[]', 'importProcessId=17', { ...lbAuth, 'content-type': 'application/json' })).status,
    ).toBe(415);
    expect((await createBatch('\n\n')).json.errorCode).toBe('NO_RECORDS');
  });

  it('answers 401 without an "apikey" Authorization header', async () => {
    for (const authorization of [undefined, 'Bearer abc', 'apikey']) {
      const headers: Record<string, string> = {
        'content-type': 'application/x-ndjson',
        ...(authorization && { authorization }),
      };
      expect((await createBatch(`${lbRecord('R-1')}\n`, 'importProcessId=17', headers)).status).toBe(401);
    }
  });

  it('answers 404 for an unknown batch', async () => {
    expect((await mock.get('/__bulkmock/learning-builder/batches/nope')).status).toBe(404);
  });
});
