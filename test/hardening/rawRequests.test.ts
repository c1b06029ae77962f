import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorMessage, expectStillServing } from './support/answerRules.js';
import { fuzzParameters, fuzzTimeoutMs } from './support/fuzzSettings.js';
import { useFuzzServer } from './support/fuzzServer.js';
import { exchange, parseAnswer } from './support/rawHttp.js';

const server = useFuzzServer();

const validRequests = [
  'GET /__bulkmock/health HTTP/1.1\r\nHost: localhost\r\n\r\n',
  'GET /incoming/v2/ping HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer k\r\n\r\n',
  'POST /__bulkmock/clock/advance HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"ms":100}',
  'POST /API/WorkflowImportQueue/CreateBatch?importProcessId=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: apikey k\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n1d\r\n{"ExternalRecordId":"r-1"}\n\r\n0\r\n\r\n',
  'PUT /__bulkmock/assets/raw/a.csv HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\na,b',
];

/** A valid request with bytes replaced, inserted or cut off, or bytes from nowhere. */
const rawBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...validRequests),
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.constantFrom('replace', 'insert', 'cut'),
            fc.integer({ min: 0, max: 255 }),
          ),
          { minLength: 1, maxLength: 4 },
        ),
      )
      .map(([request, edits]) => {
        const bytes = [...Buffer.from(request, 'latin1')];
        for (const [where, edit, byte] of edits) {
          const at = Math.floor(where * bytes.length);
          if (edit === 'replace') bytes[at] = byte;
          else if (edit === 'insert') bytes.splice(at, 0, byte);
          else bytes.length = at;
        }
        return Uint8Array.from(bytes);
      }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...validRequests)
      .map((request) => Buffer.from(request.repeat(2) + 'GARBAGE\r\n\r\n', 'latin1')),
  },
);

describe('raw HTTP, fuzzed', () => {
  it(
    'answers any bytes on a connection with a well-formed answer below 500 (saying what is wrong when it refuses) and closes it, never hanging',
    async () => {
      const { running } = server;
      const runs = 200;
      // Counted so that the answer checks cannot pass by never running.
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(rawBytes, async (bytes) => {
          const result = await exchange(running, bytes, { end: true, waitMs: 5_000 });
          const sent = JSON.stringify(Buffer.from(bytes).toString('latin1').slice(0, 200));
          expect(result.closed, `the server left the connection open after ${sent}`).toBe(true);
          if (result.bytes.length === 0) return;
          answered += 1;
          const answer = parseAnswer(result.bytes);
          expect(
            answer,
            `not an HTTP answer to ${sent}: ${JSON.stringify(result.bytes.toString('latin1').slice(0, 200))}`,
          ).not.toBeNull();
          expect(answer!.status, sent).toBeLessThan(500);
          const bodyless =
            Buffer.from(bytes).subarray(0, 5).toString('latin1') === 'HEAD ' ||
            (answer!.status === 401 && answer!.body === '');
          if (answer!.status >= 400 && !bodyless)
            expect(errorMessage(answer!.body), `${answer!.status} to ${sent} says nothing`).not.toBeNull();
        }),
        fuzzParameters(runs),
      );
      expect(answered, 'connections that got an answer to check').toBeGreaterThan(0);
      await expectStillServing(running);
    },
    fuzzTimeoutMs(200),
  );
});

describe('requests Node handles before the mock sees them', () => {
  const ask = async (text: string) => {
    const result = await exchange(server.running, Buffer.from(text, 'latin1'), { end: true });
    return parseAnswer(result.bytes)!;
  };

  it('refuses CONNECT with a 405 that says the mock is no proxy, instead of dropping the connection', async () => {
    const answer = await ask('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toContain('GET');
    expect(errorMessage(answer.body)).toContain('not a proxy');
  });

  it('refuses an Expect it cannot meet with a 417 that names it', async () => {
    const answer = await ask(
      'POST /__bulkmock/clock/advance HTTP/1.1\r\nHost: localhost\r\nExpect: 200-ok\r\nContent-Length: 0\r\n\r\n',
    );
    expect(answer.status).toBe(417);
    expect(errorMessage(answer.body)).toContain('Expect: 200-ok');
  });

  it("refuses headers over Node's size limit with a 431 that gives the limit", async () => {
    const answer = await ask(
      `GET /__bulkmock/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expect(errorMessage(answer.body)).toMatch(/larger than \d+ bytes/);
  });

  it('refuses bytes that are not ASCII in the path, and a malformed request line, with a 400 that says why', async () => {
    for (const line of [
      `GET /__bulkmock/health/\xc3\x28 HTTP/1.1`,
      'GET /__bulkmock/health HTTP/9.9',
      'BREW /__bulkmock/health HTTP/1.1',
      'garbage',
    ]) {
      const answer = await ask(`${line}\r\nHost: localhost\r\n\r\n`);
      expect(answer.status, line).toBe(400);
      expect(errorMessage(answer.body), line).toMatch(/not valid HTTP\/1\.1/);
    }
  });

  it('serves an absolute-form request target, and an HTTP/1.1 request without Host, like any other', async () => {
    expect(
      (await ask('GET http://localhost:4010/__bulkmock/health HTTP/1.1\r\nHost: localhost:4010\r\n\r\n')).status,
    ).toBe(200);
    expect((await ask('GET /__bulkmock/health HTTP/1.1\r\n\r\n')).status).toBe(200);
    expect((await ask('GET /__bulkmock/health HTTP/1.0\r\n\r\n')).status).toBe(200);
  });

  it('keeps a keep-alive connection usable after an upload it stopped reading half way (a line that is not UTF-8)', async () => {
    const invalid = Buffer.concat([
      Buffer.from('{"ExternalRecordId":"r-1"}\n'),
      Buffer.from([0xff]),
      Buffer.alloc(100_000, 0x61),
    ]);
    const first = Buffer.concat([
      Buffer.from(
        `POST /API/WorkflowImportQueue/CreateBatch?importProcessId=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: apikey k\r\nContent-Type: application/x-ndjson\r\nContent-Length: ${invalid.length}\r\n\r\n`,
      ),
      invalid,
    ]);
    const second = Buffer.from('GET /__bulkmock/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    const result = await exchange(server.running, Buffer.concat([first, second]), { end: false });
    const text = result.bytes.toString('latin1');
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toContain('line 2');
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(1);
  });
});
