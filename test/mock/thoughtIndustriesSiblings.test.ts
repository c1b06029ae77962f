import { describe, expect, it } from 'vitest';
import { createMockCore } from '../../mocks/builtInVendors.js';
import { emptyBody } from '../../mocks/core/mockRequest.js';
import { tiAuth, useBulkmock } from '../support/bulkmockHarness.js';

const mock = useBulkmock({ timing: { mode: 'manual', baseDelayMs: 1000, perRowMs: 100 } });
const sessionWebinarBulk = '/incoming/v2/content/session/webinar/bulk';
const courseGroupInPersonBulk = '/incoming/v2/content/courseGroup/inPersonEvent/bulk';
const usersBulk = '/incoming/v2/users/bulkImport';

const sessionHeader =
  'externalId,courseGroupExternalId,title,description,startDate,endDate,timeZone,instructorName,instructorEmail,meetingUrl,capacity,language';
const session = (id: string, end = '2027-06-08T12:30:00-04:00') =>
  `${id},WEB-2027-001,Kubernetes Operations: June session,,2027-06-08T11:00:00-04:00,${end},America/New_York,Priya Raman,priya.raman@northwind-learning.com,https://zoom.us/j/1,300,`;
const courseGroupHeader =
  'externalId,title,slug,description,startDate,endDate,timeZone,venueName,addressLine1,addressLine2,city,region,postalCode,country,capacity,instructorName,instructorEmail,language';
const courseGroup = (id: string, country = 'US') =>
  `${id},Negotiation Skills in Practice,negotiation-skills,,2027-10-05T09:00:00-04:00,2027-10-06T16:30:00-04:00,America/New_York,Boston Park Plaza,50 Park Plaza,,Boston,MA,02116,${country},24,Sofia Marin,,de`;
const userHeader = 'email,firstName,lastName,externalCustomerId,language';
const user = (email: string, first = 'Amara') => `${email},${first},Nwosu,EMP-1,`;
const csv = (header: string, ...rows: string[]) => [header, ...rows].join('\n') + '\n';

const upload = (path: string, text: string) =>
  mock.call('PUT', `/__bulkmock/assets/${path}`, { headers: { 'content-type': 'text/csv' }, body: text });
const records = async (collection: string) =>
  (await mock.get(`/__bulkmock/thought-industries/records/${collection}`)).json;
const pollJob = async (id: string) => (await mock.get(`/incoming/v2/jobs/${id}`, tiAuth)).json.data.APIBackgroundJob;

describe('Thought Industries session webinar bulk import', () => {
  it('reports valid and invalid rows by row number under APIBulkWebinarImport, and stores nothing on a dry run', async () => {
    await upload('sessions.csv', csv(sessionHeader, session('SES-1'), session('SES-2', '2027-06-08T10:00:00-04:00')));
    const answer = await mock.postJson(
      sessionWebinarBulk,
      { bulkImportAssetPath: 'sessions.csv', dryRun: true },
      tiAuth,
    );
    expect(answer.status).toBe(200);
    const result = answer.json.data.APIBulkWebinarImport;
    expect(result.validRows).toEqual([
      expect.objectContaining({ row: 1, values: expect.objectContaining({ externalId: 'SES-1', language: 'en' }) }),
    ]);
    expect(result.invalidRows).toEqual([
      expect.objectContaining({ row: 2, errors: [expect.objectContaining({ field: 'endDate', code: 'after' })] }),
    ]);
    expect(result.backgroundJob).toMatchObject({ type: 'sessionWebinarBulkImport', status: 'complete' });
    mock.advance(60_000);
    expect((await records('sessionWebinars')).total).toBe(0);
  });

  it('stores the valid rows when the job completes, and only then', async () => {
    await upload('sessions.csv', csv(sessionHeader, session('SES-1'), session('SES-2')));
    const answer = await mock.postJson(sessionWebinarBulk, { bulkImportAssetPath: 'sessions.csv' }, tiAuth);
    const job = answer.json.data.APIBulkWebinarImport.backgroundJob;
    expect(job.status).toBe('queued');
    expect((await records('sessionWebinars')).total).toBe(0);
    mock.advance(1000 + 2 * 100);
    expect(await pollJob(job.id)).toMatchObject({ status: 'complete', progress: { processed: 2, total: 2 } });
    const stored = await records('sessionWebinars');
    expect(stored.items.map((r: { fields: { externalId: string } }) => r.fields.externalId)).toEqual([
      'SES-1',
      'SES-2',
    ]);
    expect(stored.items[0]).toMatchObject({ collection: 'sessionWebinars', sourceJobId: job.id });
    expect((await records('webinars')).total).toBe(0);
  });

  it('refuses a file with the course group webinar header, naming the first column that differs', async () => {
    await upload(
      'wrong.csv',
      csv(
        'externalId,title,slug,description,startDate,endDate,timeZone,instructorName,instructorEmail,meetingUrl,capacity,language',
      ),
    );
    const answer = await mock.postJson(sessionWebinarBulk, { bulkImportAssetPath: 'wrong.csv' }, tiAuth);
    expect(answer.status).toBe(422);
    expect(answer.json.errors).toContainEqual(
      expect.objectContaining({ code: 'asset_header_mismatch', field: 'courseGroupExternalId' }),
    );
  });

  it('answers 401 with an empty body without a key', async () => {
    const answer = await mock.postJson(sessionWebinarBulk, { bulkImportAssetPath: 'sessions.csv' });
    expect([answer.status, answer.body]).toEqual([401, '']);
  });
});

