import { describe, expect, it } from 'vitest';
import { createMockCore } from '../../mocks/builtInVendors.js';
import { bodyFromBytes } from '../../mocks/core/mockRequest.js';
import { serializeBody } from '../../mocks/core/mockResponse.js';
import { goodWebinar, lbRecord, stackOneCourse, webinarCsv } from '../support/csvFixtures.js';
import { lbAuth, stackOneAuth, tiAuth } from '../support/bulkmockHarness.js';

/** One fixed session touching every vendor; returns every answer as it would go on the wire. */
async function session(seed: number, timing: 'instant' | 'manual') {
  const core = createMockCore({ seed, timing: { mode: timing } });
  const send = async (method: string, path: string, headers: Record<string, string>, body = '') => {
    const [p, q] = path.split('?');
    const response = await core.handle({
      method,
      path: p!,
      query: new URLSearchParams(q ?? ''),
      headers,
      body: bodyFromBytes(body),
    });
    return `${response.status} ${JSON.stringify(response.headers)} ${serializeBody(response)}`;
  };
  const json = { 'content-type': 'application/json' };
  const answers = [
    await send(
      'PUT',
      '/__bulkmock/assets/a.csv',
      { 'content-type': 'text/csv' },
      webinarCsv(goodWebinar('W-1'), goodWebinar('W-2')),
    ),
    await send(
      'POST',
      '/incoming/v2/content/courseGroup/webinar/bulk',
      { ...tiAuth, ...json },
      JSON.stringify({ bulkImportAssetPath: 'a.csv' }),
    ),
    await send(
      'POST',
      '/incoming/v2/content/certificate-templates/bulk',
      { ...tiAuth, ...json },
      JSON.stringify({ templates: [{ title: 'Safety' }] }),
    ),
    await send(
      'POST',
      '/unified/lms/courses/batch',
      { ...stackOneAuth(), ...json },
      JSON.stringify({ items: [stackOneCourse('A'), stackOneCourse('B')] }),
    ),
    await send(
      'POST',
      '/API/WorkflowImportQueue/CreateBatch?importProcessId=3',
      { ...lbAuth, 'content-type': 'application/x-ndjson' },
      `${lbRecord('R-1')}\n`,
    ),
    await send('GET', '/__bulkmock/jobs', {}),
    await send('GET', '/__bulkmock/thought-industries/records/webinars', {}),
  ];
  return answers.join('\n');
}

describe('determinism', () => {
  it('gives byte-identical answers for the same requests and seed', async () => {
    expect(await session(11, 'instant')).toBe(await session(11, 'instant'));
    expect(await session(11, 'manual')).toBe(await session(11, 'manual'));
  });

  it('gives other ids for another seed', async () => {
    expect(await session(11, 'instant')).not.toBe(await session(12, 'instant'));
  });
});
