import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path, { posix, win32 } from 'node:path';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestLogLine } from '../../mocks/adapters/http/httpServer.js';
import { startMockServer } from '../../mocks/adapters/http/httpServer.js';
import { encodeBase64 } from '../../mocks/core/base64.js';
import { listOperations } from '../../mocks/spec/specRegistry.js';
import { lbRecord, stackOneCourse } from '../support/csvFixtures.js';
import { runCliProcess } from '../support/cliProcess.js';
import { startServe } from '../support/serverProcess.js';
import { errorMessage, expectStillServing, sendAndCheck } from './support/answerRules.js';
import { fuzzParameters, fuzzTimeoutMs } from './support/fuzzSettings.js';
import { useFuzzServer } from './support/fuzzServer.js';
import { exchange, parseAnswer } from './support/rawHttp.js';
import { pathSegment } from './support/requestArbitraries.js';

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
    const [exposedInsecure, exposedWithToken, local] = await Promise.all([
      serveBanner(['--host', '0.0.0.0', '--insecure-control']),
      serveBanner(['--host', '0.0.0.0', '--control-token', 'ctl-banner-token']),
      serveBanner(['--host', '127.0.0.1']),
    ]);
    expect(exposedInsecure.err).toContain(
      'warning: bound to 0.0.0.0, so other machines can reach this mock and its control API (--insecure-control: no control token)',
    );
    expect(exposedWithToken.err).toContain('warning: bound to 0.0.0.0, so other machines can reach this mock');
    expect(exposedWithToken.err).not.toContain('control token');
    expect(exposedWithToken.out + exposedWithToken.err).not.toContain('ctl-banner-token');
    expect(local.err).not.toContain('warning');
  }, 60_000);

  it('bulkmock serve refuses to start on an address other machines can reach without a control token', async () => {
    const { code, stdout, stderr } = await runCliProcess(['serve', '--port', '0', '--host', '0.0.0.0'], {
      env: { ...process.env, BULKMOCK_CONTROL_TOKEN: '' },
    });
    expect(code).toBe(2);
    expect(stdout).not.toContain('listening');
    expect(stderr).toContain('bound to 0.0.0.0, other machines can reach this mock');
    expect(stderr).toContain(
      'set a control token with --control-token or BULKMOCK_CONTROL_TOKEN, or pass --insecure-control',
    );
    const fromEnv = await serveBanner(['--host', '0.0.0.0'], { ...process.env, BULKMOCK_CONTROL_TOKEN: 'ctl-env' });
    expect(fromEnv.out).toContain('listening on');
  }, 60_000);
});

