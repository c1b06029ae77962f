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
 * Every server is a child process of its own; the load generator runs here. The servers of a
 * request take turns, a round each (three by default), so that the machine's changing load falls on
 * all of them; ratios are the median of the rounds' ratios. Also measures cold start (spawn to first
 * 200) of b and c. Figures go to bench/results/serve.json.
 */
import { parseArgs } from 'node:util';
import { positiveInteger } from './support/benchOptions.js';
import { expectStatus, msToFirstSuccess, type BenchRequest } from './support/benchRequest.js';
import { root, startBareServer, startBulkmock, startNpmStart, startPrismMock } from './support/benchServers.js';
import { startRedisBackedBulkmock } from './support/replicaSet.js';
import type { ChildServer } from './support/childServer.js';
import { coreCpuPerRequest } from './support/coreCpu.js';
import { buildDist } from './support/freshBuild.js';
import { measureInRounds, secondsPerRound, type LoadFigures, type LoadOptions } from './support/loadTest.js';
import { count, mib, ms, ratio, table, targetLine, type TargetCheck } from './support/printedFigures.js';
import { readMemory } from './support/processMemory.js';
import { writeResults } from './support/resultsFile.js';
import { median } from './support/median.js';
import { pingRequest, prepareScenarios, type Scenario } from './support/serveScenarios.js';

const usage = `Usage: npm run bench [-- options]

Measures bare node:http, bulkmock serve and prism mock on loopback with the same requests
(Thought Industries job read, StackOne one-item batch, Thought Industries 10-row webinar dry run),
bare node:http burning the CPU bulkmock's core spends on each request (measured in process first),
bulkmock serve --store redis on the job read and the batch (needs Debian's redis-server), and the
cold start of bulkmock and Prism. Writes bench/results/serve.json.

Options:
  --duration <s>      Seconds measured per server and request, split over the rounds (default: 6).
  --rounds <n>        Rounds per request: the servers take turns, a round each, and the median
                      round counts, so a change in the machine's load falls on all (default: 3).
  --warmup <s>        Seconds of load before each round's measurement, not counted (default: 1).
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
      warmup: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '3' },
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
  const load: LoadOptions & { rounds: number } = {
    rounds: positiveInteger('rounds', values.rounds, 20),
    durationS: positiveInteger('duration', values.duration, 600),
    warmupS: values.warmup === '0' ? 0 : positiveInteger('warmup', values.warmup, 600),
    connections: positiveInteger('connections', values.connections, 1000),
  };
  const coldStarts = positiveInteger('cold-starts', values['cold-starts'], 20);
  const problems: string[] = [];

  console.log(
    `bulkmock serve benchmark: node ${process.version}, ${load.connections} connections, ${load.rounds} rounds per server and request (servers take turns), each ${load.warmupS} s warm-up + ${secondsPerRound(load)} s measured`,
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
        const checked: typeof targets = [];
        for (const target of targets) {
          const [role, server, status, request] = target;
          try {
            await expectStatus(server.url, request, status, server.name);
            checked.push(target);
          } catch (error) {
            problems.push(`${scenario.label} on ${server.name}: ${(error as Error).message}`);
            console.log(
              `${scenario.label.padEnd(28)} ${roleNames[role].padEnd(19)} FAILED: ${(error as Error).message}`,
            );
          }
        }
        const measured = await measureInRounds(
          checked.map(([, server, expectedStatus, request]) => ({ baseUrl: server.url, request, expectedStatus })),
          load,
          (i, round, outcome) => {
            const [role, server] = checked[i]!;
            const head = `${scenario.label.padEnd(28)} ${roleNames[role].padEnd(19)} round ${round + 1}`;
            if ('error' in outcome) {
              problems.push(`${scenario.label} on ${server.name}: ${outcome.error.message}`);
              console.log(`${head} FAILED: ${outcome.error.message}`);
            } else {
              const { figures: run } = outcome;
              console.log(
                `${head} ${count(run.requestsPerSecond).padStart(7)} req/s  p50 ${ms(run.p50Ms)} ms  p99 ${ms(run.p99Ms)} ms`,
              );
            }
          },
        );
        for (const [i, [role, server, status]] of checked.entries()) {
          const result = measured[i];
          if (!result) continue;
          figures.servers[role] = result;
          if (result.unexpectedStatus > 0 || result.errors > 0) {
            const problem = `${scenario.label} on ${server.name}: ${result.unexpectedStatus} answers with another status than ${status} (${JSON.stringify(result.statusCounts)}) and ${result.errors} connection errors or timeouts out of ${result.answered}`;
            problems.push(problem);
            console.log(`<<< ERRORS: ${problem}`);
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
  console.log(
    "req/s: the median of the rounds; ratios: the median of the rounds' ratios, round by round; latency: every answer's own time as autocannon saw it, percentiles over every measured round",
  );
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
  const { bulkmock: b, bare: a, work, prism: c, redis: d } = servers;
  return {
    bOverA: pairedRatio(b, a),
    bOverWork: pairedRatio(b, work),
    workOverA: pairedRatio(work, a),
    bOverC: pairedRatio(b, c),
    dOverB: pairedRatio(d, b),
  };
}

/**
 * x's req/s over y's: the median of the ratios of the rounds they ran side by side (a round of x
 * and one of y follow each other), which a drift in the machine's speed over the bench moves least.
 */
function pairedRatio(x: LoadFigures | undefined, y: LoadFigures | undefined): number {
  if (!x || !y) return NaN;
  const xs = x.roundsRequestsPerSecond;
  const ys = y.roundsRequestsPerSecond;
  if (xs.length !== ys.length || xs.length === 0) return x.requestsPerSecond / y.requestsPerSecond;
  return median(xs.map((value, i) => value / ys[i]!));
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
