import { describe, expect, it } from 'vitest';
import { stackOneContent, stackOneCourse } from '../support/csvFixtures.js';
import { json, stackOneAuth, useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock({ timing: { mode: 'manual', baseDelayMs: 500, perRowMs: 50 } });
const put = (path: string, value: unknown, headers: Record<string, string> = stackOneAuth()) =>
  mock.call('PUT', path, { headers: { ...json, ...headers }, body: JSON.stringify(value) });
const batch = (items: unknown[], headers: Record<string, string> = stackOneAuth()) =>
  mock.postJson('/unified/lms/content/batch', { items }, headers);
const list = async (path = '/unified/lms/content', account = 'acme-prod') =>
  (await mock.get(path, stackOneAuth(account))).json;
const references = (page: { data: Array<{ external_reference: string }> }) =>
  page.data.map((c) => c.external_reference);

describe('StackOne batch upsert of content', () => {
  it('accepts a batch with 202 and one error list per item, in item order', async () => {
    const answer = await batch([
      stackOneContent('V-1'),
      stackOneContent('V-2', { content_type: { value: 'podcast' } }),
      { external_reference: 'NO-TITLE' },
      stackOneContent('V-1'),
    ]);
    expect(answer.status).toBe(202);
    expect(answer.json).toMatchObject({ statusCode: 202, message: 'Batch operation accepted' });
    expect(answer.json.errors).toHaveLength(4);
    expect(answer.json.errors[0]).toEqual([]);
    expect(answer.json.errors[1][0]).toMatch(/^content_type\.value must be one of: "video"/);
    expect(answer.json.errors[2]).toEqual(['Missing field: title']);
    expect(answer.json.errors[3][0]).toContain('Duplicate external_reference "V-1"');
  });

  it('upserts the accepted items only when the batch job completes', async () => {
    const answer = await batch([stackOneContent('V-1'), stackOneContent('V-2', { order: -1 })]);
    expect(answer.headers['x-bulkmock-job-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await list()).data).toEqual([]);
    mock.advance(500 + 50);
    const { data } = await list();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      external_reference: 'V-1',
      content_type: { value: 'video' },
      tags: ['security', 'phishing'],
      created_at: '2026-01-05T09:00:00.550Z',
    });
    expect(data[0].id).toBe(data[0].remote_id);
  });

  it('updates an item sent again in a later batch, keeping its id', async () => {
    await batch([stackOneContent('V-1')]);
    mock.advance(10_000);
    const [first] = (await list()).data;
    await batch([stackOneContent('V-1', { title: 'Phishing, part two' })]);
    mock.advance(10_000);
    const { data } = await list();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ id: first.id, title: 'Phishing, part two' });
  });

  it('refuses a body that is not { items: [...] } with 1 to 100 items as a whole', async () => {
    expect((await batch([])).status).toBe(400);
    const tooMany = await batch(Array.from({ length: 101 }, (_, i) => stackOneContent(`V-${i}`)));
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.message).toContain('content item');
  });
});

