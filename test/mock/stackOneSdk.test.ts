import { StackOne } from '@stackone/stackone-client-ts';
import { LmsUpsertContentRequestDtoValue } from '@stackone/stackone-client-ts/sdk/models/shared/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../../generators/runGenerator.js';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { stackOneCourse } from '../support/csvFixtures.js';

/**
 * StackOne's own TypeScript SDK (@stackone/stackone-client-ts 4.28.0) against a real bulkmock
 * server: the SDK validates every answer with StackOne's zod schemas and throws an
 * SDKValidationError or ResponseValidationError on any mismatch, so each call that returns is
 * proof that the mock answers as StackOne's own client expects.
 */
let server: RunningServer;
let sdk: StackOne;
const account = { xAccountId: 'acme-prod' };

beforeAll(async () => {
  server = await startMockServer({ port: 0, mock: { timing: { mode: 'manual', baseDelayMs: 100, perRowMs: 10 } } });
  // The API key goes as the Basic user name with an empty password, as StackOne documents.
  sdk = new StackOne({ serverURL: server.url, security: { username: 'sdk-test-key', password: '' } });
});
afterAll(() => server.close());

/** Ends every job at once, through the control API. */
async function finishJobs(): Promise<void> {
  const answer = await fetch(`${server.url}/__bulkmock/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ms: 60_000 }),
  });
  expect(answer.status).toBe(200);
}

/** The content item of the SDK's own `upsertContent` usage example, in the SDK's camelCase. */
const sdkItem = (reference: string, title = 'Software Engineer Lv 1') => ({
  externalReference: reference,
  title,
  description: 'This video acts as learning content for software engineers.',
  contentUrl: 'https://www.youtube.com/watch?v=16873',
  coverUrl: 'https://www.googledrive.com/?v=16873',
  active: true,
  duration: 'P3Y6M4DT12H30M5S',
  order: 1,
  shortDescription: 'A short intro',
  tags: ['engineering', 'video'],
  contentType: { value: LmsUpsertContentRequestDtoValue.Video },
  createdAt: new Date('2021-07-21T14:00:00.000Z'),
  additionalData: [{ id: 'learning_outcomes', value: 'This is additional data' }],
});

describe("StackOne's SDK against the mock", () => {
  it('batchUpsertContent: 202 with one empty error list per item, then listContent reads them back', async () => {
    const batch = await sdk.lms.batchUpsertContent({
      ...account,
      lmsBatchUpsertContentRequestDto: { items: [sdkItem('SDK-V-1'), sdkItem('SDK-V-2', 'Second video')] },
    });
    expect(batch.statusCode).toBe(202);
    expect(batch.batchResultApiModel?.errors).toEqual([[], []]);
    expect(batch.batchResultApiModel?.timestamp).toBeInstanceOf(Date);
    await finishJobs();

    const page = await sdk.lms.listContent({ ...account, pageSize: '1' });
    expect(page.contentPaginated?.data.map((c) => c.externalReference)).toEqual(['SDK-V-1']);
    expect(page.contentPaginated?.data[0]).toMatchObject({
      title: 'Software Engineer Lv 1',
      contentType: { value: 'video' },
      tags: ['engineering', 'video'],
      createdAt: new Date('2021-07-21T14:00:00.000Z'),
    });
    const rest = await sdk.lms.listContent({ ...account, pageSize: '1', next: page.contentPaginated!.next! });
    expect(rest.contentPaginated?.data.map((c) => c.externalReference)).toEqual(['SDK-V-2']);
    expect(rest.contentPaginated?.next).toBeNull();
  });

  it('upsertContent: 201 UpsertResult, the same id for the same external_reference', async () => {
    const first = await sdk.lms.upsertContent({ ...account, lmsUpsertContentRequestDto: sdkItem('SDK-V-9') });
    const again = await sdk.lms.upsertContent({
      ...account,
      lmsUpsertContentRequestDto: sdkItem('SDK-V-9', 'Renamed'),
    });
    expect(first.statusCode).toBe(201);
    expect(first.upsertResult).toMatchObject({ statusCode: 201, data: { externalReference: 'SDK-V-9' } });
    expect(first.upsertResult?.timestamp).toBeInstanceOf(Date);
    expect(again.upsertResult?.data.id).toBe(first.upsertResult?.data.id);
    const listed = await sdk.lms.listContent({ ...account, pageSize: '100' });
    expect(listed.contentPaginated?.data.filter((c) => c.externalReference === 'SDK-V-9')).toEqual([
      expect.objectContaining({ id: first.upsertResult?.data.id, title: 'Renamed' }),
    ]);
  });

  it('listCourses: reads back courses upserted through the batch and the single upsert', async () => {
    const headers = {
      'content-type': 'application/json',
      authorization: `Basic ${btoa('sdk-test-key:')}`,
      'x-account-id': account.xAccountId,
    };
    // The SDK 4.28.0 has no course writes: they go as plain HTTP.
    const batch = await fetch(`${server.url}/unified/lms/courses/batch`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ items: [stackOneCourse('SDK-C-1', { authors: [{ id: 'A-1', name: 'Priya Raman' }] })] }),
    });
    expect(batch.status).toBe(202);
    const single = await fetch(`${server.url}/unified/lms/courses`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(stackOneCourse('SDK-C-2')),
    });
    expect(single.status).toBe(201);
    await finishJobs();
    const page = await sdk.lms.listCourses({ ...account, pageSize: '100' });
    expect(page.coursePaginated?.data.map((c) => c.externalReference)).toEqual(['SDK-C-2', 'SDK-C-1']);
    expect(page.coursePaginated?.data[1]).toMatchObject({
      title: 'GDPR Essentials for Customer Support',
      active: true,
      duration: 'PT45M',
      languages: [{ value: 'en_GB' }],
      authors: [{ id: 'A-1', name: 'Priya Raman' }],
    });
    expect(page.coursePaginated?.data[1]?.createdAt).toBeInstanceOf(Date);
  });

  it("reads an error answer as StackOne's typed BadRequestResponse", async () => {
    const refused = sdk.lms.upsertContent({
      ...account,
      lmsUpsertContentRequestDto: { externalReference: 'SDK-NO-TITLE' },
    });
    await expect(refused).rejects.toMatchObject({
      name: 'BadRequestResponse',
      statusCode: 400,
      message: expect.stringContaining('Missing field: title'),
    });
  });

  it('reads back every field the generators write: 100 generated courses and 100 content items', async () => {
    const headers = {
      'content-type': 'application/json',
      authorization: `Basic ${btoa('sdk-test-key:')}`,
      'x-account-id': 'generated-account',
    };
    for (const [kind, path] of [
      ['stackone-course', '/unified/lms/courses/batch'],
      ['stackone-content', '/unified/lms/content/batch'],
    ] as const) {
      const { text } = await fixtureText({ kind, count: 100, seed: 16 });
      const answer = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: text });
      expect(answer.status).toBe(202);
    }
    await finishJobs();
    const courses = await sdk.lms.listCourses({ xAccountId: 'generated-account', pageSize: '1000' });
    const content = await sdk.lms.listContent({ xAccountId: 'generated-account', pageSize: '1000' });
    expect(courses.coursePaginated?.data).toHaveLength(100);
    expect(content.contentPaginated?.data).toHaveLength(100);
    expect(content.contentPaginated?.data.every((c) => typeof c.contentType?.value === 'string')).toBe(true);
  });
});
