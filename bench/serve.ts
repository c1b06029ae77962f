/**
 * npm run bench [-- --duration S] [-- --connections N] [-- --help]
 *
 * Throughput and latency of `bulkmock serve` against two yardsticks, in one run, with one load
 * generator (autocannon) and the same request on every server:
 *   a) a bare node:http server answering a fixed JSON body (the ceiling),
 *   a') the same bare server burning, per request, the CPU that bulkmock's core spends on that
 *      request in process (measured first, without HTTP): the ceiling for a server doing this work,
 *      so b/a' shows what the HTTP adapter adds and a'/a what the work itself costs,
 *   b) bulkmock serve (built dist/, --timing instant --log none),
 *   c) prism mock on the same spec,
 *   d) bulkmock serve with its state in Redis (--store, a redis-server of the bench's own), for the
 *      job read and the batch, compared with b).
 * Every server is a child process of its own; the load generator runs here. Also measures cold
 * start (spawn to first 200) of b and c. Figures go to bench/results/serve.json.
 */
import { parseArgs } from 'node:util';
import { positiveInteger } from './support/benchOptions.js';
import { expectStatus, msToFirstSuccess, type BenchRequest } from './support/benchRequest.js';
import { root, startBareServer, startBulkmock, startNpmStart, startPrismMock } from './support/benchServers.js';
import { startRedisBackedBulkmock } from './support/replicaSet.js';
import type { ChildServer } from './support/childServer.js';
import { coreCpuPerRequest } from './support/coreCpu.js';
import { buildDist } from './support/freshBuild.js';
import { measureLoad, type LoadFigures, type LoadOptions } from './support/loadTest.js';
import { count, mib, ms, ratio, table, targetLine, type TargetCheck } from './support/printedFigures.js';
import { readMemory } from './support/processMemory.js';
import { writeResults } from './support/resultsFile.js';
import { pingRequest, prepareScenarios, type Scenario } from './support/serveScenarios.js';

const usage = `Usage: npm run bench [-- options]

Measures bare node:http, bulkmock serve and prism mock on loopback with the same requests
(Thought Industries job read, StackOne one-item batch, Thought Industries 10-row webinar dry run),
bare node:http burning the CPU bulkmock's core spends on each request (measured in process first),
bulkmock serve --store redis on the job read and the batch (needs Debian's redis-server), and the
cold start of bulkmock and Prism. Writes bench/results/serve.json.

Options:
  --duration <s>      Seconds measured per server and request (default: 6).
  --warmup <s>        Seconds of load before each measurement, not counted (default: 2).
  --connections <n>   Concurrent connections (default: 20; the p99 target is set at 20).
  --cold-starts <n>   Cold starts per server; the median is reported (default: 3).
  --no-build          Skip \`npm run build\` (measure dist/ as it is).
  -h, --help          Show this help.`;

type ServerRole = 'bare' | 'work' | 'bulkmock' | 'prism' | 'redis';
const roleNames: Record<ServerRole, string> = {
  bare: 'a) bare node:http',
  work: "a') bare + core CPU",
  bulkmock: 'b) bulkmock serve',
  prism: 'c) prism mock',
  redis: 'd) bulkmock, Redis',
};
/** The requests measured on the Redis-backed server too (issue 17: a read and a write). */
const redisScenarios = new Set<Scenario['id']>(['ti-job-read', 'stackone-batch']);
/** The Redis-backed job read's share of the in-memory server's req/s (issue 17's target). */
const redisJobReadGoal = 0.5;

