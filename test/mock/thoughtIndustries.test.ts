import { describe, expect, it } from 'vitest';
import { goodInPersonEvent, goodWebinar, inPersonCsv, webinarCsv, webinarHeader } from '../support/csvFixtures.js';
import { json, tiAuth, useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock({ timing: { mode: 'manual', baseDelayMs: 1000, perRowMs: 100 } });
const webinarBulk = '/incoming/v2/content/courseGroup/webinar/bulk';
const inPersonBulk = '/incoming/v2/content/session/inPersonEvent/bulk';

const upload = (path: string, csv: string) =>
  mock.call('PUT', `/__bulkmock/assets/${path}`, { headers: { 'content-type': 'text/csv' }, body: csv });
const importAsset = (path: string, body: Record<string, unknown> = {}, endpoint = webinarBulk) =>
  mock.postJson(endpoint, { bulkImportAssetPath: path, ...body }, tiAuth);
const webinars = async () => (await mock.get('/__bulkmock/thought-industries/records/webinars')).json;

describe('Thought Industries webinar bulk import', () => {
  it('stores an uploaded asset and tells the client the path to import', async () => {
    const answer = await upload('imports/2027/spring.csv', webinarCsv(goodWebinar('WEB-1')));
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ bulkImportAssetPath: 'imports/2027/spring.csv', contentType: 'text/csv' });
  });

  it('accepts the asset path percent-encoded as one segment', async () => {
    await upload('imports%2Fencoded.csv', webinarCsv(goodWebinar('WEB-1')));
    expect((await importAsset('imports/encoded.csv', { dryRun: true })).status).toBe(200);
  });

  it('reports valid and invalid rows with the row number and the reason, and queues a job', async () => {
    await upload(
      'spring.csv',
      webinarCsv(
        goodWebinar('WEB-1'),
        'WEB-2,Data Privacy,,,2027-03-16T14:00:00Z,2027-03-16T13:00:00Z,UTC,,,https://zoom.us/j/2,,',
        goodWebinar('WEB-3'),
      ),
    );
    const answer = await importAsset('spring.csv');
    const result = answer.json.data.APIBulkCourseGroupWebinarImport;
    expect(result.dryRun).toBe(false);
    expect(result.validRows.map((r: { row: number }) => r.row)).toEqual([1, 3]);
    expect(result.invalidRows).toEqual([
      expect.objectContaining({
        row: 2,
        errors: [{ field: 'endDate', code: 'after', message: 'endDate must be after startDate' }],
      }),
    ]);
    expect(result.backgroundJob).toMatchObject({ status: 'queued', progress: { processed: 0, total: 2 } });
  });

  it('converts cells to the row schema types and fills defaults', async () => {
    await upload(
      'typed.csv',
      webinarCsv(
        'WEB-9,Excel Forecasting,,,2027-04-06T09:00:00+02:00,2027-04-06T10:30:00+02:00,Europe/Berlin,,,https://zoom.us/j/9,250,',
      ),
    );
    const [row] = (await importAsset('typed.csv', { dryRun: true })).json.data.APIBulkCourseGroupWebinarImport
      .validRows;
    expect(row.values).toMatchObject({ capacity: 250, language: 'en' });
    expect(row.values).not.toHaveProperty('slug');
  });

  it('names every problem of a row: missing field, wrong type, bad format, bad pattern', async () => {
    await upload(
      'bad.csv',
      webinarCsv(',Untitled,Bad Slug!,,tomorrow,2027-01-01T00:00:00Z,Eastern Time,,not-an-email,ftp://x,many,'),
    );
    const [row] = (await importAsset('bad.csv', { dryRun: true })).json.data.APIBulkCourseGroupWebinarImport
      .invalidRows;
    const byField = Object.fromEntries(row.errors.map((e: { field: string; code: string }) => [e.field, e.code]));
    expect(byField).toMatchObject({
      externalId: 'required',
      slug: 'pattern',
      startDate: 'format',
      timeZone: 'pattern',
      instructorEmail: 'format',
      capacity: 'type',
    });
    expect(row.values).toMatchObject({ title: 'Untitled', capacity: 'many' });
  });

  it('flags a repeated externalId on the later row, naming the first', async () => {
    await upload('dupes.csv', webinarCsv(goodWebinar('WEB-1'), goodWebinar('WEB-1', 'Another Title')));
    const result = (await importAsset('dupes.csv', { dryRun: true })).json.data.APIBulkCourseGroupWebinarImport;
    expect(result.invalidRows).toEqual([
      expect.objectContaining({
        row: 2,
        errors: [
          expect.objectContaining({
            field: 'externalId',
            code: 'unique',
            message: 'externalId "WEB-1" is already used by row 1',
          }),
        ],
      }),
    ]);
  });

  it('reports a ragged row instead of dropping it', async () => {
    await upload('ragged.csv', webinarCsv(goodWebinar('WEB-1'), 'WEB-2,Too Short'));
    const result = (await importAsset('ragged.csv', { dryRun: true })).json.data.APIBulkCourseGroupWebinarImport;
    expect(result.invalidRows[0]).toMatchObject({
      row: 2,
      errors: [{ code: 'columnCount', message: 'row 2 has 2 cells; the header has 12 columns' }],
    });
  });

  it('parses quoted fields with commas, quotes and newlines, CRLF line ends and a byte order mark', async () => {
    const row =
      'WEB-7,"Negotiation, ""Masterclass""",,"Line one\nline two",2027-04-20T13:00:00Z,2027-04-20T15:00:00Z,UTC,,,https://zoom.us/j/7,,';
    await upload('quoted.csv', `\uFEFF${webinarHeader}\r\n${row}\r\n`);
    const [valid] = (await importAsset('quoted.csv', { dryRun: true })).json.data.APIBulkCourseGroupWebinarImport
      .validRows;
    expect(valid.values).toMatchObject({ title: 'Negotiation, "Masterclass"', description: 'Line one\nline two' });
  });

  it('persists nothing on a dry run, and its job is already complete', async () => {
    await upload('spring.csv', webinarCsv(goodWebinar('WEB-1')));
    const result = (await importAsset('spring.csv', { dryRun: true })).json.data.APIBulkCourseGroupWebinarImport;
    expect(result.dryRun).toBe(true);
    expect(result.backgroundJob.status).toBe('complete');
    mock.advance(60_000);
    expect((await webinars()).total).toBe(0);
  });

  it('creates the records when the job completes, not before, and updates them on re-import', async () => {
    await upload('spring.csv', webinarCsv(goodWebinar('WEB-1'), goodWebinar('WEB-2')));
    const jobId = (await importAsset('spring.csv')).json.data.APIBulkCourseGroupWebinarImport.backgroundJob.id;
    expect((await webinars()).total).toBe(0);

    mock.advance(1000 + 2 * 100);
    expect((await mock.get(`/incoming/v2/jobs/${jobId}`, tiAuth)).json.data.APIBackgroundJob.status).toBe('complete');
    const stored = await webinars();
    expect(stored.items.map((r: { fields: { externalId: string } }) => r.fields.externalId)).toEqual([
      'WEB-1',
      'WEB-2',
    ]);
    expect(stored.items[0]).toMatchObject({ sourceJobId: jobId, createdAt: '2026-01-05T09:00:01.200Z' });

    await upload('rename.csv', webinarCsv(goodWebinar('WEB-1', 'Kubernetes Operations: Second Edition')));
    await importAsset('rename.csv');
    mock.advance(60_000);
    const after = await webinars();
    expect(after.total).toBe(2);
    expect(after.items[0]).toMatchObject({
      id: stored.items[0].id,
      fields: { title: 'Kubernetes Operations: Second Edition' },
    });
  });

  it('answers 404 for a missing asset, 422 for an empty file or a wrong header, 400 for a bad body, 415 for the wrong media type', async () => {
    expect((await importAsset('nowhere.csv')).json.errors[0].code).toBe('asset_not_found');
    await upload('empty.csv', '');
    expect((await importAsset('empty.csv')).status).toBe(422);
    await upload('header-only.csv', `${webinarHeader}\n`);
    expect((await importAsset('header-only.csv')).json.errors[0].code).toBe('asset_empty');
    await upload('wrong.csv', 'name,date\nx,y\n');
    const wrong = await importAsset('wrong.csv');
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors[0]).toMatchObject({ code: 'asset_header_mismatch', field: 'externalId' });
    expect(wrong.json.errors[0].message).toContain('missing columns externalId');
    await upload('stray.csv', webinarCsv(goodWebinar('WEB-1'), 'WEB-2,"unterminated'));
    expect((await importAsset('stray.csv')).json.errors[0]).toMatchObject({ code: 'asset_not_csv', row: 2 });

    const typo = await mock.postJson(webinarBulk, { bulkImportAssetPath: 'spring.csv', dryrun: true }, tiAuth);
    expect(typo.status).toBe(400);
    expect(
      typo.json.errors.some((e: { message: string }) => e.message.includes('dryrun is not an allowed field')),
    ).toBe(true);
    expect(
      (await mock.call('POST', webinarBulk, { headers: { ...tiAuth, ...json }, body: '{"bulkImportAssetPath":' }))
        .status,
    ).toBe(400);
    expect(
      (await mock.call('POST', webinarBulk, { headers: { ...tiAuth, 'content-type': 'text/plain' }, body: '{}' }))
        .status,
    ).toBe(415);
  });

  it('refuses asset paths that would escape the store', async () => {
    for (const path of ['..%2Fetc%2Fpasswd', 'imports%2F..%2F..%2Fsecret.csv', 'a%5Cb.csv', 'trailing%2F']) {
      const answer = await mock.call('PUT', `/__bulkmock/assets/${path}`, {
        headers: { 'content-type': 'text/csv' },
        body: 'x',
      });
      expect(answer.status, path).toBe(400);
    }
  });
});

