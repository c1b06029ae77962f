import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestLogLine } from '../../mocks/adapters/http/httpServer.js';
import { startMockServer } from '../../mocks/adapters/http/httpServer.js';
import { encodeBase64 } from '../../mocks/core/base64.js';
import { listOperations } from '../../mocks/spec/specRegistry.js';
import { lbRecord, stackOneCourse } from '../support/csvFixtures.js';
import { errorMessage, expectStillServing, sendAndCheck } from './support/answerRules.js';
import { fuzzParameters, fuzzTimeoutMs } from './support/fuzzSettings.js';
import { useFuzzServer } from './support/fuzzServer.js';
import { exchange, parseAnswer } from './support/rawHttp.js';
import { pathSegment } from './support/requestArbitraries.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const json = { 'content-type': 'application/json' };

describe('binding', () => {
  it('listens on 127.0.0.1 unless told otherwise', async () => {
    const running = await startMockServer({ port: 0 });
    try {
      expect((running.server.address() as AddressInfo).address).toBe('127.0.0.1');
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await running.close();
    }
  });

  it('bulkmock serve warns when bound to an address other machines can reach, and not on loopback', async () => {
    const [exposed, exposedWithToken, local] = await Promise.all([
      serveBanner(['--host', '0.0.0.0']),
      serveBanner(['--host', '0.0.0.0', '--control-token', 'ctl-banner-token']),
      serveBanner(['--host', '127.0.0.1']),
    ]);
    expect(exposed.err).toContain('warning: bound to 0.0.0.0, so other machines can reach this mock and its control API (set --control-token)');
    expect(exposedWithToken.err).toContain('warning: bound to 0.0.0.0, so other machines can reach this mock');
    expect(exposedWithToken.err).not.toContain('set --control-token');
    expect(exposedWithToken.out + exposedWithToken.err).not.toContain('ctl-banner-token');
    expect(local.err).not.toContain('warning');
  }, 60_000);
});

/** Runs `bulkmock serve` from the sources until it is listening, stops it, and returns what it printed. */
function serveBanner(args: string[]): Promise<{ out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/run.ts', 'serve', '--port', '0', '--log', 'none', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let stopping = false;
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      // serve listens for signals before its banner and writes the whole banner, warning included, in
      // one go, so it can be stopped as soon as the banner shows; 'close' then has all it wrote.
      // One SIGTERM only: a second one ends serve at once.
      if (!stopping && out.includes('Control API')) {
        stopping = true;
        child.kill('SIGTERM');
      }
    });
    // 'close', not 'exit': only then has everything the child wrote been read.
    child.once('close', (code) => (code === 0 ? resolve({ out, err }) : reject(new Error(`serve exited with ${code}: ${err}`))));
  });
}

