import { connect, type Socket } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { goodWebinar, webinarCsv } from '../support/csvFixtures.js';
import { expectStillServing, sendAndCheck } from './support/answerRules.js';
import { fuzzParameters, fuzzTimeoutMs } from './support/fuzzSettings.js';
import { useFuzzServer } from './support/fuzzServer.js';
import { exchange, parseAnswer } from './support/rawHttp.js';

/**
 * Reproductions 3 and 5 of issue 12, at sizes CI can afford (the full sizes run in the abuse bench):
 * answers held for clients that are gone or never read, and a 408 that blamed fast clients for the
 * mock's own parsing.
 */

const rows = (count: number) => webinarCsv(...Array.from({ length: count }, (_, i) => goodWebinar(`WEB-${i}`)));
const webinarImport = '/incoming/v2/content/courseGroup/webinar/bulk';

/** A raw HTTP/1.1 request on its own socket, which the test then abandons or never reads. */
function openRequest(
  running: RunningServer,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Socket {
  const socket = connect(running.port, '127.0.0.1');
  const head = Object.entries({ host: 'localhost', 'content-length': String(Buffer.byteLength(body)), ...headers }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  socket.write(`${method} ${path} HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n${body}`);
  socket.on('error', () => undefined);
  return socket;
}

const dryRun = (asset: string, extra: Record<string, string> = {}) => ({
  headers: { authorization: 'Bearer k', 'content-type': 'application/json', ...extra },
  body: JSON.stringify({ bulkImportAssetPath: asset, dryRun: true }),
});

async function upload(running: RunningServer, asset: string, csv: string): Promise<void> {
  const stored = await sendAndCheck(running, {
    method: 'PUT',
    path: `/__bulkmock/assets/${asset}`,
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
  expect(stored.status).toBe(201);
}

describe('clients that leave before their answer (reproduction 3)', () => {
  const server = useFuzzServer({
    mock: { maxRowsPerImport: 100_000, maxBodyBytes: 50 * 1024 * 1024 },
    writeTimeoutMs: 400,
  });

  it('frees a delayed dry run at once when its client disconnects, clearing its latency timer', async () => {
    const { running } = server;
    const counters = running.core.state.transport;
    await upload(running, 'abandoned/webinars.csv', rows(3_000));
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const { headers, body } = dryRun('abandoned/webinars.csv', { 'x-bulkmock-latency': '600000' });
    const clients = Array.from({ length: 4 }, () => openRequest(running, 'POST', webinarImport, headers, body));
    const abandonedBefore = counters.abandonedAnswers;
    try {
      // Each answer is computed, then held for its ten-minute latency, on a timer of its own (the
      // process may hold other timers, its own or the test runner's, which come and go).
      await vi.waitFor(() => expect(counters.pendingAnswers).toBe(4), { timeout: 10_000, interval: 20 });
      expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeGreaterThanOrEqual(4);
    } finally {
      // Left open, these would hold their answers for ten minutes and confuse the tests after this one.
      for (const client of clients) client.destroy();
    }
    await vi.waitFor(() => expect(counters.pendingAnswers).toBe(0), { timeout: 10_000, interval: 20 });
    expect(counters.abandonedAnswers - abandonedBefore).toBe(4);
    // The four ten-minute timers are gone, not left to fire into closed sockets.
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(timersBefore);
    await expectStillServing(running);
  }, 30_000);

  it('aborts an answer its client never reads after --write-timeout, and keeps the import it accepted', async () => {
    const { running } = server;
    const counters = running.core.state.transport;
    await sendAndCheck(running, { method: 'POST', path: '/__bulkmock/reset' });
    // About 20 MB of answer: more than the kernel buffers of a loopback connection hold.
    await upload(running, 'unread/webinars.csv', rows(40_000));
    const timeoutsBefore = counters.writeTimeouts;
    const client = openRequest(
      running,
      'POST',
      webinarImport,
      { authorization: 'Bearer k', 'content-type': 'application/json' },
      JSON.stringify({ bulkImportAssetPath: 'unread/webinars.csv' }),
    );
    client.pause();

    await vi.waitFor(() => expect(counters.writeTimeouts).toBe(timeoutsBefore + 1), { timeout: 20_000, interval: 50 });
    await vi.waitFor(() => expect(counters.pendingAnswers).toBe(0), { timeout: 10_000, interval: 20 });
    client.destroy();
    // The import was accepted before its answer was cut: its job stays, and runs to its end.
    const jobs = JSON.parse((await sendAndCheck(running, { method: 'GET', path: '/__bulkmock/jobs' })).body)
      .jobs as Array<{ operationId: string; total?: number }>;
    expect(jobs).toHaveLength(1);
    const health = JSON.parse((await sendAndCheck(running, { method: 'GET', path: '/__bulkmock/health' })).body);
    expect(health.transport.writeTimeouts).toBe(counters.writeTimeouts);
    await expectStillServing(running);
  }, 60_000);

  it(
    'ends every answer, for any mix of clients that read, leave during the latency, or never read',
    async () => {
      const { running } = server;
      const counters = running.core.state.transport;
      await upload(running, 'mixed/webinars.csv', rows(40));
      const client = fc.record({
        behaviour: fc.constantFrom('reads', 'leaves', 'never-reads'),
        latencyMs: fc.integer({ min: 0, max: 300 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(client, { minLength: 1, maxLength: 5 }), async (clients) => {
          const sockets = clients.map(({ behaviour, latencyMs }) => {
            const { headers, body } = dryRun('mixed/webinars.csv', { 'x-bulkmock-latency': String(latencyMs) });
            const socket = openRequest(running, 'POST', webinarImport, { ...headers, connection: 'close' }, body);
            if (behaviour === 'never-reads') socket.pause();
            if (behaviour === 'leaves') setTimeout(() => socket.destroy(), latencyMs / 2);
            return socket;
          });
          try {
            await vi.waitFor(() => expect(counters.pendingAnswers).toBe(0), { timeout: 5_000, interval: 20 });
          } finally {
            for (const socket of sockets) socket.destroy();
          }
        }),
        fuzzParameters(8),
      );
      await expectStillServing(running);
    },
    fuzzTimeoutMs(8, 3_000),
  );
});

describe('the request timeout judges the client, not the mock (reproduction 5)', () => {
  const server = useFuzzServer({
    requestTimeoutMs: 500,
    mock: { maxRowsPerImport: 100_000, maxBodyBytes: 50 * 1024 * 1024, maxLineLength: 1024 * 1024 },
  });
  const createBatch = '/API/WorkflowImportQueue/CreateBatch?importProcessId=4182';
  const ndjson = { authorization: 'apikey k', 'content-type': 'application/x-ndjson' };

  it('reads 6 MB of unreadable lines sent at full speed and refuses them for their content, not with 408', async () => {
    const body = `${'x'.repeat(59)}\n`.repeat(99_000);
    const answer = await sendAndCheck(server.running, { method: 'POST', path: createBatch, headers: ndjson, body });
    expect(answer.status).toBe(400);
    const parsed = JSON.parse(answer.body);
    expect(parsed.errorCode).toBe('INVALID_JSON_LINE');
    expect(parsed.message).toContain(
      'at least 1000 line(s) (reading stopped at 1000 problems) could not be read as JSON objects',
    );
    expect(parsed.details).toHaveLength(100);
    expect(server.running.core.state.transport.requestTimeouts).toBe(0);
  }, 30_000);

  it('reads 6 MB of two-byte lines sent at full speed and refuses them by their count before reading any, not with 408', async () => {
    const body = 'x\n'.repeat(3_000_000);
    const answer = await sendAndCheck(server.running, { method: 'POST', path: createBatch, headers: ndjson, body });
    expect(answer.status).toBe(422);
    expect(JSON.parse(answer.body).message).toBe(
      'the batch has 3000000 records; this mock accepts at most 100000 per batch (--max-rows)',
    );
    expect(server.running.core.state.transport.requestTimeouts).toBe(0);
  }, 30_000);

  it('reads 8 MB of tiny records sent at full speed and refuses them as too many, not with 408', async () => {
    const body = '{"a":1}\n'.repeat(1_000_000);
    const answer = await sendAndCheck(server.running, { method: 'POST', path: createBatch, headers: ndjson, body });
    expect(answer.status).toBe(422);
    expect(JSON.parse(answer.body).message).toBe(
      'the batch has 1000000 records; this mock accepts at most 100000 per batch (--max-rows)',
    );
    expect(server.running.core.state.transport.requestTimeouts).toBe(0);
  }, 30_000);

  it('still answers 408 to a client that stops sending half way, naming the pause', async () => {
    const head = `POST ${createBatch} HTTP/1.1\r\nHost: localhost\r\nAuthorization: apikey k\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n`;
    const before = server.running.core.state.transport.requestTimeouts;
    const result = await exchange(server.running, `${head}${'{"a":1}\n'.repeat(1_000)}`, { end: false, waitMs: 5_000 });
    expect(result.closed).toBe(true);
    const answer = parseAnswer(result.bytes)!;
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body).error.message).toContain('no byte of the request arrived for 0.5 s');
    expect(server.running.core.state.transport.requestTimeouts).toBe(before + 1);
  });
});