interface ScenarioFigures {
  scenario: Scenario;
  /** CPU microseconds bulkmock's core spends on the request in process (no HTTP). */
  coreCpuUs: number;
  servers: Partial<Record<ServerRole, LoadFigures>>;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '6' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '20' },
      'cold-starts': { type: 'string', default: '3' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const load: LoadOptions = {
    durationS: positiveInteger('duration', values.duration, 600),
    warmupS: values.warmup === '0' ? 0 : positiveInteger('warmup', values.warmup, 600),
    connections: positiveInteger('connections', values.connections, 1000),
  };
  const coldStarts = positiveInteger('cold-starts', values['cold-starts'], 20);
  const problems: string[] = [];

  console.log(
    `bulkmock serve benchmark: node ${process.version}, ${load.connections} connections, ${load.warmupS} s warm-up + ${load.durationS} s per measurement`,
  );
  if (!values['no-build']) console.log(`built dist/ in ${(await buildDist(root)).toFixed(1)} s`);

  const coldStart = await measureColdStarts(coldStarts);
  console.log(
    `cold start (spawn to first 200 on GET ${pingRequest.path}, median of ${coldStarts}): bulkmock serve ${ms(coldStart.bulkmock.medianMs)} ms, npm start ${ms(coldStart.npmStart.medianMs)} ms, prism mock ${ms(coldStart.prism.medianMs)} ms`,
  );
  const coreCpu = await coreCpuPerRequest(root);
  console.log(
    `bulkmock's core in process, no HTTP (CPU per request): ${[...coreCpu].map(([id, us]) => `${id} ${us.toFixed(1)} us`).join(', ')}`,
  );

  const results: ScenarioFigures[] = [];
  const running: ChildServer[] = [];
  let bulkmockPeakRssMb: number;
  let redisMissing: string | null;
  try {
    const [bulkmock, prismTi, prismStackOne, redisStart] = await Promise.all([
      startBulkmock(),
      startPrismMock('thought-industries'),
      startPrismMock('stackone'),
      startRedisBackedBulkmock().then(
        (server) => ({ server, why: null }),
        (error: unknown) => ({ server: null, why: (error as Error).message }),
      ),
    ]);
    const redisBacked = redisStart.server;
    redisMissing = redisStart.why;
    running.push(bulkmock, prismTi, prismStackOne, ...(redisBacked ? [redisBacked] : []));
    if (redisMissing !== null) console.log(`d) not measured: ${redisMissing}`);
    const prisms = { 'thought-industries': prismTi, stackone: prismStackOne, 'learning-builder': null };
    const scenarios = await prepareScenarios(bulkmock.url);
    // The Redis-backed server gets the same preparation: its own asset, and its own job to read.
    const redisRequests = new Map(
      redisBacked ? (await prepareScenarios(redisBacked.url)).map((each) => [each.id, each.request]) : [],
    );

    for (const scenario of scenarios) {
      const coreCpuUs = coreCpu.get(scenario.id)!;
      const figures: ScenarioFigures = { scenario, coreCpuUs, servers: {} };
      results.push(figures);
      // The ceilings answer exactly the bytes bulkmock answers to this request.
      const answer = await expectStatus(bulkmock.url, scenario.request, scenario.status, 'bulkmock');
      const [bare, working] = await Promise.all([
        startBareServer(answer.text),
        startBareServer(answer.text, coreCpuUs),
      ]);
      try {
        const targets: Array<[ServerRole, ChildServer, number, BenchRequest]> = [
          ['bare', bare, 200, scenario.request],
          ['work', working, 200, scenario.request],
          ['bulkmock', bulkmock, scenario.status, scenario.request],
          ['prism', prisms[scenario.prismVendor]!, scenario.status, scenario.request],
        ];
        const redisRequest = redisRequests.get(scenario.id);
        if (redisBacked && redisRequest && redisScenarios.has(scenario.id))
          targets.push(['redis', redisBacked, scenario.status, redisRequest]);
        for (const [role, server, status, request] of targets) {
          try {
            await expectStatus(server.url, request, status, server.name);
            const measured = await measureLoad(server.url, request, status, load);
            figures.servers[role] = measured;
            const line = `${scenario.label.padEnd(28)} ${roleNames[role].padEnd(18)} ${count(measured.requestsPerSecond).padStart(7)} req/s  p50 ${ms(measured.p50Ms)} ms  p99 ${ms(measured.p99Ms)} ms`;
            if (measured.unexpectedStatus > 0 || measured.errors > 0) {
              const problem = `${scenario.label} on ${server.name}: ${measured.unexpectedStatus} answers with another status than ${status} (${JSON.stringify(measured.statusCounts)}) and ${measured.errors} connection errors or timeouts out of ${measured.answered}`;
              problems.push(problem);
              console.log(`${line}  <<< ERRORS: ${problem}`);
            } else {
              console.log(line);
            }
          } catch (error) {
            problems.push(`${scenario.label} on ${server.name}: ${(error as Error).message}`);
            console.log(
              `${scenario.label.padEnd(28)} ${roleNames[role].padEnd(18)} FAILED: ${(error as Error).message}`,
            );
          }
        }
      } finally {
        await Promise.all([bare.stop(), working.stop()]);
      }
    }
    bulkmockPeakRssMb = readMemory(bulkmock.pid).peakMb;
  } finally {
    await Promise.all(running.map((server) => server.stop()));
  }

  const targets = checkTargets(results, coldStart, load.connections, redisMissing);
  console.log('\n' + figuresTable(results));
  console.log(
    `\ncold start, spawn to first 200 (ms, median of ${coldStarts}): bulkmock serve ${ms(coldStart.bulkmock.medianMs)} [${coldStart.bulkmock.runsMs.map(ms).join(', ')}], ` +
      `npm start ${ms(coldStart.npmStart.medianMs)} [${coldStart.npmStart.runsMs.map(ms).join(', ')}], prism mock ${ms(coldStart.prism.medianMs)} [${coldStart.prism.runsMs.map(ms).join(', ')}]`,
  );
  console.log(
    `bulkmock serve peak RSS over all load runs: ${mib(bulkmockPeakRssMb)} MiB (job retention: --max-jobs default, 10,000)`,
  );
  console.log("latency: every answer's own time as autocannon saw it, percentiles over the measured run");
  console.log(
    "a'): bare node:http burning the core's CPU per request (core: the CPU bulkmock's core spends on the request in process); b/a' near 1 means the HTTP adapter adds little and the distance to a) is the work itself\n",
  );
  for (const check of targets) console.log(targetLine(check));

  const file = await writeResults(root, 'serve', {
    settings: { ...load, coldStarts, bulkmockFlags: ['--port', '0', '--timing', 'instant', '--log', 'none'] },
    scenarios: results.map(({ scenario, coreCpuUs, servers }) => ({
      id: scenario.id,
      coreCpuUs,
      label: scenario.label,
      request: {
        method: scenario.request.method,
        path: scenario.request.path,
        bodyBytes: Buffer.byteLength(scenario.request.body ?? ''),
      },
      expectedStatus: scenario.status,
      servers,
      ratios: ratios(servers),
    })),
    coldStart,
    bulkmockPeakRssMb,
    targets,
    problems,
  });
  console.log(`\nfigures written to ${file}`);

  if (problems.length > 0) {
    console.error(
      `\nBENCH FAILED: ${problems.length} measurement(s) had errors or wrong answers; their figures are not to be trusted:`,
    );
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  return 0;
}

interface ColdStart {
  runsMs: number[];
  medianMs: number;
}

type ColdStarts = Record<'bulkmock' | 'npmStart' | 'prism', ColdStart>;

/** Starts and stops each server `times` times, timing spawn to the first 200 on the same ping. */
async function measureColdStarts(times: number): Promise<ColdStarts> {
  const runs = { bulkmock: [] as number[], npmStart: [] as number[], prism: [] as number[] };
  const starters = [
    ['bulkmock', () => startBulkmock()],
    ['npmStart', () => startNpmStart()],
    ['prism', () => startPrismMock('thought-industries')],
  ] as const;
  for (let i = 0; i < times; i++) {
    // One at a time, so that none starts while another uses the CPU.
    for (const [role, start] of starters) {
      const server = await start();
      try {
        runs[role].push(await msToFirstSuccess(server.url, pingRequest, server.spawnedAt));
      } finally {
        await server.stop();
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const summary = (runsMs: number[]): ColdStart => ({ runsMs, medianMs: median(runsMs) });
  return { bulkmock: summary(runs.bulkmock), npmStart: summary(runs.npmStart), prism: summary(runs.prism) };
}

function ratios(servers: ScenarioFigures['servers']): {
  bOverA: number;
  bOverWork: number;
  workOverA: number;
  bOverC: number;
  dOverB: number;
} {
  const b = servers.bulkmock?.requestsPerSecond ?? NaN;
  const a = servers.bare?.requestsPerSecond ?? NaN;
  const work = servers.work?.requestsPerSecond ?? NaN;
  return {
    bOverA: b / a,
    bOverWork: b / work,
    workOverA: work / a,
    bOverC: b / (servers.prism?.requestsPerSecond ?? NaN),
    dOverB: (servers.redis?.requestsPerSecond ?? NaN) / b,
  };
}

function figuresTable(results: ScenarioFigures[]): string {
  const rows: string[][] = [];
  for (const { scenario, coreCpuUs, servers } of results) {
    const { bOverA, bOverWork, workOverA, bOverC, dOverB } = ratios(servers);
    (['bare', 'work', 'bulkmock', 'prism', 'redis'] as const).forEach((role, i) => {
      const f = servers[role];
      if (role === 'redis' && !redisScenarios.has(scenario.id)) return;
      const flagged = f && (f.unexpectedStatus > 0 || f.errors > 0) ? ' !' : '';
      rows.push([
        [
          scenario.label,
          `${scenario.request.method} ${shortPath(scenario.request.path)}`,
          `core: ${coreCpuUs.toFixed(0)} us CPU`,
        ][i] ?? '',
        roleNames[role],
        f ? count(f.requestsPerSecond) : 'failed',
        f ? ms(f.p50Ms) : '-',
        f ? ms(f.p99Ms) : '-',
        f ? count(f.answered) : '-',
        f ? count(f.unexpectedStatus + f.errors) + flagged : '-',
        role === 'bulkmock'
          ? `b/a ${ratio(bOverA)}  b/a' ${ratio(bOverWork)}  b/c ${ratio(bOverC)}`
          : role === 'work'
            ? `a'/a ${ratio(workOverA)}`
            : role === 'redis'
              ? `d/b ${ratio(dOverB)}`
              : '',
      ]);
    });
  }
  return table(
    ['request', 'server', 'req/s', 'p50 ms', 'p99 ms', 'answers', 'errors', 'ratios (req/s)'],
    rows,
    [0, 1, 7],
  );
}

/** The path as a reader knows it: the job id shown as {id}, the long prefixes cut. */
function shortPath(path: string): string {
  return path.replace(/[0-9a-f-]{36}$/, '{id}').replace('/content/courseGroup', '/…');
}

/** The share of the bare server's throughput each request should reach (the performance issue's goals). */
const bareRatioGoals: Record<Scenario['id'], number> = {
  'ti-job-read': 0.5,
  'stackone-batch': 0.35,
  'ti-webinar-dry-run': 0.3,
};

function checkTargets(
  results: ScenarioFigures[],
  coldStart: ColdStarts,
  connections: number,
  redisMissing: string | null,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const { scenario, servers } of results.filter((r) => r.scenario.hasTargets)) {
    const { bOverA, bOverC } = ratios(servers);
    const p99 = servers.bulkmock?.p99Ms ?? NaN;
    const goal = bareRatioGoals[scenario.id];
    checks.push({ target: `${scenario.label}: req/s b/a >= ${goal}`, measured: ratio(bOverA), met: bOverA >= goal });
    checks.push({ target: `${scenario.label}: req/s b/c >= 5`, measured: ratio(bOverC), met: bOverC >= 5 });
    checks.push({
      target: `${scenario.label}: bulkmock p99 < 10 ms at 20 connections`,
      measured: `${ms(p99)} ms${connections === 20 ? '' : ` (at ${connections} connections)`}`,
      met: p99 < 10,
    });
  }
  const jobRead = results.find((r) => r.scenario.id === 'ti-job-read');
  const dOverB = jobRead ? ratios(jobRead.servers).dOverB : NaN;
  checks.push({
    target: `TI job read: Redis-backed req/s d/b >= ${redisJobReadGoal} of the in-memory server's`,
    measured: redisMissing ? `not measured (${redisMissing.split(';')[0]})` : ratio(dOverB),
    met: dOverB >= redisJobReadGoal,
  });
  const b = coldStart.bulkmock.medianMs;
  const c = coldStart.prism.medianMs;
  const npmStart = coldStart.npmStart.medianMs;
  checks.push({ target: 'bulkmock serve to first 200 < 250 ms', measured: `${ms(b)} ms`, met: b < 250 });
  checks.push({
    target: 'npm start (built checkout) to first 200 < 1.5 s',
    measured: `${ms(npmStart)} ms`,
    met: npmStart < 1500,
  });
  checks.push({
    target: "bulkmock cold start < 1/3 of prism mock's",
    measured: `${ms(b)} ms vs ${ms(c)} ms (${ratio(b / c)})`,
    met: b < c / 3,
  });
  return checks;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
