import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runContractSuite, type ContractOptions } from '../../contracts/index.js';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { vendors } from '../../mocks/spec/specRegistry.js';
import { check } from './support/reportQueries.js';

interface Sent {
  method: string;
  path: string;
  body: string;
  status: number;
}

let server: RunningServer;
let sent: Sent[];
beforeEach(async () => {
  server = await startMockServer({ port: 0, mock: { timing: { mode: 'instant' } } });
  sent = [];
});
afterEach(() => server.close());

/** Plays a remote host: requests to it go to the local mock, and each is noted with its answer's status. */
const remoteFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input);
  const response = await fetch(`${server.url}${url.pathname}${url.search}`, init);
  sent.push({
    method: init?.method ?? 'GET',
    path: url.pathname,
    body: typeof init?.body === 'string' ? init.body : '',
    status: response.status,
  });
  return response;
};

const remote = 'https://lms.example.com';
const runRemote = (vendor: (typeof vendors)[number], options: ContractOptions = {}, allowWrites = false) =>
  runContractSuite({
    vendor,
    target: remote,
    credentials: { apiKey: 'remote-key', accountId: 'remote-account' },
    options: { importProcessId: '4182', ...options },
    allowWrites,
    fetch: remoteFetch,
    timeoutMs: 5_000,
  });

async function mockState() {
  const read = async (path: string, headers: Record<string, string> = {}) =>
    (await fetch(`${server.url}${path}`, { headers })).json() as Promise<Record<string, unknown>>;
  const jobs = (await read('/__bulkmock/jobs')).jobs as Array<{ vendor: string; dryRun: boolean }>;
  const records = await Promise.all(
    ['webinars', 'inPersonEvents', 'certificateTemplates'].map(
      async (c) => (await read(`/__bulkmock/thought-industries/records/${c}`)).total,
    ),
  );
  const courses = (
    await read('/unified/lms/courses', {
      authorization: `Basic ${Buffer.from('remote-key:').toString('base64')}`,
      'x-account-id': 'remote-account',
    })
  ).data as unknown[];
  return { jobs, records, courses };
}

/** Every accepted vendor POST was a dry run; everything else was a read, a refused request, or a mock-only call. */
function onlyDryRunsAndReads(): void {
  for (const request of sent) {
    if (request.method === 'GET' || request.status >= 400) continue;
    if (request.path.startsWith('/__bulkmock/')) continue;
    expect(
      JSON.parse(request.body),
      `${request.method} ${request.path} was accepted with ${request.status}`,
    ).toMatchObject({ dryRun: true });
  }
}

describe('a non-local target without --allow-writes', () => {
  it('gets only dry runs and reads from a bulkmock, and nothing is stored', async () => {
    for (const vendor of vendors) {
      const report = await runRemote(vendor);
      expect(report.target).toMatchObject({ url: remote, local: false, writesAllowed: false, kind: 'bulkmock' });
      expect(report.ok).toBe(true);
      for (const skipped of report.checks.filter((c) => c.labels.includes('writes'))) {
        expect(skipped).toMatchObject({
          status: 'skipped',
          reason: 'writes need --allow-writes against a non-local target',
        });
      }
    }
    onlyDryRunsAndReads();
    const state = await mockState();
    expect(state.jobs.every((job) => job.dryRun && job.vendor === 'thought-industries')).toBe(true);
    expect(state.records).toEqual([0, 0, 0]);
    expect(state.courses).toEqual([]);
  });

  it('still runs the reads and refused requests: auth, unknown ids, malformed bodies', async () => {
    const report = await runRemote('stackone');
    for (const id of [
      'schema.list-courses',
      'behaviour.rejected-credential',
      'behaviour.malformed-body',
      'behaviour.unknown-job',
    ])
      expect(check(report, id).status).toBe('passed');
  });

  it('treated as the vendor\'s platform: no mock-only call at all, and no certificate template "dry run", which the vendor does not document', async () => {
    for (const vendor of vendors) await runRemote(vendor, { targetKind: 'vendor' });
    expect(sent.filter((r) => r.path.startsWith('/__bulkmock/')).map((r) => r.path)).toEqual([
      '/__bulkmock/health',
      '/__bulkmock/health',
      '/__bulkmock/health',
    ]);
    expect(sent.some((r) => r.path.endsWith('/certificate-templates/bulk') && r.status < 400)).toBe(false);
    onlyDryRunsAndReads();
    expect((await mockState()).jobs).toEqual([]);
  });
});

describe('a non-local target with --allow-writes', () => {
  it('gets the writes, and they are checked', async () => {
    const report = await runRemote('stackone', {}, true);
    expect(report.target.writesAllowed).toBe(true);
    expect(check(report, 'behaviour.accepted-items-listed').status).toBe('passed');
    expect((await mockState()).courses.length).toBeGreaterThan(0);
  });
});