describe('Thought Industries in-person event bulk import', () => {
  it('validates rows against the in-person event row schema', async () => {
    await upload(
      'events.csv',
      inPersonCsv(
        goodInPersonEvent('EVT-1'),
        'EVT-2,Workshop,,2027-04-12T09:00:00-05:00,2027-04-13T17:00:00-05:00,America/Chicago,,1 Main St,,Chicago,,,USA,,,',
      ),
    );
    const result = (await importAsset('events.csv', { dryRun: true }, inPersonBulk)).json.data
      .APIBulkInPersonEventImport;
    expect(result.validRows).toHaveLength(1);
    expect(result.invalidRows[0].errors.map((e: { field: string }) => e.field)).toEqual(['venueName', 'country']);
  });
});

describe('Thought Industries authentication', () => {
  it('answers 401 with an empty body without a bearer key', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer' }] as Array<
      Record<string, string>
    >) {
      const answer = await mock.get('/incoming/v2/ping', headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toBe('');
    }
  });

  it('accepts any well-formed key by default', async () => {
    expect((await mock.get('/incoming/v2/ping', tiAuth)).json).toEqual({ valid: true });
  });
});

describe('Thought Industries background jobs', () => {
  it('answers 404 for an unknown job and 400 for an id that is not a uuid', async () => {
    const unknown = await mock.get('/incoming/v2/jobs/3f1c9a52-7d4e-4b8a-9c21-5e6f0a7b8c9d', tiAuth);
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors[0]).toMatchObject({
      code: 'not_found',
      message: 'no background job with id 3f1c9a52-7d4e-4b8a-9c21-5e6f0a7b8c9d',
    });
    expect((await mock.get('/incoming/v2/jobs/not-a-uuid', tiAuth)).status).toBe(400);
  });

  it('answers 404 unknown_collection for a record collection the mock does not keep', async () => {
    const answer = await mock.get('/__bulkmock/thought-industries/records/courses');
    expect(answer.status).toBe(404);
    expect(answer.json.errors[0].code).toBe('unknown_collection');
    expect(answer.json.errors[0].message).toBe(
      'no record collection "courses"; use webinars, inPersonEvents, certificateTemplates, sessionWebinars, courseGroupInPersonEvents or users',
    );
  });
});
