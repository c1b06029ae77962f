import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../mocks/core/mockSettings.js';
import { lbRecord } from '../support/csvFixtures.js';
import { lbAuth, useBulkmock } from '../support/bulkmockHarness.js';

// A mock that knows only import process 4182, as a real instance knows only its own.
const mock = useBulkmock({ timing: { mode: 'instant' }, importProcessIds: ['4182'] });
const createBatch = (importProcessId: string) =>
  mock.call('POST', `/API/WorkflowImportQueue/CreateBatch?importProcessId=${importProcessId}`, {
    headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
    body: `${lbRecord('R-1')}\n`,
  });

describe('Learning Builder import processes', () => {
  it('queues a batch for an import process the mock knows', async () => {
    const answer = await createBatch('4182');
    expect(answer.status).toBe(200);
    expect(answer.json.queueBatchId).toEqual(expect.any(String));
  });

  it('answers 404 IMPORT_PROCESS_NOT_FOUND for any other id, and queues nothing', async () => {
    const answer = await createBatch('9917');
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({
      errorCode: 'IMPORT_PROCESS_NOT_FOUND',
      message: 'No import process with id 9917 exists.',
      details: [{ field: 'importProcessId' }],
    });
    expect((await mock.get('/__bulkmock/jobs')).json.jobs).toEqual([]);
  });

  it('refuses an empty list of import processes as a setting', () => {
    expect(() => resolveSettings({ importProcessIds: [] })).toThrow(/importProcessIds must name at least one/);
  });
});