describe('preloaded assets', () => {
  it('bulkmock serve --assets reads the files inside the folder only, skipping symbolic links that lead out of it', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bulkmock-assets-'));
    const outside = await mkdtemp(path.join(tmpdir(), 'bulkmock-outside-'));
    try {
      await mkdir(path.join(folder, 'imports'));
      await writeFile(path.join(folder, 'imports', 'inside.csv'), 'a,b\n');
      await writeFile(path.join(outside, 'secret.csv'), 'secret\n');
      await symlink(path.join(outside, 'secret.csv'), path.join(folder, 'imports', 'link.csv'));
      await symlink(outside, path.join(folder, 'outside'));
      const { out } = await serveBanner(['--assets', folder]);
      expect(out).toContain('preloaded 1 asset(s)');
    } finally {
      await rm(folder, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the control token', () => {
  const token = 'ctl-7Hq2-sekret';
  const server = useFuzzServer({ mock: { controlToken: token } });
  const paths: Record<string, string> = {
    getHealth: '/__bulkmock/health',
    resetMock: '/__bulkmock/reset',
    listJobs: '/__bulkmock/jobs',
    getJob: '/__bulkmock/jobs/8a2d4e61-0b3c-4f5a-9e87-1c2d3e4f5a6b',
    advanceClock: '/__bulkmock/clock/advance',
    listRequests: '/__bulkmock/requests',
    getSettings: '/__bulkmock/settings',
    getFidelityReport: '/__bulkmock/fidelity',
    uploadImportAsset: '/__bulkmock/assets/token/a.csv',
    listImportedRecords: '/__bulkmock/thought-industries/records/webinars',
    getQueueBatchDetails: '/__bulkmock/learning-builder/batches/8a2d4e61-0b3c-4f5a-9e87-1c2d3e4f5a6b',
  };

  it('is required by every /__bulkmock/ operation: missing or wrong gets 401, right passes', async () => {
    const { running } = server;
    const extensions = listOperations().filter((o) => o.extension);
    expect(extensions.map((o) => o.operationId).sort()).toEqual(Object.keys(paths).sort());
    for (const entry of extensions) {
      const request = { method: entry.method.toUpperCase(), path: paths[entry.operationId]!, body: entry.operationId === 'advanceClock' ? '{"ms":0}' : entry.method === 'put' ? 'a,b' : undefined };
      const type = entry.operationId === 'advanceClock' ? json : entry.method === 'put' ? { 'content-type': 'text/csv' } : {};
      for (const sent of [undefined, 'wrong', `${token}x`, token.slice(0, -1), '']) {
        const answer = await sendAndCheck(running, { ...request, headers: { ...type, 'x-bulkmock-token': sent } });
        expect(answer.status, `${entry.operationId} with token ${JSON.stringify(sent)}`).toBe(401);
      }
      const answer = await sendAndCheck(running, { ...request, headers: { ...type, 'x-bulkmock-token': token } });
      expect(answer.status, entry.operationId).toBeLessThan(405);
      expect(answer.status, entry.operationId).not.toBe(401);
    }
  });

  it('says what is missing in the control API\'s 401', async () => {
    const answer = await sendAndCheck(server.running, { method: 'GET', path: '/__bulkmock/jobs' });
    expect(errorMessage(answer.body)).toContain('X-Bulkmock-Token');
  });
});

describe('credentials are never logged nor shown', () => {
  const lines: RequestLogLine[] = [];
  const server = useFuzzServer({ onRequest: (line) => lines.push(line) });

  it('keeps every credential out of the request log lines, out of GET /__bulkmock/requests, and out of every answer', async () => {
    const { running } = server;
    const runs = 100;
    const secret = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/).map((s) => `S3cr3t${s}`);
    const request = fc.record({
      secret,
      where: fc.constantFrom('thought-industries', 'stackone', 'learning-builder', 'token', 'cookie', 'proxy', 'api-key', 'malformed'),
      duplicate: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ secret, where, duplicate }) => {
        lines.length = 0;
        const headers: Record<string, string> = {
          'thought-industries': { authorization: `Bearer ${secret}` },
          stackone: { authorization: `Basic ${encodeBase64(`${secret}:`)}`, 'x-account-id': 'acme' },
          'learning-builder': { authorization: `apikey ${secret}` },
          token: { 'x-bulkmock-token': secret },
          cookie: { cookie: `session=${secret}` },
          proxy: { 'proxy-authorization': `Basic ${secret}` },
          'api-key': { 'x-api-key': secret },
          malformed: { authorization: `Basic ${secret}!!` },
        }[where];
        const target = {
          'thought-industries': { method: 'POST', path: '/incoming/v2/content/certificate-templates/bulk', body: JSON.stringify({ templates: [{ title: 'T' }], dryRun: true }) },
          stackone: { method: 'POST', path: '/unified/lms/courses/batch', body: JSON.stringify({ items: [stackOneCourse('SEC-1')] }) },
          'learning-builder': { method: 'POST', path: '/API/WorkflowImportQueue/CreateBatch?importProcessId=1', body: lbRecord('R-1') },
        }[where as 'stackone'] ?? { method: 'GET', path: '/unified/lms/courses' };
        const type = target.path.startsWith('/API/') ? { 'content-type': 'application/x-ndjson' } : json;
        const sent = { ...headers, ...type, ...(duplicate && headers.authorization && { authorization: `${headers.authorization}, ${headers.authorization}` }) };
        const answer = await sendAndCheck(running, { ...target, headers: sent });
        const requests = await sendAndCheck(running, { method: 'GET', path: '/__bulkmock/requests?limit=2' });
        const encoded = encodeBase64(`${secret}:`);
        for (const text of [answer.body, JSON.stringify(answer.headers), requests.body, JSON.stringify(lines)]) {
          expect(text).not.toContain(secret);
          expect(text).not.toContain(encoded);
        }
        const entry = (JSON.parse(requests.body) as { requests: Array<{ path: string; headers: Record<string, string> }> }).requests[0]!;
        expect(entry.path).toBe(target.path.split('?')[0]);
        const logged = entry.headers;
        for (const name of ['authorization', 'x-bulkmock-token', 'cookie', 'proxy-authorization', 'x-api-key']) if (name in logged) expect(logged[name]).toBe('[redacted]');
      }),
      fuzzParameters(runs),
    );
    await expectStillServing(running);
  }, fuzzTimeoutMs(100));
});

