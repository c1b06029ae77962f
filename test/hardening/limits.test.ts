import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { startMockServer } from '../../mocks/adapters/http/httpServer.js';
import { maxJsonDepth } from '../../mocks/parsing/jsonDepth.js';
import { captureOutput } from '../support/cliOutput.js';
import { goodWebinar, lbRecord, stackOneCourse, webinarCsv } from '../support/csvFixtures.js';
import { lbAuth, stackOneAuth, tiAuth } from '../support/bulkmockHarness.js';
import { errorMessage, expectStillServing, sendAndCheck } from './support/answerRules.js';
import { useFuzzServer } from './support/fuzzServer.js';
import { exchange, parseAnswer, send } from './support/rawHttp.js';

const json = { 'content-type': 'application/json' };
const ndjson = { ...lbAuth, 'content-type': 'application/x-ndjson' };
const createBatch = '/API/WorkflowImportQueue/CreateBatch?importProcessId=4182';
const nested = (levels: number): unknown => (levels === 0 ? 1 : { a: nested(levels - 1) });

describe('limits: size of a body, rows of an import, items of a batch, nesting, line length', () => {
  // 64 KiB bodies, 40 rows or records per import, 8 KiB JSON Lines lines.
  const server = useFuzzServer({ mock: { maxBodyBytes: 64 * 1024 } });
  const big = 'x'.repeat(70 * 1024);

  it("answers a body over --max-body with each vendor's 413 naming the limit, whether announced or streamed", async () => {
    const { running } = server;
    const uploads = [
      {
        method: 'POST',
        path: '/incoming/v2/content/certificate-templates/bulk',
        headers: { ...tiAuth, ...json },
        body: JSON.stringify({ templates: [{ title: big }] }),
      },
      { method: 'PUT', path: '/__bulkmock/assets/limits/big.csv', headers: { 'content-type': 'text/csv' }, body: big },
      {
        method: 'POST',
        path: '/unified/lms/courses/batch',
        headers: { ...stackOneAuth(), ...json },
        body: JSON.stringify({ items: [stackOneCourse('BIG', { description: big })] }),
      },
      { method: 'POST', path: createBatch, headers: ndjson, body: `${lbRecord('R-1', { Note: big })}\n` },
      { method: 'POST', path: '/__bulkmock/clock/advance', headers: json, body: JSON.stringify({ ms: 1, pad: big }) },
    ];
    for (const upload of uploads) {
      const announced = await sendAndCheck(running, upload);
      expect(announced.status, upload.path).toBe(413);
      expect(errorMessage(announced.body)).toContain(`limit of ${64 * 1024} bytes`);
      // The same body sent in chunks, without Content-Length: refused once the limit is crossed.
      const head = `${upload.method} ${upload.path} HTTP/1.1\r\nHost: localhost\r\n${Object.entries(upload.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\nTransfer-Encoding: chunked\r\n\r\n`;
      const chunks = upload.body
        .match(/[\s\S]{1,16384}/g)!
        .map((part) => `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`)
        .join('');
      const streamed = parseAnswer((await exchange(running, `${head}${chunks}0\r\n\r\n`, { end: false })).bytes);
      expect(streamed?.status, upload.path).toBe(413);
    }
    await expectStillServing(running);
  });

  it('answers a Thought Industries file over --max-rows with 413 too_many_rows, and one at the limit with 200', async () => {
    const { running } = server;
    const rows = (n: number) => webinarCsv(...Array.from({ length: n }, (_, i) => goodWebinar(`WEB-${i}`)));
    for (const [count, status] of [
      [40, 200],
      [41, 413],
    ] as const) {
      await sendAndCheck(running, {
        method: 'PUT',
        path: `/__bulkmock/assets/limits/rows-${count}.csv`,
        headers: { 'content-type': 'text/csv' },
        body: rows(count),
      });
      const answer = await sendAndCheck(running, {
        method: 'POST',
        path: '/incoming/v2/content/courseGroup/webinar/bulk',
        headers: { ...tiAuth, ...json },
        body: JSON.stringify({ bulkImportAssetPath: `limits/rows-${count}.csv`, dryRun: true }),
      });
      expect(answer.status).toBe(status);
      if (status === 413)
        expect(JSON.parse(answer.body).errors[0]).toMatchObject({
          code: 'too_many_rows',
          message: expect.stringContaining('at most 40'),
        });
    }
  });

  it('answers a Learning Builder batch over --max-rows with 422 TOO_MANY_RECORDS, and one at the limit with 200', async () => {
    const { running } = server;
    const records = (n: number) => Array.from({ length: n }, (_, i) => lbRecord(`R-${i}`)).join('\n');
    expect(
      (await sendAndCheck(running, { method: 'POST', path: createBatch, headers: ndjson, body: records(40) })).status,
    ).toBe(200);
    const over = await sendAndCheck(running, { method: 'POST', path: createBatch, headers: ndjson, body: records(41) });
    expect(over.status).toBe(422);
    expect(JSON.parse(over.body)).toMatchObject({
      errorCode: 'TOO_MANY_RECORDS',
      message: expect.stringContaining('at most 40'),
    });
  });

  it('answers more than 100 StackOne items with a 400 naming the limit, and more than 500 certificate templates with a 422 naming it', async () => {
    const { running } = server;
    const courses = (n: number) =>
      JSON.stringify({ items: Array.from({ length: n }, (_, i) => ({ external_reference: `C-${i}`, title: 'T' })) });
    expect(
      (
        await sendAndCheck(running, {
          method: 'POST',
          path: '/unified/lms/courses/batch',
          headers: { ...stackOneAuth(), ...json },
          body: courses(100),
        })
      ).status,
    ).toBe(202);
    const tooMany = await sendAndCheck(running, {
      method: 'POST',
      path: '/unified/lms/courses/batch',
      headers: { ...stackOneAuth(), ...json },
      body: courses(101),
    });
    expect(tooMany.status).toBe(400);
    expect(errorMessage(tooMany.body)).toContain('at most 100 items');

    const templates = JSON.stringify({
      templates: Array.from({ length: 501 }, (_, i) => ({ title: `T${i}` })),
      dryRun: true,
    });
    const overTemplates = await sendAndCheck(running, {
      method: 'POST',
      path: '/incoming/v2/content/certificate-templates/bulk',
      headers: { ...tiAuth, ...json },
      body: templates,
    });
    expect(overTemplates.status).toBe(422);
    expect(errorMessage(overTemplates.body)).toContain('at most 500');
  });

  it(`refuses JSON nested more than ${maxJsonDepth} levels deep with a 400 naming the limit, in a body and in a JSON Lines record`, async () => {
    const { running } = server;
    const batch = (levels: number) => JSON.stringify({ items: [stackOneCourse('DEEP')], extra: nested(levels - 1) });
    expect(
      (
        await sendAndCheck(running, {
          method: 'POST',
          path: '/unified/lms/courses/batch',
          headers: { ...stackOneAuth(), ...json },
          body: batch(maxJsonDepth),
        })
      ).status,
    ).toBe(202);
    const deep = await sendAndCheck(running, {
      method: 'POST',
      path: '/unified/lms/courses/batch',
      headers: { ...stackOneAuth(), ...json },
      body: batch(maxJsonDepth + 1),
    });
    expect(deep.status).toBe(400);
    expect(errorMessage(deep.body)).toContain(`more than ${maxJsonDepth} levels deep`);

    const line = await sendAndCheck(running, {
      method: 'POST',
      path: createBatch,
      headers: ndjson,
      body: `${lbRecord('R-1')}\n${JSON.stringify({ ExternalRecordId: 'R-2', extra: nested(maxJsonDepth) })}\n`,
    });
    expect(line.status).toBe(400);
    expect(JSON.parse(line.body).details).toEqual([
      { line: 2, message: expect.stringContaining(`more than ${maxJsonDepth} levels deep`) },
    ]);
  });

  it('refuses a JSON Lines line over the line limit with a 400 naming the line and the limit', async () => {
    const answer = await sendAndCheck(server.running, {
      method: 'POST',
      path: createBatch,
      headers: ndjson,
      body: `${lbRecord('R-1')}\n${lbRecord('R-2', { Note: 'y'.repeat(9000) })}\n`,
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).details).toEqual([{ line: 2, message: 'line 2 is longer than 8192 characters' }]);
  });
});