describe('StackOne single upsert (PUT) of content and of a course', () => {
  it('writes one item at once and answers 201 with its external_reference and id', async () => {
    const answer = await put('/unified/lms/content', stackOneContent('V-9'));
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({
      statusCode: 201,
      message: 'Content upserted',
      data: { external_reference: 'V-9' },
    });
    expect((await list()).data).toEqual([
      expect.objectContaining({ id: answer.json.data.id, title: 'Spotting a phishing email' }),
    ]);
  });

  it('is idempotent: the same external_reference twice is one record with one id', async () => {
    const first = await put('/unified/lms/courses', stackOneCourse('KUBE-101'));
    mock.advance(1_000);
    const second = await put('/unified/lms/courses', stackOneCourse('KUBE-101', { title: 'Kubernetes, revised' }));
    expect(first.status).toBe(201);
    expect(second.json.data).toEqual(first.json.data);
    const { data } = await list('/unified/lms/courses');
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ id: first.json.data.id, title: 'Kubernetes, revised' });
    expect(data[0].updated_at).not.toBe(data[0].created_at);
  });

  it('matches a single upsert and a batch on the same external_reference', async () => {
    const single = await put('/unified/lms/content', stackOneContent('V-1'));
    await batch([stackOneContent('V-1', { title: 'From the batch' })]);
    mock.advance(10_000);
    expect((await list()).data).toEqual([
      expect.objectContaining({ id: single.json.data.id, title: 'From the batch' }),
    ]);
  });

  it('keeps the timestamps a content item was sent with, and lists the store times otherwise', async () => {
    await put('/unified/lms/content', stackOneContent('V-1', { created_at: '2025-02-03T08:00:00.000Z' }));
    const [item] = (await list()).data;
    expect(item.created_at).toBe('2025-02-03T08:00:00.000Z');
    expect(item.updated_at).toBe('2026-01-05T09:00:00.000Z');
  });

  it('ignores top-level fields the item schema does not list: neither refused nor stored', async () => {
    expect((await put('/unified/lms/courses', stackOneCourse('A', { legacy_code: 'X-1' }))).status).toBe(201);
    expect((await put('/unified/lms/content', stackOneContent('B', { legacy_code: 'X-1' }))).status).toBe(201);
    expect((await list('/unified/lms/courses')).data[0]).not.toHaveProperty('legacy_code');
    expect((await list()).data[0]).not.toHaveProperty('legacy_code');
  });

  it('refuses an item that breaks the item schema with 400 naming each problem, and writes nothing', async () => {
    const answer = await put('/unified/lms/content', { external_reference: 'V-1', duration: '12 minutes' });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toContain('Missing field: title');
    expect(answer.json.message).toContain('duration must match the pattern');
    expect((await list()).data).toEqual([]);
  });

  it('takes active as a boolean or the strings "true" and "false", as StackOne does for content', async () => {
    expect((await put('/unified/lms/content', stackOneContent('A', { active: 'false' }))).status).toBe(201);
    expect((await put('/unified/lms/content', stackOneContent('B', { active: 'yes' }))).status).toBe(400);
  });
});

describe('StackOne content list', () => {
  it('pages the account content with a cursor, and keeps accounts apart', async () => {
    for (let i = 0; i < 5; i++) await put('/unified/lms/content', stackOneContent(`V-${i}`));
    await put('/unified/lms/content', stackOneContent('OTHER'), stackOneAuth('other-account'));
    const page1 = await list('/unified/lms/content?page_size=2');
    const page2 = await list(`/unified/lms/content?page_size=2&next=${page1.next}`);
    const page3 = await list(`/unified/lms/content?page_size=2&next=${page2.next}`);
    expect([...references(page1), ...references(page2), ...references(page3)]).toEqual([
      'V-0',
      'V-1',
      'V-2',
      'V-3',
      'V-4',
    ]);
    expect(page3.next).toBeNull();
    expect(references(await list('/unified/lms/content', 'other-account'))).toEqual(['OTHER']);
    expect((await mock.get('/unified/lms/content?next=bogus', stackOneAuth())).status).toBe(400);
    expect((await mock.get('/unified/lms/content?page_size=0', stackOneAuth())).status).toBe(400);
  });
});

describe('StackOne credentials on the new operations', () => {
  it('answers 401 without Basic auth and 400 without x-account-id, on every new operation', async () => {
    const calls: Array<[string, string, unknown]> = [
      ['PUT', '/unified/lms/courses', stackOneCourse('A')],
      ['POST', '/unified/lms/content/batch', { items: [stackOneContent('A')] }],
      ['PUT', '/unified/lms/content', stackOneContent('A')],
      ['GET', '/unified/lms/content', undefined],
    ];
    for (const [method, path, value] of calls) {
      const send = (headers: Record<string, string>) =>
        mock.call(method, path, {
          headers: { ...(value === undefined ? {} : json), ...headers },
          body: value === undefined ? undefined : JSON.stringify(value),
        });
      const anonymous = await send({});
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      expect(anonymous.json.statusCode).toBe(401);
      const noAccount = await send({ authorization: `Basic ${btoa('key:')}` });
      expect(noAccount.status, `${method} ${path}`).toBe(400);
      expect(noAccount.json.message).toContain('x-account-id');
    }
  });
});