describe('asset paths cannot leave the asset store', () => {
  const server = useFuzzServer();
  const tiAuth = { authorization: 'Bearer ti-security-key' };
  const importOf = (assetPath: string) =>
    sendAndCheck(server.running, { method: 'POST', path: '/incoming/v2/content/courseGroup/webinar/bulk', headers: { ...tiAuth, ...json }, body: JSON.stringify({ bulkImportAssetPath: assetPath, dryRun: true }) });

  it('refuses every spelling of a dot segment, raw or percent-encoded, with 400 invalid_asset_path, and stores nothing', async () => {
    const attempts = [
      '../../etc/passwd',
      'a/../../b',
      'a/./b',
      '.',
      '..',
      '%2e%2e/x',
      '%2E%2E%2Fx',
      '..%2fx',
      'a/%2e%2e/b',
      '%ZZ/%2e%2e/x',
      'a%5c..%5cb',
      'a%00b',
      '%2Fetc%2Fpasswd',
      'a//b',
      'a/',
    ];
    for (const attempt of attempts) {
      // Raw bytes on the socket: nothing between the test and the server resolves the dot segments.
      const result = await exchange(server.running, `PUT /__bulkmock/assets/${attempt} HTTP/1.1\r\nHost: mock\r\nContent-Type: text/csv\r\nContent-Length: 3\r\nConnection: close\r\n\r\na,b`, { end: false });
      const answer = parseAnswer(result.bytes)!;
      expect(answer.status, attempt).toBe(400);
      expect(JSON.parse(answer.body).errors[0].code, attempt).toBe('invalid_asset_path');
    }
    for (const where of ['etc/passwd', 'b', 'x', 'a/b', 'a', '/etc/passwd', '../../etc/passwd']) expect((await importOf(where)).status, where).toBe(404);
  });

  it('stores any path it accepts under exactly that name, with no dot segment, and finds it there', async () => {
    const { running } = server;
    const runs = 150;
    const assetPath = fc.array(pathSegment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));
    await fc.assert(
      fc.asyncProperty(assetPath, async (path) => {
        const stored = await sendAndCheck(running, { method: 'PUT', path: `/__bulkmock/assets/${path}`, headers: { 'content-type': 'text/csv' }, body: 'a,b\n' });
        if (stored.status !== 201) return;
        const name = (JSON.parse(stored.body) as { bulkImportAssetPath: string }).bulkImportAssetPath;
        expect(name.split('/').filter((segment) => segment === '.' || segment === '..' || segment === ''), name).toEqual([]);
        expect(name).not.toMatch(/[\\\x00-\x1f\x7f]/);
        // Found under the name it was given: the header is wrong for a webinar file, so 422, not 404.
        expect((await importOf(name)).status, name).toBe(422);
      }),
      fuzzParameters(runs),
    );
    await expectStillServing(running);
  }, fuzzTimeoutMs(150));
});
