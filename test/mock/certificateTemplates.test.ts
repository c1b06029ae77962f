import { describe, expect, it } from 'vitest';
import { tiAuth, useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock();
const endpoint = '/incoming/v2/content/certificate-templates/bulk';
const send = async (templates: unknown[], extra: Record<string, unknown> = {}) => {
  const answer = await mock.postJson(endpoint, { templates, ...extra }, tiAuth);
  return { status: answer.status, body: answer.json?.data?.APIBulkCreateCertificateTemplates, raw: answer.json };
};
const stored = async () => (await mock.get('/__bulkmock/thought-industries/records/certificateTemplates')).json;

describe('Thought Industries certificate templates bulk', () => {
  it('creates new templates with the spec defaults, and the counts agree with the ids and the store', async () => {
    const { body } = await send([
      { title: 'Certificate of Completion: Workplace Safety' },
      { title: 'Data Privacy Essentials Certificate', resourceType: 'learningPath' },
    ]);
    expect(body).toMatchObject({ createdCount: 2, updatedCount: 0, updatedIds: [], errors: [] });
    expect(body.createdIds).toHaveLength(body.createdCount);
    expect(body.backgroundJob.status).toBe('complete');
    const { items } = await stored();
    expect(items.map((r: { id: string }) => r.id)).toEqual(body.createdIds);
    expect(items[0].fields).toMatchObject({ resourceType: 'course', recertificationAutoReset: false });
    expect(items[1].fields).toMatchObject({ resourceType: 'learningPath' });
  });

  it('updates a stored template matched by title (case and spaces ignored) and says so in warnings', async () => {
    const created = (await send([{ title: 'Leadership Foundations Certificate' }])).body.createdIds[0];
    const { body } = await send([{ title: '  leadership foundations certificate ', expirationDays: 365 }]);
    expect(body).toMatchObject({ createdCount: 0, updatedCount: 1, updatedIds: [created] });
    expect(body.warnings[0]).toContain(created);
    const { items } = await stored();
    expect(items).toHaveLength(1);
    expect(items[0].fields).toMatchObject({
      title: 'leadership foundations certificate',
      expirationDays: 365,
      resourceType: 'course',
    });
  });

  it('updates by id, and reports an unknown id without creating anything', async () => {
    const id = (await send([{ title: 'Advanced Excel Forecasting Certificate' }])).body.createdIds[0];
    const unknown = '4d5e6f70-8192-4a3b-bc4d-5e6f708192a3';
    const { body } = await send([
      { id, title: 'Advanced Excel Forecasting Certificate', expirationDays: 730 },
      { id: unknown, title: 'Ghost' },
    ]);
    expect(body).toMatchObject({ updatedCount: 1, updatedIds: [id], createdCount: 0 });
    expect(body.errors).toEqual([
      expect.objectContaining({
        resourceId: unknown,
        title: 'Ghost',
        record: JSON.stringify({ id: unknown, title: 'Ghost' }),
      }),
    ]);
    expect((await stored()).total).toBe(1);
  });

  it('reports an invalid template and a repeated title in errors while the others go through', async () => {
    const { status, body } = await send([
      { title: 'Safety' },
      { title: 'Bad', resourceType: 'bundle' },
      { title: 'SAFETY' },
    ]);
    expect(status).toBe(200);
    expect(body.createdCount).toBe(1);
    expect(body.errors.map((e: { title: string; error: string }) => [e.title, e.error])).toEqual([
      ['Bad', 'template 1: resourceType must be one of: "course", "learningPath"'],
      ['SAFETY', 'template 2: the title "SAFETY" is already used by template 0 of this request'],
    ]);
  });

  it('describes a dry run without storing anything', async () => {
    const { body } = await send([{ title: 'Dry Run Certificate' }], { dryRun: true });
    expect(body.createdCount).toBe(1);
    expect(body.createdIds).toHaveLength(1);
    expect(body.warnings[0]).toContain('dry run');
    expect((await stored()).total).toBe(0);
  });

  it("accepts the vendor's own sample request, an empty list, and changes nothing", async () => {
    const { status, body } = await send([]);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      createdCount: 0,
      updatedCount: 0,
      createdIds: [],
      updatedIds: [],
      errors: [],
      warnings: [],
    });
    expect(body.backgroundJob.status).toBe('complete');
    expect((await stored()).total).toBe(0);
  });

  it('names the template concerned in errors[].resourceId as a uuid, and leaves it out when there is none', async () => {
    const { body } = await send([{ title: 'Safety' }, { title: 'SAFETY' }, { title: 'Bad', id: 'not-a-uuid' }]);
    const [first] = body.createdIds;
    expect(body.errors).toEqual([
      expect.objectContaining({ resourceId: first, title: 'SAFETY' }),
      expect.not.objectContaining({ resourceId: expect.anything() }),
    ]);
    expect(body.errors.some((e: Record<string, unknown>) => e.resourceId === null)).toBe(false);
  });

  it('answers 422 for more than 500 templates and 400 for a body of the wrong shape', async () => {
    const over = await send(Array.from({ length: 501 }, (_, i) => ({ title: `T${i}` })));
    expect(over.status).toBe(422);
    expect(over.raw.errors[0].code).toBe('templates_out_of_range');
    const wrong = await mock.postJson(endpoint, { template: [] }, tiAuth);
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining(['templates is required']),
    );
  });
});
