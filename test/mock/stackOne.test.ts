import { describe, expect, it } from 'vitest';
import { stackOneCourse } from '../support/csvFixtures.js';
import { json, stackOneAuth, useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock({ timing: { mode: 'manual', baseDelayMs: 500, perRowMs: 50 } });
const batch = (items: unknown[], headers: Record<string, string> = stackOneAuth()) =>
  mock.postJson('/unified/lms/courses/batch', { items }, headers);
const list = async (account = 'acme-prod', query = '') =>
  (await mock.get(`/unified/lms/courses${query}`, stackOneAuth(account))).json;

describe('StackOne batch upsert of courses', () => {
  it('accepts a batch with 202 and one error list per item, in item order', async () => {
    const answer = await batch([
      stackOneCourse('KUBE-101'),
      { external_reference: 'NO-TITLE' },
      stackOneCourse('GDPR-7', { duration: '45 minutes' }),
    ]);
    expect(answer.status).toBe(202);
    expect(answer.json).toMatchObject({ statusCode: 202, message: 'Batch operation accepted' });
    expect(answer.json.errors).toHaveLength(3);
    expect(answer.json.errors[0]).toEqual([]);
    expect(answer.json.errors[1]).toEqual(['Missing field: title']);
    expect(answer.json.errors[2][0]).toMatch(/^duration must match the pattern/);
    expect(answer.headers['x-bulkmock-job-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('makes the good items visible only after processing ends', async () => {
    await batch([stackOneCourse('KUBE-101'), stackOneCourse('GDPR-7')]);
    expect((await list()).data).toEqual([]);
    mock.advance(500 + 2 * 50);
    const { data } = await list();
    expect(data.map((c: { external_reference: string }) => c.external_reference)).toEqual(['KUBE-101', 'GDPR-7']);
    expect(data[0]).toMatchObject({
      title: 'GDPR Essentials for Customer Support',
      created_at: '2026-01-05T09:00:00.600Z',
    });
  });

  it('upserts by external_reference within the account, keeping the id', async () => {
    await batch([stackOneCourse('KUBE-101')]);
    mock.advance(10_000);
    const [first] = (await list()).data;
    await batch([stackOneCourse('KUBE-101', { title: 'Kubernetes for Platform Engineers' })]);
    await batch([stackOneCourse('KUBE-101')], stackOneAuth('other-account'));
    mock.advance(10_000);
    const { data } = await list();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ id: first.id, title: 'Kubernetes for Platform Engineers' });
    expect((await list('other-account')).data).toHaveLength(1);
  });

  it('flags a repeated external_reference in one batch on the later item', async () => {
    const answer = await batch([stackOneCourse('DUP'), stackOneCourse('DUP')]);
    expect(answer.json.errors[1][0]).toContain('Duplicate external_reference "DUP"');
  });

  it('pages the course list with a cursor', async () => {
    await batch(Array.from({ length: 5 }, (_, i) => stackOneCourse(`C-${i}`)));
    mock.advance(10_000);
    const page1 = await list('acme-prod', '?page_size=2');
    const page2 = await list('acme-prod', `?page_size=2&next=${page1.next}`);
    const page3 = await list('acme-prod', `?page_size=2&next=${page2.next}`);
    expect(
      [...page1.data, ...page2.data, ...page3.data].map((c: { external_reference: string }) => c.external_reference),
    ).toEqual(['C-0', 'C-1', 'C-2', 'C-3', 'C-4']);
    expect(page3.next).toBeNull();
    expect((await mock.get('/unified/lms/courses?next=bogus', stackOneAuth())).status).toBe(400);
  });

  it('rejects a body that is not { items: [...] } or too large a batch with 400', async () => {
    expect((await mock.postJson('/unified/lms/courses/batch', [stackOneCourse('A')], stackOneAuth())).status).toBe(400);
    expect((await batch([])).status).toBe(400);
    const tooMany = await batch(Array.from({ length: 101 }, (_, i) => stackOneCourse(`C-${i}`)));
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.message).toContain('items must have at most 100 items');
  });

  it('requires Basic auth with the key as user name, and x-account-id', async () => {
    const answer = (headers: Record<string, string>) =>
      mock.call('POST', '/unified/lms/courses/batch', {
        headers: { ...json, ...headers },
        body: JSON.stringify({ items: [stackOneCourse('A')] }),
      });
    expect((await answer({})).status).toBe(401);
    expect((await answer({ authorization: 'Bearer abc', 'x-account-id': 'a' })).status).toBe(401);
    expect((await answer({ authorization: `Basic ${btoa(':secret')}`, 'x-account-id': 'a' })).status).toBe(401);
    const noAccount = await answer({ authorization: `Basic ${btoa('key:')}` });
    expect(noAccount.status).toBe(400);
    expect(noAccount.json.message).toContain('x-account-id');
  });

  it('charges the stored courses exactly what their batch was admitted for (--max-memory)', async () => {
    const memory = async () => (await mock.get('/__bulkmock/health')).json.memory.byKind;
    const idle = await memory();
    await batch([stackOneCourse('KUBE-101'), stackOneCourse('GDPR-7', { unknown_field: 'x'.repeat(500) })]);
    const running = await memory();
    mock.advance(10_000);
    const written = await memory();
    const admitted = running.jobs - written.jobs;
    // Two courses' JSON text (the unknown field is not stored) plus 200 each; the job hands it on whole.
    expect(admitted).toBeGreaterThan(2 * 200);
    expect(admitted).toBeLessThan(2 * 200 + 2 * 500);
    expect(written.courses - idle.courses).toBe(admitted);
  });
});
