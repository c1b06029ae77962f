import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeContract, listChecks, runContractSuite } from '../../contracts/index.js';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { vendors } from '../../mocks/spec/specRegistry.js';
import { notPassed } from './support/reportQueries.js';

// Realistic timing, scaled down: jobs really queue and process, in well under a second.
let server: RunningServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, mock: { timing: { mode: 'realistic', baseDelayMs: 40, perRowMs: 5 } } });
});
afterAll(() => server.close());

describe('the contract suite against the standalone mock server', () => {
  it.each(vendors)('passes every %s check, none skipped', async (vendor) => {
    const report = await runContractSuite({ vendor, target: server.url, timeoutMs: 10_000 });
    expect(notPassed(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.target).toMatchObject({ kind: 'bulkmock', local: true, extensions: true, writesAllowed: true });
    expect(report.checks.map((c) => c.id)).toEqual([`${vendor}.connection`, ...listChecks(vendor).map((c) => c.id)]);
  });

  it('passes again on the same server: every run writes under ids of its own', async () => {
    const report = await runContractSuite({ vendor: 'thought-industries', target: server.url, timeoutMs: 10_000 });
    expect(notPassed(report)).toEqual([]);
  });

  it('labels each check with what it relies on', async () => {
    const report = await runContractSuite({ vendor: 'learning-builder', target: server.url, timeoutMs: 10_000 });
    const byId = Object.fromEntries(report.checks.map((c) => [c.id.replace('learning-builder.', ''), c]));
    expect(byId['behaviour.records-aligned']).toMatchObject({
      labels: ['inferred', 'extension', 'writes'],
      inferred: expect.stringContaining('web UI page'),
    });
    expect(byId['behaviour.malformed-body']).toMatchObject({ labels: [] });
  });
});

// The suite registered as vitest tests, one per check, the way a project would use it.
describeContract(
  { describe, it, beforeAll },
  { vendor: 'stackone', target: () => server.url, timeoutMs: 10_000, name: 'stackone contract as vitest tests' },
);

describe('a bulkmock the suite cannot use as it is', () => {
  it('fails the connection check of a vendor the mock does not serve, and says how to start it', async () => {
    const only = await startMockServer({ port: 0, mock: { vendors: ['stackone'] } });
    try {
      const report = await runContractSuite({ vendor: 'learning-builder', target: only.url });
      expect(report.checks[0]).toMatchObject({
        status: 'failed',
        problems: [
          {
            message: expect.stringContaining(
              'does not serve learning-builder (it serves stackone); start it with --vendor learning-builder',
            ),
          },
        ],
      });
      expect(report.checks.slice(1).every((c) => c.status === 'skipped')).toBe(true);
    } finally {
      await only.close();
    }
  });

  it('asks for the control token of a mock started with one, and never shows it', async () => {
    const guarded = await startMockServer({
      port: 0,
      mock: { controlToken: 'ctl-4f9Qz81mXw', timing: { mode: 'instant' } },
    });
    try {
      const without = await runContractSuite({ vendor: 'stackone', target: guarded.url });
      expect(without.checks[0]!.problems[0]!.message).toContain(
        'pass it with --control-token or BULKMOCK_CONTROL_TOKEN',
      );
      const withToken = await runContractSuite({
        vendor: 'stackone',
        target: guarded.url,
        credentials: { controlToken: 'ctl-4f9Qz81mXw' },
      });
      expect(notPassed(withToken)).toEqual([]);
      expect(JSON.stringify(withToken)).not.toContain('ctl-4f9Qz81mXw');
    } finally {
      await guarded.close();
    }
  });
});