describe('Thought Industries course group in-person event bulk import', () => {
  it('reports a bad country by row, then stores the valid row by externalId when the job completes', async () => {
    await upload('groups.csv', csv(courseGroupHeader, courseGroup('CGE-1'), courseGroup('CGE-2', 'USA')));
    const answer = await mock.postJson(courseGroupInPersonBulk, { bulkImportAssetPath: 'groups.csv' }, tiAuth);
    const result = answer.json.data.APIBulkCourseGroupInPersonEventImport;
    expect(result.validRows.map((r: { row: number }) => r.row)).toEqual([1]);
    expect(result.invalidRows).toEqual([
      expect.objectContaining({ row: 2, errors: [expect.objectContaining({ field: 'country', code: 'pattern' })] }),
    ]);
    mock.advance(1000 + 100);
    expect(await pollJob(result.backgroundJob.id)).toMatchObject({
      type: 'courseGroupInPersonEventBulkImport',
      status: 'complete',
    });
    const stored = await records('courseGroupInPersonEvents');
    expect(stored.items.map((r: { fields: unknown }) => r.fields)).toEqual([
      expect.objectContaining({ externalId: 'CGE-1', slug: 'negotiation-skills', language: 'de', capacity: 24 }),
    ]);
  });

  it('updates the stored record when a later file repeats its externalId', async () => {
    for (const title of ['First title', 'Second title']) {
      await upload(
        'group.csv',
        csv(courseGroupHeader, courseGroup('CGE-1').replace('Negotiation Skills in Practice', title)),
      );
      await mock.postJson(courseGroupInPersonBulk, { bulkImportAssetPath: 'group.csv' }, tiAuth);
      mock.advance(60_000);
    }
    const stored = await records('courseGroupInPersonEvents');
    expect(stored.total).toBe(1);
    expect(stored.items[0].fields.title).toBe('Second title');
  });
});

describe('Thought Industries users bulk import', () => {
  const usersFile = csv(
    userHeader,
    user('amara.nwosu@northwind-learning.com'),
    user('riya.shah(at)example.com', 'Riya'),
  );

  it('reads the url from the asset store, checks every row on a dry run and stores nothing', async () => {
    await upload('exports/new-hires.csv', usersFile);
    const answer = await mock.postJson(
      usersBulk,
      { url: 'https://files.example.com/exports/new-hires.csv', dryRun: true },
      tiAuth,
    );
    expect(answer.status).toBe(200);
    const job = answer.json.data.APIUsersBulkImport;
    expect(job).toMatchObject({ type: 'usersBulkImport', status: 'complete', progress: { processed: 1, total: 1 } });
    expect(job.description).toContain('1 valid row, 1 invalid row skipped (row 2: email must be a valid email)');
    mock.advance(60_000);
    expect((await records('users')).total).toBe(0);
  });

  it('stores the valid users when the job completes, matched by email, from a /__bulkmock/assets/ url on any host', async () => {
    await upload('new-hires.csv', usersFile);
    const url = 'http://anything.test/__bulkmock/assets/new-hires.csv';
    const job = (await mock.postJson(usersBulk, { url }, tiAuth)).json.data.APIUsersBulkImport;
    expect(job.status).toBe('queued');
    mock.advance(1000);
    expect(await pollJob(job.id)).toMatchObject({ status: 'processing' });
    mock.advance(100);
    expect(await pollJob(job.id)).toMatchObject({ status: 'complete' });
    const stored = await records('users');
    expect(stored.items).toEqual([
      expect.objectContaining({
        collection: 'users',
        sourceJobId: job.id,
        fields: {
          email: 'amara.nwosu@northwind-learning.com',
          firstName: 'Amara',
          lastName: 'Nwosu',
          externalCustomerId: 'EMP-1',
          language: 'en',
        },
      }),
    ]);
    await upload('new-hires.csv', csv(userHeader, user('amara.nwosu@northwind-learning.com', 'Ama')));
    await mock.postJson(usersBulk, { url }, tiAuth);
    mock.advance(60_000);
    const updated = await records('users');
    expect([updated.total, updated.items[0].fields.firstName]).toEqual([1, 'Ama']);
  });

  it('accepts a url that names no stored file, and fails its job saying which url and why', async () => {
    const url = 'https://files.example.com/exports/missing.csv';
    const answer = await mock.postJson(usersBulk, { url }, tiAuth);
    expect(answer.status).toBe(200);
    const job = answer.json.data.APIUsersBulkImport;
    expect(job.status).toBe('queued');
    mock.advance(1000);
    const ended = await pollJob(job.id);
    expect(ended.status).toBe('failed');
    expect(ended.errorMessage).toBe(
      `Could not read ${url}: no asset is stored at exports/missing.csv. The mock never fetches from the network; store the file first (PUT /__bulkmock/assets/exports/missing.csv).`,
    );
  });

  it('fails the job of a file with the wrong header, naming the url and the header problem', async () => {
    await upload('people.csv', csv('email,name', 'a@example.com,A'));
    const job = (await mock.postJson(usersBulk, { url: 'https://x.test/people.csv', dryRun: true }, tiAuth)).json.data
      .APIUsersBulkImport;
    expect(job.status).toBe('failed');
    expect(job.errorMessage).toMatch(
      /^Could not import https:\/\/x\.test\/people\.csv: people\.csv: the header does not match/,
    );
  });

  it('refuses a url that is not an absolute http or https URL with a 400 naming url', async () => {
    for (const url of ['ftp://files.example.com/users.csv', 'users.csv', '']) {
      const answer = await mock.postJson(usersBulk, { url }, tiAuth);
      expect(answer.status, url).toBe(400);
      expect(
        answer.json.errors.some((e: { field?: string }) => e.field === 'url'),
        url,
      ).toBe(true);
    }
  });

  it('answers 401 with an empty body without a key', async () => {
    const answer = await mock.postJson(usersBulk, { url: 'https://files.example.com/users.csv' });
    expect([answer.status, answer.body]).toEqual([401, '']);
  });
});

