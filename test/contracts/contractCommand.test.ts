import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listChecks } from '../../contracts/index.js';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { vendors } from '../../mocks/spec/specRegistry.js';
import { runCli } from '../support/cliOutput.js';
import { useTempDir } from '../support/tempDir.js';
import { defects, startBrokenBackend, type BrokenBackend } from './support/brokenBackend.js';
import { findAll, parseXml } from './support/xmlDocument.js';

let server: RunningServer;
let broken: BrokenBackend;
let echoing: BrokenBackend;
const dir = useTempDir('contract');
beforeAll(async () => {
  [server, broken, echoing] = await Promise.all([
    startMockServer({ port: 0, mock: { timing: { mode: 'instant' } } }),
    startBrokenBackend(defects.wrongStatus()),
    startBrokenBackend(defects.echoCredentials()),
  ]);
});
afterAll(async () => {
  await Promise.all([server.close(), broken.close(), echoing.close()]);
});

describe('bulkmock contract', () => {
  it('checks every vendor when --vendor is absent, exiting 0 and writing JUnit that names every check', async () => {
    const file = dir.file('reports', 'contract.xml');
    const args = ['contract', '--target', server.url, '--reporter', 'junit', '--out', file];
    const { code, stdout: out } = await runCli(args);
    expect(code).toBe(0);
    expect(out).toContain('PASSED: every applicable check passed');
    expect(out).toContain(`wrote the junit report to ${file}`);
    const document = parseXml(await readFile(file, 'utf8'));
    const suites = findAll(document, 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual([...vendors]);
    suites.forEach((suite, i) => {
      const names = findAll(suite, 'testcase').map((c) => c.attributes.name);
      expect(names).toEqual(['the target answers and can be tested', ...listChecks(vendors[i]!).map((c) => c.name)]);
    });
  });

  it('exits 1 when a check fails, and says which and why', async () => {
    const { code, stdout: out } = await runCli(['contract', '--vendor', 'stackone', '--target', broken.url]);
    expect(code).toBe(1);
    expect(out).toContain('FAIL  a batch upsert answers 202 with BatchResult');
    expect(out).toContain('batchUpsertCourses does not document status 200');
    expect(out).toContain('FAILED: stackone');
  });

  it('exits 1 with a clear message when the target cannot be reached', async () => {
    const closed = await startMockServer({ port: 0 });
    await closed.close();
    const { code, stdout: out } = await runCli(['contract', '--vendor', 'learning-builder', '--target', closed.url]);
    expect(code).toBe(1);
    expect(out).toMatch(
      /FAIL {2}the target answers and can be tested \[connection\] \d+ ms\n {8}- the target could not be reached: GET http:\/\/127\.0\.0\.1:\d+\/__bulkmock\/health failed \(fetch failed: ECONNREFUSED\)/,
    );
    expect(out).toContain(
      'SKIP  CreateBatch answers CreateBatchResult [schema]: the target cannot be tested (see the connection check)',
    );
  });

  it('reads credentials from the environment and never prints them', async () => {
    const secret = 'ti_live_Zr82kQp0Vx61';
    process.env.BULKMOCK_TI_API_KEY = secret;
    try {
      const {
        code,
        stdout: out,
        stderr: err,
      } = await runCli(['contract', '--vendor', 'thought-industries', '--target', echoing.url, '--reporter', 'json']);
      expect(code).toBe(1);
      expect(out).toContain('[redacted]');
      expect(`${out}${err}`).not.toContain(secret);
      // stdout holds the JSON alone; the summary for people goes to stderr.
      expect(JSON.parse(out)).toMatchObject({ ok: false });
      expect(err).toContain('FAILED: thought-industries');
    } finally {
      delete process.env.BULKMOCK_TI_API_KEY;
    }
  });

  it.each([
    [
      ['contract', '--target', 'http://127.0.0.1:4010', '--api-key', 'k'],
      '--api-key applies to one vendor (name it with --vendor)',
    ],
    [
      ['contract', '--vendor', 'moodle', '--target', 'http://127.0.0.1:4010'],
      '--vendor must be one of thought-industries, stackone, learning-builder, got "moodle"',
    ],
    [['contract', '--vendor', 'stackone'], '--target is required'],
    [
      ['contract', '--vendor', 'stackone', '--target', '127.0.0.1:4010'],
      '--target: the target "127.0.0.1:4010" is not a URL; give one such as http://127.0.0.1:4010',
    ],
    [
      ['contract', '--vendor', 'stackone', '--target', 'ftp://127.0.0.1'],
      '--target: the target must be an http or https URL, got ftp:',
    ],
    [
      ['contract', '--vendor', 'stackone', '--target', 'http://127.0.0.1:4010', '--reporter', 'xml'],
      '--reporter must be one of pretty, json, junit',
    ],
    [
      ['contract', '--vendor', 'stackone', '--target', 'http://127.0.0.1:4010', '--timeout', '0'],
      '--timeout must be a whole number from 1 to 3600',
    ],
    [
      [
        'contract',
        '--vendor',
        'stackone',
        '--vendor',
        'learning-builder',
        '--target',
        'http://127.0.0.1:4010',
        '--api-key',
        'k',
      ],
      '--api-key applies to one vendor',
    ],
    [
      ['contract', '--vendor', 'stackone', '--target', 'http://127.0.0.1:4010', '--target-kind', 'real'],
      '--target-kind must be one of auto, bulkmock, prism, vendor',
    ],
  ])('exits 2 for a usage error: %j', async (args, reason) => {
    const { code, stderr: err } = await runCli(args);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(reason);
  });
});
