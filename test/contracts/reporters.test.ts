import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJson, formatJunit, formatPretty, runContractSuite, type ContractReport } from '../../contracts/index.js';
import { defects, startBrokenBackend, type BrokenBackend } from './support/brokenBackend.js';
import { findAll, parseXml } from './support/xmlDocument.js';

const apiKey = 'sk_live_7Hq2xZv9Wq81LmT3';
const accountId = 'acct-88127-Qv4Ks';
const basic = Buffer.from(`${apiKey}:`).toString('base64');

let healthy: BrokenBackend;
let echoing: BrokenBackend;
let reports: ContractReport[];
let leaked: ContractReport[];
beforeAll(async () => {
  [healthy, echoing] = await Promise.all([startBrokenBackend({}), startBrokenBackend(defects.echoCredentials())]);
  reports = await Promise.all([
    runContractSuite({ vendor: 'thought-industries', target: healthy.url, timeoutMs: 5_000 }),
    // Skips of every kind: no extensions, so several checks are skipped with their reason.
    runContractSuite({
      vendor: 'learning-builder',
      target: healthy.url,
      timeoutMs: 5_000,
      options: { targetKind: 'vendor' },
    }),
  ]);
  // A backend that echoes the credentials into error bodies, which end up in failure messages.
  leaked = await Promise.all([
    runContractSuite({ vendor: 'thought-industries', target: echoing.url, credentials: { apiKey }, timeoutMs: 5_000 }),
    runContractSuite({ vendor: 'stackone', target: echoing.url, credentials: { apiKey, accountId }, timeoutMs: 5_000 }),
  ]);
});
afterAll(async () => {
  await Promise.all([healthy.close(), echoing.close()]);
});

describe('the JUnit reporter', () => {
  it('writes well-formed XML with one testsuite per vendor and one testcase per check', () => {
    const document = parseXml(formatJunit([...reports, ...leaked]));
    expect(document.name).toBe('testsuites');
    const suites = findAll(document, 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual([
      'thought-industries',
      'learning-builder',
      'thought-industries',
      'stackone',
    ]);
    suites.forEach((suite, i) => {
      const report = [...reports, ...leaked][i]!;
      const cases = findAll(suite, 'testcase');
      expect(cases.map((c) => c.attributes.name)).toEqual(report.checks.map((c) => c.name));
      expect(new Set(cases.map((c) => c.attributes.classname))).toEqual(new Set([report.vendor]));
      expect(suite.attributes).toMatchObject({
        tests: String(report.checks.length),
        failures: String(report.summary.failed),
        skipped: String(report.summary.skipped),
      });
    });
  });

  it('gives a failure its problems and a skip its reason', () => {
    const document = parseXml(formatJunit([reports[1]!, leaked[0]!]));
    const skipped = findAll(document, 'skipped').map((s) => s.attributes.message);
    expect(skipped).toContain('needs bulkmock extension: getQueueBatchDetails');
    const failure = findAll(document, 'failure')[0]!;
    expect(failure.attributes.message).toMatch(/^ping: a ping with a valid key answered 500, expected 200/);
    expect(failure.attributes.type).toBe('contract');
  });

  it('escapes markup, quotes and line breaks, and drops characters XML cannot hold', () => {
    const nasty = 'a <b> & "c" \'d\' ]]> e\nf\u0000g\u001bh\ud800i';
    const report: ContractReport = {
      ...reports[0]!,
      checks: [
        {
          id: 'x.y',
          name: nasty,
          kind: 'behaviour',
          labels: [],
          status: 'failed',
          problems: [{ message: nasty, value: nasty }],
          durationMs: 1,
        },
      ],
      summary: { total: 1, passed: 0, failed: 1, skipped: 0, warnings: 0 },
    };
    const document = parseXml(formatJunit([report]));
    const [testcase] = findAll(document, 'testcase');
    expect(testcase!.attributes.name).toBe('a <b> & "c" \'d\' ]]> e\nfghi');
    expect(findAll(document, 'failure')[0]!.text).toContain('a <b> & "c" \'d\' ]]> e\nfghi');
  });
});

describe('the pretty and JSON reporters', () => {
  it('sum up passed, failed and skipped checks, with the reason of each skip', () => {
    const text = formatPretty(reports);
    expect(text).toContain('thought-industries: 24 checks, 24 passed, 0 failed, 0 skipped, 0 warnings');
    expect(text).toMatch(
      /SKIP {2}the batch details page answers QueueBatchDetails \[schema, extension, writes\]: needs bulkmock extension: getQueueBatchDetails/,
    );
    expect(text.trimEnd().endsWith('PASSED: every applicable check passed')).toBe(true);
    expect(formatPretty(leaked)).toMatch(
      /FAIL {2}ping answers PingResult \[schema\] \d+ ms\n {8}- ping: a ping with a valid key answered 500, expected 200/,
    );
  });

  it('gives JSON that parses back to the reports', () => {
    const parsed = JSON.parse(formatJson(reports)) as { ok: boolean; reports: ContractReport[] };
    expect(parsed).toEqual({ ok: true, reports });
  });
});

describe('credentials in reports', () => {
  it('are redacted even when the backend echoes them into failures', () => {
    const stackOne = leaked[1]!;
    const failure = stackOne.checks.find(
      (c) => c.status === 'failed' && c.problems.some((p) => p.message.includes('[redacted]')),
    );
    expect(failure, 'a failure message that quoted the echoed credentials').toBeDefined();
  });

  it.each([
    ['pretty', formatPretty],
    ['json', formatJson],
    ['junit', formatJunit],
  ] as const)('never appear in the %s report', (_, format) => {
    const text = format(leaked);
    expect(text).toContain('[redacted]');
    // Not even a piece of one: a message cut short must not show the start of a key.
    for (const secret of [apiKey, accountId, basic]) {
      for (let i = 0; i + 8 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 8));
    }
  });
});
