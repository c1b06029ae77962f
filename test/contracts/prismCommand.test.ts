import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { parseCommand } from '../../cli/command.js';
import { createPrismCommand, prismBinary, prismListening, prismMissingMessage } from '../../cli/commands/prism.js';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { runCli } from '../support/cliOutput.js';
import { spawnCli, type CliProcess } from '../support/cliProcess.js';
import { useTempDir } from '../support/tempDir.js';

const stackOneAuth = {
  authorization: `Basic ${Buffer.from('contract-test-key:').toString('base64')}`,
  'x-account-id': 'contract-account',
};

describe('bulkmock prism: usage', () => {
  it.each([
    [['prism'], 'say mock or proxy'],
    [['prism', 'serve', 'stackone'], 'unknown prism mode "serve"; use mock or proxy'],
    [['prism', 'mock'], 'name the vendor: bulkmock prism mock <thought-industries|stackone|learning-builder>'],
    [['prism', 'mock', 'moodle'], 'unknown vendor "moodle"'],
    [['prism', 'mock', 'stackone', 'http://127.0.0.1:4010'], 'unexpected argument "http://127.0.0.1:4010"'],
    [['prism', 'proxy', 'stackone'], 'prism proxy needs the upstream URL'],
    [['prism', 'proxy', 'stackone', 'ftp://files.example.com'], 'the upstream must be an http or https URL'],
    [['prism', 'mock', 'stackone', '--port', 'any'], '--port must be a whole number from 0 to 65535'],
  ])('exits 2 for %j', async (args, reason) => {
    const { code, stderr: err } = await runCli(args);
    expect(code).toBe(2);
    expect(err).toContain(reason);
  });
});

describe('bulkmock prism without Prism installed (an optional peer dependency)', () => {
  const emptyProject = useTempDir('no-prism');
  // Resolution from a folder with no node_modules: what a project that never installed Prism sees.
  const resolveFromEmptyProject = (specifier: string) =>
    createRequire(emptyProject.file('index.js')).resolve(specifier);

  it('says in one line how to install it', async () => {
    expect(() => prismBinary(resolveFromEmptyProject)).toThrow(prismMissingMessage);
    expect(prismMissingMessage).not.toContain('\n');
    expect(prismMissingMessage).toContain('npm i -D @stoplight/prism-cli');
    const command = createPrismCommand(resolveFromEmptyProject);
    const output = { out: () => undefined, err: () => undefined, isTTY: false };
    await expect(command.run(parseCommand(command, ['mock', 'stackone', '--port', '0']), output)).rejects.toThrow(
      prismMissingMessage,
    );
  });

  it('finds it where bulkmock is installed with it', () => {
    expect(prismBinary()).toMatch(/@stoplight[\\/]prism-cli/);
  });
});

describe('bulkmock prism: running Prism', () => {
  let upstream: RunningServer;
  let mock: CliProcess;
  let proxy: CliProcess;
  let mockUrl: string;
  let proxyUrl: string;
  beforeAll(async () => {
    upstream = await startMockServer({ port: 0, mock: { timing: { mode: 'instant' } } });
    mock = spawnCli(['prism', 'mock', 'stackone', '--port', '0']);
    proxy = spawnCli(['prism', 'proxy', 'stackone', upstream.url, '--port', '0']);
    // Prism takes seconds to start, many more on a busy 2-core machine (as in support/prismProcess.ts).
    [mockUrl, proxyUrl] = await Promise.all([
      prismListening(mock.child, 100_000),
      prismListening(proxy.child, 100_000),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([mock.stop(), proxy.stop(), upstream.close()]);
  });

  it('mock answers the vendor spec from its examples', async () => {
    const response = await fetch(`${mockUrl}/unified/lms/courses`, { headers: stackOneAuth });
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { data: Array<{ external_reference: string }> }).data[0]!.external_reference,
    ).toBe('PLAT-ENG-K8S-101');
  });

  it('proxy forwards to the upstream and flags traffic outside the spec', async () => {
    const listed = await fetch(`${proxyUrl}/unified/lms/courses`, { headers: stackOneAuth });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ next: null, data: [] });
    const log = (await (await fetch(`${upstream.url}/__bulkmock/requests`)).json()) as {
      requests: Array<{ path: string }>;
    };
    expect(log.requests.map((r) => r.path)).toContain('/unified/lms/courses');
    const outside = await fetch(`${proxyUrl}/unified/lms/courses?page_size=0`, { headers: stackOneAuth });
    expect(outside.headers.get('sl-violations')).toContain('page_size');
  });

  it('passes SIGTERM on to Prism and exits 0 once Prism has stopped', async () => {
    expect((await mock.stop()).code).toBe(0);
    await expect(fetch(`${mockUrl}/unified/lms/courses`, { headers: stackOneAuth })).rejects.toThrow();
  });
});
