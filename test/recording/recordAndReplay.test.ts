import { readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../mocks/adapters/http/httpServer.js';
import { setupBulkmockServer } from '../../mocks/adapters/msw/node.js';
import type { HarLog } from '../../mocks/replay/har.js';
import { encodingsOf, runFullImports, type SeenExchange } from './importClients.js';
import { recordFullImports, type FullRecording } from './recordFullImports.js';
import { standInKeys, startStandInPlatform, type StandInPlatform } from './standInPlatform.js';

let dir: string;
let standIn: StandInPlatform;
let har: HarLog;
let recordings: FullRecording['recordings'];
let harText: string;
let live: SeenExchange[];
const logged: string[] = [];

beforeAll(async () => {
  standIn = await startStandInPlatform();
  const recorded = await recordFullImports(standIn);
  ({ dir, recordings, live } = recorded);
  logged.push(...recorded.logged);
  harText = (await Promise.all(recordings.map((r) => readFile(r.file, 'utf8')))).join('\n');
  // The three recordings in the order the client ran them, as one list of entries.
  har = { log: { ...recordings[0]!.har.log, entries: recordings.flatMap((r) => r.har.log.entries) } };
});
afterAll(async () => {
  await standIn.close();
  await rm(dir, { recursive: true, force: true });
});

describe('recording through the proxy', () => {
  it('forwards every request unchanged and hands every answer back as the platform sent it', () => {
    expect(standIn.received.map((r) => `${r.method} ${r.url}`)).toEqual(live.map((e) => `${e.method} ${e.path}`));
    const ti = standIn.received[0]!;
    expect(ti.headers.authorization).toBe(`Bearer ${standInKeys.thoughtIndustries}`);
    expect(live.map((e) => e.status)).toEqual([200, 200, 200, 200, 202, 429, 200, 200, 200]);
    har.log.entries.forEach((entry, i) =>
      expect(entry.response.content.text, `entry ${i}`).toBe(
        live[i]!.body.replace('session-secret-0451', '[redacted]'),
      ),
    );
  });

  it('writes a valid HAR 1.2 with one entry per exchange, in order', () => {
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBe('bulkmock');
    expect(har.log.entries).toHaveLength(live.length);
    expect(recordings.map((r) => r.har.log.entries.length)).toEqual([4, 3, 2]);
    for (const entry of har.log.entries) {
      expect(Number.isNaN(Date.parse(entry.startedDateTime))).toBe(false);
      expect(entry.time).toBeGreaterThanOrEqual(0);
      expect(entry).toHaveProperty('cache');
      expect(Object.keys(entry.timings).sort()).toEqual(['receive', 'send', 'wait']);
      expect(entry.request.httpVersion).toMatch(/^HTTP\/1\.[01]$/);
    }
  });

  it('keeps no credential in the HAR, in any encoding', () => {
    for (const secret of [...Object.values(standInKeys), 'session-secret-0451']) {
      for (const form of encodingsOf(secret)) expect(harText.includes(form), `${secret} as ${form}`).toBe(false);
    }
    const lb = har.log.entries[7]!;
    expect(lb.request.headers.find((h) => h.name === 'authorization')?.value).toBe('apikey [redacted]');
    expect(lb.request.headers.find((h) => h.name === 'X-API-Key')?.value).toBe('[redacted]');
    expect(lb.request.queryString.find((q) => q.name === 'api_key')?.value).toBe('[redacted]');
    expect(lb.request.postData?.text).toContain('sent with key=[redacted]');
    expect(har.log.entries[4]!.request.headers.find((h) => h.name === 'authorization')?.value).toBe('Basic [redacted]');
  });

  it('validates each exchange as it passes: violations are printed and kept in the entry comment', () => {
    expect(har.log.entries[1]!.comment).toMatch(/status must be one of/);
    expect(har.log.entries[4]!.comment).toMatch(/statusCode must be an integer/);
    expect(logged.some((line) => line.includes('! response /data/APIBackgroundJob/status'))).toBe(true);
    expect(har.log.entries[0]!.comment).toBeUndefined();
  });
});

/** The timestamps the platform stamps on each answer are the volatile fields. */
function withoutTimestamps(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>');
}

function expectReplayed(replayed: SeenExchange[]) {
  expect(replayed.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(
    live.map((e) => `${e.method} ${e.path} ${e.status}`),
  );
  replayed.forEach((exchange, i) => {
    expect(exchange.body, `exchange ${i}`).toBe(har.log.entries[i]!.response.content.text);
    expect(withoutTimestamps(exchange.body)).toBe(withoutTimestamps(live[i]!.body));
    expect(exchange.contentType).toBe(live[i]!.contentType);
  });
}

describe('replaying the recording', () => {
  it("plays every vendor's import back through the server, job polls in their recorded order", async () => {
    const server = await startMockServer({ port: 0, mock: { timing: { mode: 'instant' }, replay: { recordings } } });
    try {
      // Another run: the records carry another completion date (volatile), and still match.
      expectReplayed(await runFullImports(server.url, '2026-12-24T08:30:00Z'));
    } finally {
      await server.close();
    }
  });

  it('plays it back through the MSW adapter in Node (setupServer)', async () => {
    const { server } = setupBulkmockServer({ replay: recordings, origin: 'http://platform.test' });
    server.listen({ onUnhandledRequest: 'error' });
    try {
      expectReplayed(await runFullImports('http://platform.test', '2027-01-02T00:00:00Z'));
    } finally {
      server.close();
    }
  });

  it('repeats the last answer of a sequence once it has played, and starts again after a reset', async () => {
    const server = await startMockServer({ port: 0, mock: { timing: { mode: 'instant' }, replay: { recordings } } });
    try {
      const jobPath = live[1]!.path;
      const auth = { authorization: `Bearer ${standInKeys.thoughtIndustries}` };
      const status = async () =>
        (
          (await (await fetch(`${server.url}${jobPath}`, { headers: auth })).json()) as {
            data: { APIBackgroundJob: { status: string } };
          }
        ).data.APIBackgroundJob.status;
      expect([await status(), await status(), await status(), await status()]).toEqual([
        'pending',
        'processing',
        'complete',
        'complete',
      ]);
      await fetch(`${server.url}/__bulkmock/reset`, { method: 'POST' });
      expect(await status()).toBe('pending');
    } finally {
      await server.close();
    }
  });

  it('leaves a request no recording matches to the simulation, or answers 404 naming the closest recording with only', async () => {
    const mixed = await startMockServer({ port: 0, mock: { timing: { mode: 'instant' }, replay: recordings } });
    const only = await startMockServer({
      port: 0,
      mock: { timing: { mode: 'instant' }, replay: { recordings, only: true } },
    });
    try {
      const batch = {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('other:').toString('base64')}`,
          'x-account-id': 'acme',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ items: [{ external_reference: 'OTHER-1', title: 'Other' }] }),
      };
      const simulated = await fetch(`${mixed.url}/unified/lms/courses/batch`, batch);
      expect(simulated.status).toBe(202);
      expect(simulated.headers.get('x-bulkmock-replay')).toBeNull();
      expect(((await simulated.json()) as { statusCode: unknown }).statusCode).toBe(202);

      const refused = await fetch(`${only.url}/unified/lms/courses/batch`, batch);
      expect(refused.status).toBe(404);
      const message = ((await refused.json()) as { error: { message: string } }).error.message;
      expect(message).toContain('the closest recording is stackone.har#0: POST /unified/lms/courses/batch');
      expect(message).toContain('differs in body');
    } finally {
      await mixed.close();
      await only.close();
    }
  });
});