describe('the siblings in a preload', () => {
  const read = async (core: ReturnType<typeof createMockCore>, path: string, headers: Record<string, string> = {}) => {
    const answer = await core.handle({ method: 'GET', path, query: new URLSearchParams(), headers, body: emptyBody });
    return (answer.body as { kind: 'json'; value: Record<string, unknown> }).value;
  };

  it("--preload examples replays the siblings' examples: the users and course groups they import, the failed users job", async () => {
    const core = createMockCore({ preload: 'examples', timing: { mode: 'manual' } });
    const { refused } = await core.ready;
    expect(
      refused.filter((r) =>
        /^(bulkImportUsers|bulkImportSessionWebinars|bulkImportCourseGroupInPersonEvents|uploadImportAsset) /.test(
          r.what,
        ),
      ),
    ).toEqual([]);
    const users = (await read(core, '/__bulkmock/thought-industries/records/users')) as {
      items: Array<{ fields: { email: string } }>;
    };
    expect(users.items.map((u) => u.fields.email)).toEqual([
      'amara.nwosu@northwind-learning.com',
      'jonas.keller@northwind-learning.com',
    ]);
    const groups = (await read(core, '/__bulkmock/thought-industries/records/courseGroupInPersonEvents')) as {
      total: number;
    };
    expect(groups.total).toBe(1);
    const failed = (await read(core, '/incoming/v2/jobs/8b0d2f4e-6a5c-4d9e-9f3a-4b5c6d7e8f90', tiAuth)) as {
      data: { APIBackgroundJob: { status: string; errorMessage: string } };
    };
    expect(failed.data.APIBackgroundJob.status).toBe('failed');
    expect(failed.data.APIBackgroundJob.errorMessage).toContain('no asset is stored at exports/missing-2027.csv');
  });

  it('--preload kind:count imports generated sessions, course groups and users through their operations', async () => {
    const core = createMockCore({
      seed: 5,
      timing: { mode: 'realistic' },
      preload: 'ti-session-webinar:12,ti-course-group-in-person-event:7,ti-user:9',
    });
    expect((await core.ready).refused).toEqual([]);
    const jobs = core.state.jobs.list(core.state.clock.now());
    expect(jobs.map((j) => [j.operationId, j.state.status, j.state.total])).toEqual([
      ['bulkImportSessionWebinars', 'complete', 12],
      ['bulkImportCourseGroupInPersonEvents', 'complete', 7],
      ['bulkImportUsers', 'complete', 9],
    ]);
    for (const [collection, total] of [
      ['sessionWebinars', 12],
      ['courseGroupInPersonEvents', 7],
      ['users', 9],
    ] as const)
      expect((await read(core, `/__bulkmock/thought-industries/records/${collection}`)).total, collection).toBe(total);
  });
});
