import { describe, expect, it } from 'vitest';
import { lbAuth, stackOneAuth, tiAuth } from '../support/bulkmockHarness.js';
import { errorMessage, expectStillServing, sendAndCheck } from './support/answerRules.js';
import { useFuzzServer } from './support/fuzzServer.js';

const json = { 'content-type': 'application/json' };

/**
 * Reproduction 2 of issue 12 at bounded sizes: arrays far over their limit, of tiny items, used to be
 * parsed and validated item by item (40,000 StackOne items took 46 s; 12 M template entries killed
 * the process). Each is now refused for its size before a single item is read.
 */
describe('oversized arrays: size before content', () => {
  // A 4 MiB body, 40 records per Learning Builder batch.
  const server = useFuzzServer({ mock: { maxBodyBytes: 4 * 1024 * 1024 } });

  it('refuses a StackOne batch of 40,000 tiny items with its 400, naming the limit, without validating an item', async () => {
    const { running } = server;
    const answer = await sendAndCheck(running, {
      method: 'POST',
      path: '/unified/lms/courses/batch',
      headers: { ...stackOneAuth(), ...json },
      body: JSON.stringify({ items: new Array(40_000).fill(0) }),
    });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer.body)).toContain(
      'items must have at most 100 items; the request sends more, so no item was read',
    );
    await expectStillServing(running);
  });

  it('refuses 1,000,000 certificate template entries with 422 templates_out_of_range', async () => {
    const { running } = server;
    const body = `{"templates":[${'0,'.repeat(999_999)}0]}`;
    const answer = await sendAndCheck(running, {
      method: 'POST',
      path: '/incoming/v2/content/certificate-templates/bulk',
      headers: { ...tiAuth, ...json },
      body,
    });
    expect(answer.status).toBe(422);
    const { errors } = JSON.parse(answer.body) as { errors: Array<{ code: string; message: string }> };
    expect(errors[0]).toMatchObject({ code: 'templates_out_of_range' });
    expect(errors[1]).toMatchObject({
      code: 'templates_out_of_range',
      message: expect.stringContaining('the request sends more, so no item was read'),
    });
    await expectStillServing(running);
  });

  it('still validates every item of an array within its limit, and reports each one', async () => {
    const { running } = server;
    const answer = await sendAndCheck(running, {
      method: 'POST',
      path: '/unified/lms/courses/batch',
      headers: { ...stackOneAuth(), ...json },
      body: JSON.stringify({ items: new Array(100).fill(0) }),
    });
    expect(answer.status).toBe(202);
    const { errors } = JSON.parse(answer.body) as { errors: string[][] };
    expect(errors).toHaveLength(100);
    expect(errors.every((list) => list.length > 0)).toBe(true);
  });

  it('refuses a Learning Builder batch over --max-rows before reading its records, however short its lines', async () => {
    const { running } = server;
    // 200,000 lines that are not even JSON: the count alone decides, and says how many there were.
    const answer = await sendAndCheck(running, {
      method: 'POST',
      path: '/API/WorkflowImportQueue/CreateBatch?importProcessId=4182',
      headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
      body: 'x\n'.repeat(200_000),
    });
    expect(answer.status).toBe(422);
    expect(JSON.parse(answer.body)).toMatchObject({
      errorCode: 'TOO_MANY_RECORDS',
      message: expect.stringContaining('200000 records; this mock accepts at most 40'),
    });
  });

  it('stops reading a Learning Builder batch of unreadable lines at 1,000 problems and says so', async () => {
    const { running } = server;
    const answer = await sendAndCheck(running, {
      method: 'POST',
      path: '/API/WorkflowImportQueue/CreateBatch?importProcessId=4182',
      headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
      body: 'x\n'.repeat(30) + '{}\n'.repeat(5),
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toMatch(/^30 line\(s\) could not be read/);
  });

  it('lists at most 1,000 problems of one body, then the total count', async () => {
    const { running } = server;
    const extras = Object.fromEntries(Array.from({ length: 2_500 }, (_, i) => [`unknown${i}`, 1]));
    const answer = await sendAndCheck(running, {
      method: 'POST',
      path: '/incoming/v2/content/courseGroup/webinar/bulk',
      headers: { ...tiAuth, ...json },
      body: JSON.stringify({ bulkImportAssetPath: 'fuzz/webinars.csv', ...extras }),
    });
    expect(answer.status).toBe(400);
    const { errors } = JSON.parse(answer.body) as { errors: Array<{ message: string }> };
    // The headline, 1,000 problems, and the count.
    expect(errors).toHaveLength(1_002);
    expect(errors.at(-1)!.message).toBe('2500 problems in all; only the first 1000 are listed');
  });
});