describe('limits: retained jobs', () => {
  // Jobs queue 1 s, then take 10 ms per row; time moves only when the test moves it.
  const server = useFuzzServer({ mock: { maxJobs: 5, timing: { mode: 'manual', baseDelayMs: 1_000, perRowMs: 10 } } });
  const advance = (ms: number) =>
    sendAndCheck(server.running, {
      method: 'POST',
      path: '/__bulkmock/clock/advance',
      headers: json,
      body: JSON.stringify({ ms }),
    });
  const job = async (id: string) =>
    await sendAndCheck(server.running, { method: 'GET', path: `/__bulkmock/jobs/${id}` });
  const upsert = async (reference: string) =>
    (
      await sendAndCheck(server.running, {
        method: 'POST',
        path: '/unified/lms/courses/batch',
        headers: { ...stackOneAuth(), ...json },
        body: JSON.stringify({ items: [stackOneCourse(reference)] }),
      })
    ).headers['x-bulkmock-job-id']!;

  it('drops the oldest finished jobs first past --max-jobs, never a running one, and never what a finished import stored', async () => {
    const { running } = server;
    // A long batch (40 records: 1.4 s) that is still processing when the short ones (1 record: 1.01 s) are done.
    const long = await sendAndCheck(running, {
      method: 'POST',
      path: createBatch,
      headers: ndjson,
      body: Array.from({ length: 40 }, (_, i) => lbRecord(`R-${i}`)).join('\n'),
    });
    const longId = JSON.parse(long.body).queueBatchId as string;
    const short: string[] = [];
    for (const reference of ['A', 'B', 'C', 'D']) short.push(await upsert(reference));
    await advance(1_100);
    expect(JSON.parse((await job(longId)).body).status).toBe('processing');

    // Two more jobs take the store to 7: the two oldest finished jobs go, the running batch stays.
    short.push(await upsert('E'), await upsert('F'));
    expect((await job(short[0]!)).status).toBe(404);
    expect((await job(short[1]!)).status).toBe(404);
    for (const id of [longId, ...short.slice(2)]) expect((await job(id)).status, id).toBe(200);
    const listed = JSON.parse((await sendAndCheck(running, { method: 'GET', path: '/__bulkmock/jobs' })).body)
      .jobs as Array<{ id: string }>;
    expect(listed.map((j) => j.id)).toEqual([longId, ...short.slice(2)]);

    // Forgetting a job never forgets what its import wrote.
    await advance(5_000);
    const courses = JSON.parse(
      (await sendAndCheck(running, { method: 'GET', path: '/unified/lms/courses', headers: stackOneAuth() })).body,
    ).data as Array<{ external_reference: string }>;
    expect(courses.map((c) => c.external_reference).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('keeps every running job even past --max-jobs, and its Learning Builder batch with it; a dropped batch answers 404', async () => {
    const { running } = server;
    await sendAndCheck(running, { method: 'POST', path: '/__bulkmock/reset' });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push(
        JSON.parse(
          (
            await sendAndCheck(running, {
              method: 'POST',
              path: createBatch,
              headers: ndjson,
              body: lbRecord(`R-${i}`),
            })
          ).body,
        ).queueBatchId,
      );
    expect(
      JSON.parse((await sendAndCheck(running, { method: 'GET', path: '/__bulkmock/jobs' })).body).jobs,
    ).toHaveLength(7);
    await advance(5_000);
    await sendAndCheck(running, { method: 'POST', path: createBatch, headers: ndjson, body: lbRecord('R-8') });
    const details = await sendAndCheck(running, {
      method: 'GET',
      path: `/__bulkmock/learning-builder/batches/${ids[0]}`,
    });
    expect(details.status).toBe(404);
    expect(
      (await sendAndCheck(running, { method: 'GET', path: `/__bulkmock/learning-builder/batches/${ids[6]}` })).status,
    ).toBe(200);
  });
});

describe('limits: request timeout for slow senders', () => {
  const server = useFuzzServer({ requestTimeoutMs: 1_000 });
  const upload = (length: number) =>
    `POST ${createBatch} HTTP/1.1\r\nHost: localhost\r\nAuthorization: apikey k\r\nContent-Type: application/x-ndjson\r\nContent-Length: ${length}\r\n\r\n`;

  it('answers a sender that stalls in the body with a 408 that says so and closes, within the timeout, serving others meanwhile', async () => {
    const { running } = server;
    const stalled = exchange(running, `${upload(1_000)}{"ExternalRecordId":`, { end: false, waitMs: 5_000 });
    const started = performance.now();
    const health = await send(running, { method: 'GET', path: '/__bulkmock/health' });
    expect(health.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(500);

    const result = await stalled;
    expect(result.closed).toBe(true);
    expect(result.elapsedMs).toBeGreaterThan(900);
    expect(result.elapsedMs).toBeLessThan(3_000);
    const answer = parseAnswer(result.bytes)!;
    expect(answer.status).toBe(408);
    expect(errorMessage(answer.body)).toContain('no byte of the request arrived for 1 s');
    // The mock's own record of the cut-off upload: a 400 that says the body was incomplete, not a 500.
    const log = JSON.parse(
      (await sendAndCheck(running, { method: 'GET', path: '/__bulkmock/requests?limit=10' })).body,
    ) as { requests: Array<{ path: string; status: number }> };
    expect(log.requests.find((r) => r.path === '/API/WorkflowImportQueue/CreateBatch')?.status).toBe(400);
    await expectStillServing(running);
  });

  it('answers a sender that stalls in the headers with a 408 within the timeout', async () => {
    const result = await exchange(server.running, 'GET /__bulkmock/health HTTP/1.1\r\nHost: mo', {
      end: false,
      waitMs: 5_000,
    });
    expect(result.closed).toBe(true);
    expect(result.elapsedMs).toBeLessThan(3_000);
    expect(parseAnswer(result.bytes)?.status).toBe(408);
  });

  it('closes, without a second answer, a connection whose request was answered early but whose body never finishes', async () => {
    // No importProcessId: refused at once, before the body is read; then the body stalls.
    const text = upload(1_000).replace('?importProcessId=4182', '');
    const result = await exchange(server.running, `${text}{"a":`, { end: false, waitMs: 5_000 });
    expect(result.closed).toBe(true);
    expect(result.elapsedMs).toBeLessThan(3_000);
    expect(result.bytes.toString('latin1').match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 400']);
  });

  it('starts with a request timeout shorter than the 20 s headers timeout, and refuses a negative one', async () => {
    const quick = await startMockServer({ port: 0, requestTimeoutMs: 500 });
    await quick.close();
    await expect(startMockServer({ port: 0, requestTimeoutMs: -1 })).rejects.toThrow(/requestTimeoutMs/);
  });
});

describe('limits as serve options', () => {
  it('documents --max-rows, --max-jobs and --request-timeout in --help with their defaults', async () => {
    const io = captureOutput();
    expect(await main(['serve', '--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/--max-rows <n>\s.*\(default: 100000\)/);
    expect(io.stdout).toMatch(/--max-jobs <n>\s.*\(default: 10000\)/);
    expect(io.stdout).toMatch(/--request-timeout <s>\s.*\(default: 60\)/);
  });

  it('refuses a limit out of range with exit status 2 and a one-line reason', async () => {
    for (const [args, reason] of [
      [['--max-rows', '0'], '--max-rows must be a whole number from 1 to 10000000, got "0"'],
      [['--max-jobs', 'many'], '--max-jobs must be a whole number from 1 to 10000000, got "many"'],
      [['--request-timeout=-5'], '--request-timeout must be a number from 0 to 3600, got "-5"'],
      [['--host', ''], '--host must name an address'],
    ] as const) {
      const io = captureOutput();
      expect(await main(['serve', ...args], io), args.join(' ')).toBe(2);
      expect(io.stderr).toContain(reason);
    }
  });
});
