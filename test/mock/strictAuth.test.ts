import { describe, expect, it } from 'vitest';
import { lbRecord, stackOneCourse } from '../support/csvFixtures.js';
import { json, useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock({
  keys: {
    'thought-industries': [{ key: 'ti-good' }],
    stackone: [{ key: 'so-good', accounts: ['acme-prod'] }],
    'learning-builder': [
      { key: 'lb-importer', permissions: ['BeginWorkflowImportProcess'] },
      { key: 'lb-reader', permissions: ['ViewReports'] },
    ],
  },
});

describe('strict auth with a keys file', () => {
  it('Thought Industries accepts only listed keys, answering others 401 with an empty body', async () => {
    expect((await mock.get('/incoming/v2/ping', { authorization: 'Bearer ti-good' })).status).toBe(200);
    const refused = await mock.get('/incoming/v2/ping', { authorization: 'Bearer ti-other' });
    expect([refused.status, refused.body]).toEqual([401, '']);
  });

  it('StackOne accepts listed keys only on their accounts', async () => {
    const send = (key: string, account: string) =>
      mock.call('POST', '/unified/lms/courses/batch', {
        headers: { ...json, authorization: `Basic ${btoa(`${key}:`)}`, 'x-account-id': account },
        body: JSON.stringify({ items: [stackOneCourse('A')] }),
      });
    expect((await send('so-good', 'acme-prod')).status).toBe(202);
    expect((await send('so-other', 'acme-prod')).status).toBe(401);
    expect((await send('so-good', 'someone-else')).status).toBe(403);
  });

  it('Learning Builder needs a listed key with the BeginWorkflowImportProcess permission', async () => {
    const send = (key: string) =>
      mock.call('POST', '/API/WorkflowImportQueue/CreateBatch?importProcessId=17', {
        headers: { authorization: `apikey ${key}`, 'content-type': 'application/x-ndjson' },
        body: `${lbRecord('R-1')}\n`,
      });
    expect((await send('lb-importer')).status).toBe(200);
    expect((await send('lb-unknown')).status).toBe(401);
    const forbidden = await send('lb-reader');
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.message).toContain('BeginWorkflowImportProcess');
  });
});