/** Runs `bulkmock serve` from the sources until it is listening, stops it, and returns what it printed. */
async function serveBanner(args: string[], env?: NodeJS.ProcessEnv): Promise<{ out: string; err: string }> {
  // serve listens for signals before its banner and writes the whole banner, warning included, in
  // one go, so it can be stopped as soon as the banner shows; its exit then carries all it wrote.
  const serve = await startServe(['--log', 'none', ...args], env ? { env } : {});
  const { code, stdout, stderr } = await serve.process.stop();
  if (code !== 0) throw new Error(`serve exited with ${code}: ${stderr}`);
  return { out: stdout, err: stderr };
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

describe('preloaded assets of any name', () => {
  it('bulkmock serve --assets loads a file named __proto__ (and constructor) like any other', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bulkmock-assets-'));
    try {
      await writeFile(path.join(folder, '__proto__'), 'a,b\n');
      await writeFile(path.join(folder, 'constructor'), 'a,b\n');
      await writeFile(path.join(folder, 'plain.csv'), 'a,b\n');
      const { out } = await serveBanner(['--assets', folder]);
      expect(out).toContain('preloaded 3 asset(s)');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the Host header, against DNS rebinding', () => {
  const server = useFuzzServer();
  const ask = (host: string, path = '/__bulkmock/health') =>
    exchange(
      server.running,
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer k\r\nConnection: close\r\n\r\n`,
    ).then((r) => parseAnswer(r.bytes)!);

  it('answers loopback names and IP addresses, with or without a port', async () => {
    for (const host of [
      'localhost',
      'localhost:4010',
      'LOCALHOST',
      'app.localhost:5173',
      '127.0.0.1',
      '127.0.0.1:4010',
      '127.8.9.10',
      '[::1]:4010',
      '192.168.1.20:4010',
      '[fe80::1]',
    ]) {
      expect((await ask(host)).status, host).toBe(200);
    }
  });

  it('refuses any other name with 403 naming --allowed-host, on vendor paths and the control API alike', async () => {
    for (const host of [
      'attacker.example',
      'attacker.example:4010',
      'localhost.attacker.example',
      '127.0.0.1.nip.io',
    ]) {
      for (const path of ['/__bulkmock/health', '/__bulkmock/requests', '/incoming/v2/ping', '/__bulkmock/']) {
        const answer = await ask(host, path);
        expect(answer.status, `${host} ${path}`).toBe(403);
        expect(JSON.parse(answer.body).error.code).toBe('host_not_allowed');
        expect(JSON.parse(answer.body).error.message).toContain(`--allowed-host ${host.split(':')[0]}`);
      }
    }
  });

  it('answers names given with --allowed-host, a leading dot allowing subdomains', async () => {
    const running = await startMockServer({ port: 0, allowedHosts: ['mock.dev.test', '.team.test'] });
    try {
      const ask2 = (host: string) =>
        exchange(running, `GET /__bulkmock/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`).then(
          (r) => parseAnswer(r.bytes)!.status,
        );
      expect(await ask2('mock.dev.test:4010')).toBe(200);
      expect(await ask2('a.team.test')).toBe(200);
      expect(await ask2('team.test')).toBe(200);
      expect(await ask2('other.dev.test')).toBe(403);
    } finally {
      await running.close();
    }
  });
});

describe('cross-origin calls', () => {
  const server = useFuzzServer();
  const call = (path: string, origin: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${server.running.url}${path}`, { method: init.method ?? 'GET', headers: { origin, ...init.headers } });

  it('lets any origin call the vendor endpoints, as the vendors do', async () => {
    const answer = await call('/incoming/v2/ping', 'https://any-site.example', {
      headers: { authorization: 'Bearer k' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('lets loopback origins call the control API, naming the origin, preflights included', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:5173', 'https://localhost', 'http://[::1]:3000']) {
      const answer = await call('/__bulkmock/health', origin);
      expect(answer.status, origin).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('vary')).toContain('origin');
      const preflight = await call('/__bulkmock/assets/a.csv', origin, {
        method: 'OPTIONS',
        headers: { 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  it('refuses the control API to pages of other sites, before doing anything, with 403 naming --cors-origin', async () => {
    const { running } = server;
    await sendAndCheck(running, {
      method: 'PUT',
      path: '/__bulkmock/assets/kept.csv',
      headers: { 'content-type': 'text/csv' },
      body: 'a,b\n',
    });
    for (const origin of [
      'https://evil.example',
      'http://localhost.evil.example',
      'null',
      'http://127.0.0.1.evil.example:5173',
    ]) {
      // A simple request (no preflight) that would reset the mock.
      const reset = await call('/__bulkmock/reset', origin, { method: 'POST' });
      expect(reset.status, origin).toBe(403);
      expect(reset.headers.get('access-control-allow-origin')).toBeNull();
      const body = (await reset.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('origin_not_allowed');
      expect(body.error.message).toContain(`--cors-origin ${origin}`);
      const read = await call('/__bulkmock/requests', origin);
      expect(read.status).toBe(403);
      const preflight = await call('/__bulkmock/reset', origin, {
        method: 'OPTIONS',
        headers: { 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    // Nothing was reset.
    const stillThere = await sendAndCheck(running, {
      method: 'POST',
      path: '/incoming/v2/content/courseGroup/webinar/bulk',
      headers: { authorization: 'Bearer k', ...json },
      body: JSON.stringify({ bulkImportAssetPath: 'kept.csv', dryRun: true }),
    });
    expect(stillThere.status).toBe(422);
  });

  it('lets origins named by --cors-origin call the control API, and the dashboard call its own server', async () => {
    const running = await startMockServer({ port: 0, corsOrigins: ['https://ui.team.test'] });
    try {
      const named = await fetch(`${running.url}/__bulkmock/health`, { headers: { origin: 'https://ui.team.test' } });
      expect(named.status).toBe(200);
      expect(named.headers.get('access-control-allow-origin')).toBe('https://ui.team.test');
      // Same origin: a page served by the mock (the dashboard) posting to it.
      const own = await fetch(`${running.url}/__bulkmock/reset`, { method: 'POST', headers: { origin: running.url } });
      expect(own.status).toBe(200);
    } finally {
      await running.close();
    }
  });
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
    getState: '/__bulkmock/state',
    putState: '/__bulkmock/state',
  };
  /** Operations that take a JSON body (the rest that take one take CSV), and a body each accepts or refuses with 400. */
  const jsonBodies: Record<string, string> = { advanceClock: '{"ms":0}', putState: '{}' };

  it('is required by every /__bulkmock/ operation: missing or wrong gets 401, right passes', async () => {
    const { running } = server;
    const extensions = listOperations().filter((o) => o.extension);
    expect(extensions.map((o) => o.operationId).sort()).toEqual(Object.keys(paths).sort());
    for (const entry of extensions) {
      const request = {
        method: entry.method.toUpperCase(),
        path: paths[entry.operationId]!,
        body: jsonBodies[entry.operationId] ?? (entry.method === 'put' ? 'a,b' : undefined),
      };
      const type =
        entry.operationId in jsonBodies ? json : entry.method === 'put' ? { 'content-type': 'text/csv' } : {};
      for (const sent of [undefined, 'wrong', `${token}x`, token.slice(0, -1), '']) {
        const answer = await sendAndCheck(running, { ...request, headers: { ...type, 'x-bulkmock-token': sent } });
        expect(answer.status, `${entry.operationId} with token ${JSON.stringify(sent)}`).toBe(401);
        // Every control 401 says why, the asset upload and record read-back included.
        expect(errorMessage(answer.body), entry.operationId).toContain('X-Bulkmock-Token');
      }
      const answer = await sendAndCheck(running, { ...request, headers: { ...type, 'x-bulkmock-token': token } });
      expect(answer.status, entry.operationId).toBeLessThan(405);
      expect(answer.status, entry.operationId).not.toBe(401);
    }
  });

  it("says what is missing in the control API's 401", async () => {
    const answer = await sendAndCheck(server.running, { method: 'GET', path: '/__bulkmock/jobs' });
    expect(errorMessage(answer.body)).toContain('X-Bulkmock-Token');
  });
});

describe('credentials are never logged nor shown', () => {
  const lines: RequestLogLine[] = [];
  const server = useFuzzServer({ onRequest: (line) => lines.push(line) });

  it(
    'keeps every credential out of the request log lines, out of GET /__bulkmock/requests, and out of every answer',
    async () => {
      const { running } = server;
      const runs = 100;
      const secret = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/).map((s) => `S3cr3t${s}`);
      const request = fc.record({
        secret,
        where: fc.constantFrom(
          'thought-industries',
          'stackone',
          'learning-builder',
          'token',
          'cookie',
          'proxy',
          'api-key',
          'malformed',
          'Api-Key',
          'X-Auth-Token',
          'X-Session-Id',
          'X-Client-Secret',
          'X-Password',
        ),
        duplicate: fc.boolean(),
        // Credentials in the query string too, under names any API might use.
        inQuery: fc.option(
          fc.constantFrom(
            'api_key',
            'access_token',
            'apikey',
            'ApiKey',
            'token',
            'client_secret',
            'password',
            'sessionId',
            'AUTH',
          ),
        ),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ secret, where, duplicate, inQuery }) => {
          lines.length = 0;
          const headers: Record<string, string> = (
            {
              'thought-industries': { authorization: `Bearer ${secret}` },
              stackone: { authorization: `Basic ${encodeBase64(`${secret}:`)}`, 'x-account-id': 'acme' },
              'learning-builder': { authorization: `apikey ${secret}` },
              token: { 'x-bulkmock-token': secret },
              cookie: { cookie: `session=${secret}` },
              proxy: { 'proxy-authorization': `Basic ${secret}` },
              'api-key': { 'x-api-key': secret },
              malformed: { authorization: `Basic ${secret}!!` },
            } as Record<string, Record<string, string>>
          )[where] ?? { [where]: secret };
          const target = {
            'thought-industries': {
              method: 'POST',
              path: '/incoming/v2/content/certificate-templates/bulk',
              body: JSON.stringify({ templates: [{ title: 'T' }], dryRun: true }),
            },
            stackone: {
              method: 'POST',
              path: '/unified/lms/courses/batch',
              body: JSON.stringify({ items: [stackOneCourse('SEC-1')] }),
            },
            'learning-builder': {
              method: 'POST',
              path: '/API/WorkflowImportQueue/CreateBatch?importProcessId=1',
              body: lbRecord('R-1'),
            },
          }[where as 'stackone'] ?? { method: 'GET', path: '/unified/lms/courses' };
          const type = target.path.startsWith('/API/') ? { 'content-type': 'application/x-ndjson' } : json;
          const sent = {
            ...headers,
            ...type,
            ...(duplicate &&
              headers.authorization && { authorization: `${headers.authorization}, ${headers.authorization}` }),
          };
          const query =
            inQuery === null ? '' : `${target.path.includes('?') ? '&' : '?'}${inQuery}=${secret}&plain=shown`;
          const answer = await sendAndCheck(running, { ...target, path: `${target.path}${query}`, headers: sent });
          const requests = await sendAndCheck(running, { method: 'GET', path: '/__bulkmock/requests?limit=2' });
          const encoded = encodeBase64(`${secret}:`);
          for (const text of [answer.body, JSON.stringify(answer.headers), requests.body, JSON.stringify(lines)]) {
            expect(text).not.toContain(secret);
            expect(text).not.toContain(encoded);
          }
          const entry = (
            JSON.parse(requests.body) as {
              requests: Array<{ path: string; query: string; headers: Record<string, string> }>;
            }
          ).requests[0]!;
          expect(entry.path).toBe(target.path.split('?')[0]);
          if (inQuery !== null) {
            expect(new URLSearchParams(entry.query).get(inQuery)).toBe('[redacted]');
            // Only credential-looking names are hidden.
            expect(new URLSearchParams(entry.query).get('plain')).toBe('shown');
          }
          const logged = entry.headers;
          for (const name of Object.keys(headers))
            if (name !== 'x-account-id') expect(logged[name.toLowerCase()], name).toBe('[redacted]');
          for (const name of ['authorization', 'x-bulkmock-token', 'cookie', 'proxy-authorization', 'x-api-key'])
            if (name in logged) expect(logged[name]).toBe('[redacted]');
        }),
        fuzzParameters(runs),
      );
      await expectStillServing(running);
    },
    fuzzTimeoutMs(100),
  );
});

describe('asset paths cannot leave the asset store', () => {
  const server = useFuzzServer();
  const tiAuth = { authorization: 'Bearer ti-security-key' };
  const importOf = (assetPath: string) =>
    sendAndCheck(server.running, {
      method: 'POST',
      path: '/incoming/v2/content/courseGroup/webinar/bulk',
      headers: { ...tiAuth, ...json },
      body: JSON.stringify({ bulkImportAssetPath: assetPath, dryRun: true }),
    });

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
      // Line terminators the pattern's "." did not match (reproduction 6 of issue 12), and C1 controls.
      'imports%E2%80%A8/../b.csv',
      'imports%E2%80%A9/../b.csv',
      'imports%C2%85/../b.csv',
      'a%E2%80%A8b',
      'a%C2%9Fb',
      // Drive letters and backslashes, raw or encoded.
      'C:%5cwindows',
      'c:/x',
      'D%3A/x',
      'a%5Cb',
    ];
    for (const attempt of attempts) {
      // Raw bytes on the socket: nothing between the test and the server resolves the dot segments.
      const result = await exchange(
        server.running,
        `PUT /__bulkmock/assets/${attempt} HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: 3\r\nConnection: close\r\n\r\na,b`,
        { end: false },
      );
      const answer = parseAnswer(result.bytes)!;
      expect(answer.status, attempt).toBe(400);
      expect(JSON.parse(answer.body).errors[0].code, attempt).toBe('invalid_asset_path');
      expect(JSON.parse(answer.body).errors[0].message, attempt).toMatch(
        /is not a valid asset path: (it|segment \d+) /,
      );
    }
    for (const where of ['etc/passwd', 'b', 'x', 'a/b', 'a', '/etc/passwd', '../../etc/passwd'])
      expect((await importOf(where)).status, where).toBe(404);
  });

  it(
    'stores any path it accepts under exactly that name, with no dot segment, and finds it there',
    async () => {
      const { running } = server;
      const runs = 150;
      const assetPath = fc.array(pathSegment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));
      // Counted so that the checks of a stored name cannot pass by never running.
      let kept = 0;
      await fc.assert(
        fc.asyncProperty(assetPath, async (path) => {
          const stored = await sendAndCheck(running, {
            method: 'PUT',
            path: `/__bulkmock/assets/${path}`,
            headers: { 'content-type': 'text/csv' },
            body: 'a,b\n',
          });
          if (stored.status !== 201) return;
          kept += 1;
          const name = (JSON.parse(stored.body) as { bulkImportAssetPath: string }).bulkImportAssetPath;
          expect(
            name.split('/').filter((segment) => segment === '.' || segment === '..' || segment === ''),
            name,
          ).toEqual([]);
          // No backslash and no control character (C0, DEL or C1).
          expect(name).not.toMatch(/[\\\p{Cc}]/u);
          // Found under the name it was given: the header is wrong for a webinar file, so 422, not 404.
          expect((await importOf(name)).status, name).toBe(422);
        }),
        fuzzParameters(runs),
      );
      expect(kept, 'generated paths the mock stored and the test read back').toBeGreaterThan(0);
      await expectStillServing(running);
    },
    fuzzTimeoutMs(150),
  );

  it(
    'reads back any path of arbitrary Unicode it accepts under the same name, and accepts none that could leave the store',
    async () => {
      const { running } = server;
      const segment = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 6 }),
        fc.string({ unit: 'grapheme', maxLength: 4 }),
        fc.constantFrom('.', '..', '', 'a', 'b.csv', '\u2028', '\u2029', '\u0085', 'C:', '\\', '\u0000', '%2e'),
      );
      const assetPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));
      // Every byte of every segment percent-encoded: the server decodes once and sees exactly the text.
      const encode = (text: string) =>
        text
          .split('/')
          .map((part) => [...new TextEncoder().encode(part)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''))
          .join('/');
      // Counted so that the checks of a stored name cannot pass by never running.
      let kept = 0;
      await fc.assert(
        fc.asyncProperty(assetPath, async (path) => {
          const sent = new TextDecoder().decode(new TextEncoder().encode(path));
          const stored = await sendAndCheck(running, {
            method: 'PUT',
            path: `/__bulkmock/assets/${encode(path)}`,
            headers: { 'content-type': 'text/csv' },
            body: 'a,b\n',
          });
          // An empty path names no asset route at all.
          expect(path === '' ? [404] : [201, 400], sent).toContain(stored.status);
          if (stored.status !== 201) return;
          kept += 1;
          const name = (JSON.parse(stored.body) as { bulkImportAssetPath: string }).bulkImportAssetPath;
          expect(name).toBe(sent);
          // Nothing any file system or URL resolver would read as another place.
          expect(posix.normalize(name)).toBe(name);
          expect(posix.isAbsolute(name) || win32.isAbsolute(name) || /^[A-Za-z]:/.test(name)).toBe(false);
          expect(name.split('/').some((part) => part === '' || part === '.' || part === '..')).toBe(false);
          expect(name).not.toMatch(/[\\\p{Cc}\u2028\u2029]/u);
          expect(name).not.toMatch(/\p{Cs}/u);
          expect((await importOf(name)).status, name).toBe(422);
        }),
        fuzzParameters(200),
      );
      expect(kept, 'generated paths the mock stored and the test read back').toBeGreaterThan(0);
      await expectStillServing(running);
    },
    fuzzTimeoutMs(200),
  );
});
