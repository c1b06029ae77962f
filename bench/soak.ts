/**
 * npm run bench:soak [-- --clients N] [-- --duration S] [-- --replicas 3 --store redis] ...
 *
 * Load and soak: for a bounded time, many concurrent clients on loopback start imports of every
 * vendor against `bulkmock serve` (a child process, realistic timing) and poll each until it ends,
 * as a real client would; every tenth import of a kind asks for its job to fail. With `--store redis`
 * the server is `--replicas` replicas sharing a Redis of the bench's own behind HAProxy
 * (deploy/haproxy.cfg, as docs/deploy.md shows), and every request goes through the balancer, so
 * a client's polls land on any replica. At the end every accepted import is read once more. The run passes only
 * when every accepted import is readable and terminal (failed exactly when asked), no job moved backwards, no request got a
 * 5xx or a transport error (reset, refused, timeout), the server's RSS stayed under the limit, and the
 * heap it keeps per accepted import (after a full GC, read before the run and after the final read;
 * cli/heapReport.ts) stayed under 2 KiB. Figures go to bench/results/soak.json. This is a measurement script, not a unit test.
 */
import { parseArgs } from 'node:util';
import { heapAfterGc, startBulkmock, root } from './support/benchServers.js';
import { startReplicaSet } from './support/replicaSet.js';
import { buildDist } from './support/freshBuild.js';
import { count, mib, ms, table, targetLine, type TargetCheck } from './support/printedFigures.js';
import { readMemory } from './support/processMemory.js';
import { writeResults } from './support/resultsFile.js';
import {
  importScenarios,
  movedBackwards,
  terminalStatuses,
  type AcceptedImport,
  type SoakClient,
} from './soak/soakScenarios.js';
import { createTally, percentile } from './soak/soakTally.js';

const usage = `Usage: npm run bench:soak -- [options]

Options:
  --clients <n>      concurrent clients (default 200)
  --duration <s>     seconds during which clients start new imports (default 60)
  --poll <ms>        how often a client polls its running job (default 250)
  --base-delay <ms>  the server's realistic timing: time a job stays queued (default 300)
  --per-row <ms>     the server's realistic timing: processing cost per row (default 40)
  --rss-limit <mb>   the server's RSS must stay under this (default 512)
  --fail-every <n>   every n-th import asks for its job to fail (X-Bulkmock-Fail-Job; default 10, 0: never)
  --store <kind>     memory (default: one server) or redis (replicas sharing a Redis, behind HAProxy;
                     needs Debian's redis-server and haproxy)
  --replicas <n>     with --store redis: how many replicas, 1 to 3 (default 3)
  --help             show this help`;

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    poll: { type: 'string', default: '250' },
    'base-delay': { type: 'string', default: '300' },
    'per-row': { type: 'string', default: '40' },
    'rss-limit': { type: 'string', default: '512' },
    'fail-every': { type: 'string', default: '10' },
    store: { type: 'string', default: 'memory' },
    replicas: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number, got "${text}"\n\n${usage}`);
    process.exit(2);
  }
  return n;
}
const clients = Math.round(positive('clients', values.clients));
const durationS = positive('duration', values.duration);
const pollMs = positive('poll', values.poll);
const rssLimitMb = positive('rss-limit', values['rss-limit']);
const failEvery = values['fail-every'] === '0' ? 0 : Math.round(positive('fail-every', values['fail-every']));
if (values.store !== 'memory' && values.store !== 'redis') {
  console.error(`--store must be memory or redis, got "${values.store}"\n\n${usage}`);
  process.exit(2);
}
const shared = values.store === 'redis';
if (!shared && values.replicas !== undefined) {
  console.error(`--replicas needs --store redis: replicas share their state through Redis\n\n${usage}`);
  process.exit(2);
}
const replicaCount = shared ? Math.round(positive('replicas', values.replicas ?? '3')) : 1;
if (replicaCount > 3) {
  console.error(`--replicas is at most 3 (deploy/haproxy.cfg names three replicas), got ${replicaCount}\n\n${usage}`);
  process.exit(2);
}

console.log(`building dist/ ... ${(await buildDist(root)).toFixed(1)} s`);
// Every accepted import must stay readable, so the server keeps every job of the run.
const serverFlags = [
  '--timing',
  'realistic',
  '--base-delay',
  values['base-delay'],
  '--per-row',
  values['per-row'],
  '--max-jobs',
  '10000000',
];
const target = shared ? await startReplicaSet(replicaCount, serverFlags, { heapReport: true }) : null;
const servers = target ? target.replicas : [await startBulkmock(serverFlags, { heapReport: true })];
const baseUrl = target ? target.url : servers[0]!.url;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const timingText = `realistic timing (${values['base-delay']} ms queued + ${values['per-row']} ms per row), every job retained`;
console.log(
  target
    ? `${replicaCount} bulkmock serve replicas on Redis at ${target.storeUrl} (pids ${servers.map((s) => s.pid).join(', ')}) behind HAProxy at ${baseUrl}, ${timingText}`
    : `bulkmock serve at ${baseUrl} (pid ${servers[0]!.pid}), ${timingText}`,
);

const tally = createTally();
const accepted: AcceptedImport[] = [];
let notAccepted = 0;
let backwards = 0;
const backwardSamples: string[] = [];
// With replicas, the figures are the largest replica's: each holds the whole state.
const largestRss = () => Math.max(...servers.filter((s) => alive(s.pid)).map((s) => readMemory(s.pid).rssMb));
const startMemory = { rssMb: largestRss() };
let peakRssMb = startMemory.rssMb;
const rssSamples: number[] = [];
const sampler = setInterval(() => {
  const rssMb = largestRss();
  if (!Number.isFinite(rssMb)) return;
  peakRssMb = Math.max(peakRssMb, rssMb);
  rssSamples.push(rssMb);
}, 500);

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

/** One client: start an import, poll it to its end, start the next, until the time is up. */
async function runClient(client: SoakClient, until: number): Promise<void> {
  let turn = client.index;
  while (performance.now() < until) {
    const scenario = importScenarios[turn % importScenarios.length]!;
    const failJob =
      scenario.canFail && failEvery > 0 && Math.floor(turn / importScenarios.length) % failEvery === failEvery - 1;
    turn += 1;
    const started = await scenario.start(client, failJob);
    if (!started) {
      notAccepted += 1;
      await sleep(pollMs);
      continue;
    }
    accepted.push(started);
    let last = 'queued';
    for (;;) {
      const status = await started.readStatus();
      if (status === null) break; // counted as lost at the end if it stays unreadable
      if (movedBackwards(last, status)) {
        backwards += 1;
        if (backwardSamples.length < 10)
          backwardSamples.push(`${started.scenario} ${started.id}: ${last} -> ${status}`);
      }
      last = status;
      if (terminalStatuses.has(status)) break;
      await sleep(pollMs);
    }
  }
}

const pool: SoakClient[] = Array.from({ length: clients }, (_, index) => ({ baseUrl, tally, index }));
process.stdout.write(`preparing ${clients} clients (asset uploads) ... `);
for (const client of pool) for (const scenario of importScenarios) await scenario.prepare?.(client);
console.log('done');
// What the mock keeps: its heap after a full GC, before the run and after the final read. Each
// client first runs one import of each kind to its end (not counted), so that what is made once
// (a client's first records, which its later imports replace; a validator compiled on first use)
// is in the first figure, not charged to the run's imports; their polls fill the bounded request log.
process.stdout.write(`warming up (one import of each kind per client, to its end) ... `);
for (let i = 0; i < pool.length; i += 50)
  await Promise.all(
    pool.slice(i, i + 50).map(async (client) => {
      const quiet = { ...client, tally: createTally() };
      for (const scenario of importScenarios) {
        const warmUp = await scenario.start(quiet, false);
        if (!warmUp) throw new Error(`the warm-up import ${scenario.name} was not accepted`);
        for (let polls = 0; !terminalStatuses.has((await warmUp.readStatus()) ?? ''); polls++) {
          if (polls * pollMs > 120_000) throw new Error(`the warm-up import ${scenario.name} did not end in 2 minutes`);
          await sleep(pollMs);
        }
      }
    }),
  );
console.log('done');
const heapBefore = await Promise.all(servers.map((server) => heapAfterGc(server)));

console.log(`running ${clients} clients for ${durationS} s ...`);
const began = performance.now();
const until = began + durationS * 1000;
const progress = setInterval(() => {
  const elapsed = (performance.now() - began) / 1000;
  console.log(
    `  ${elapsed.toFixed(0).padStart(4)} s  ${count(accepted.length)} imports accepted, ${count(tally.requests)} requests, server RSS ${mib(rssSamples.at(-1) ?? NaN)} MiB`,
  );
}, 10_000);
await Promise.all(pool.map((client) => runClient(client, until)));
clearInterval(progress);
const ranS = (performance.now() - began) / 1000;

// The final read: every accepted import must still be there, and finished.
const verifyTally = createTally();
const finalStates = new Map<string, number>();
const lost: string[] = [];
const wrongEnd: string[] = [];

for (let i = 0; i < accepted.length; i += 50) {
  await Promise.all(
    accepted.slice(i, i + 50).map(async (job) => {
      let status = await job.readStatus();
      // Jobs started in the last moments may still run: give them the time realistic timing needs.
      for (let wait = 0; status !== null && !terminalStatuses.has(status) && wait < 100; wait++) {
        await sleep(100);
        status = await job.readStatus();
      }
      finalStates.set(status ?? 'unreadable', (finalStates.get(status ?? 'unreadable') ?? 0) + 1);
      if (status === null || !terminalStatuses.has(status))
        lost.push(`${job.scenario} ${job.id}: ${status ?? 'unreadable'}`);
      else if (status !== job.expectedEnd)
        wrongEnd.push(`${job.scenario} ${job.id}: ended ${status}, expected ${job.expectedEnd}`);
    }),
  );
}

const heapAfter = await Promise.all(servers.map((server) => heapAfterGc(server).catch(() => NaN)));
// Per replica: each holds every import of the run.
const heapPerImport = Math.max(...heapAfter.map((after, i) => (after - heapBefore[i]!) / Math.max(1, accepted.length)));
clearInterval(sampler);
const serverAlive = servers.every((s) => alive(s.pid));
const endMemory = { rssMb: serverAlive ? largestRss() : NaN };
await (target ? target.stop() : servers[0]!.stop());

const byScenario = new Map<string, number>();
for (const job of accepted) byScenario.set(job.scenario, (byScenario.get(job.scenario) ?? 0) + 1);
const serverErrors = tally.serverErrors + verifyTally.serverErrors;
const transportErrors = tally.transportErrors + verifyTally.transportErrors;
const p50 = percentile(tally.latenciesMs, 50);
const p99 = percentile(tally.latenciesMs, 99);

console.log('');
console.log(
  table(
    ['import', 'accepted'],
    [...byScenario].map(([name, n]) => [name, count(n)]),
  ),
);
console.log('');
console.log(
  table(
    ['figure', 'value'],
    [
      ['clients', count(clients)],
      ['servers', target ? `${replicaCount} replicas on Redis behind HAProxy` : 'one, in-memory state'],
      ['seconds run', ranS.toFixed(1)],
      ['imports accepted', count(accepted.length)],
      ['imports not accepted', count(notAccepted)],
      ['imports lost (unreadable or not terminal at the end)', count(lost.length)],
      ['final states', [...finalStates].map(([s, n]) => `${s} ${count(n)}`).join(', ')],
      ['jobs that ended otherwise than asked', count(wrongEnd.length)],
      ['jobs that moved backwards', count(backwards)],
      ['requests', count(tally.requests + verifyTally.requests)],
      ['requests/s during the run', count(tally.requests / ranS)],
      ['latency p50 / p99 (ms)', `${ms(p50)} / ${ms(p99)}`],
      [
        'statuses',
        Object.entries(tally.statuses)
          .map(([s, n]) => `${s}: ${count(n)}`)
          .join(', '),
      ],
      ['5xx answers', count(serverErrors)],
      ['transport errors (reset, refused, timeout)', count(transportErrors)],
      [
        target ? 'largest replica RSS start / peak / end (MiB)' : 'server RSS start / peak / end (MiB)',
        `${mib(startMemory.rssMb)} / ${mib(peakRssMb)} / ${mib(endMemory.rssMb)}`,
      ],
      [
        target
          ? 'heap kept per accepted import, after a full GC (KiB, largest replica)'
          : 'heap kept per accepted import, after a full GC (KiB)',
        (heapPerImport / 1024).toFixed(2),
      ],
      [
        target ? 'largest replica RSS per accepted import (KiB)' : 'server RSS per accepted import (KiB)',
        (
          (((Number.isFinite(endMemory.rssMb) ? endMemory.rssMb : peakRssMb) - startMemory.rssMb) * 1024) /
          Math.max(1, accepted.length)
        ).toFixed(1),
      ],
    ],
  ),
);
for (const line of [
  ...tally.failureSamples,
  ...verifyTally.failureSamples,
  ...backwardSamples,
  ...lost.slice(0, 10),
  ...wrongEnd.slice(0, 10),
])
  console.log(`  ! ${line}`);

const checks: TargetCheck[] = [
  {
    target: target ? 'every replica was still running at the end' : 'the server was still running at the end',
    measured: serverAlive ? 'yes' : 'no',
    met: serverAlive,
  },
  { target: 'imports were accepted', measured: count(accepted.length), met: accepted.length > 0 },
  { target: 'zero lost imports', measured: count(lost.length), met: lost.length === 0 },
  {
    target: 'every job ended as asked (failed only when asked)',
    measured: `${count(wrongEnd.length)} otherwise`,
    met: wrongEnd.length === 0,
  },
  { target: 'zero jobs moving backwards', measured: count(backwards), met: backwards === 0 },
  { target: 'zero imports refused (every request was valid)', measured: count(notAccepted), met: notAccepted === 0 },
  { target: 'zero 5xx answers', measured: count(serverErrors), met: serverErrors === 0 },
  { target: 'zero transport errors', measured: count(transportErrors), met: transportErrors === 0 },
  {
    target: 'heap kept per retained import under 2 KiB (issue 18)',
    measured: `${(heapPerImport / 1024).toFixed(2)} KiB`,
    met: heapPerImport < 2048,
  },
  {
    target: `${target ? "every replica's" : 'server'} peak RSS under ${rssLimitMb} MiB`,
    measured: `${mib(peakRssMb)} MiB`,
    met: peakRssMb < rssLimitMb,
  },
];
console.log('');
for (const check of checks) console.log(targetLine(check));

const file = await writeResults(root, 'soak', {
  jobsEndedOtherwise: wrongEnd.length,
  options: {
    clients,
    durationS,
    pollMs,
    failEvery,
    baseDelayMs: Number(values['base-delay']),
    perRowMs: Number(values['per-row']),
    rssLimitMb,
    store: values.store,
    replicas: replicaCount,
  },
  secondsRun: ranS,
  importsAccepted: accepted.length,
  importsByScenario: Object.fromEntries(byScenario),
  importsNotAccepted: notAccepted,
  importsLost: lost.length,
  finalStates: Object.fromEntries(finalStates),
  jobsMovedBackwards: backwards,
  requests: tally.requests + verifyTally.requests,
  statuses: tally.statuses,
  serverErrors,
  transportErrors,
  latencyMs: { p50, p99 },
  serverRssMb: { start: startMemory.rssMb, peak: peakRssMb, end: endMemory.rssMb },
  heapBytes: { before: heapBefore, after: heapAfter, perAcceptedImport: heapPerImport },
  checks,
});
console.log(`\nfigures written to ${file}`);
const passed = checks.every((c) => c.met);
console.log(passed ? 'soak: PASS' : 'soak: FAIL');
process.exit(passed ? 0 : 1);
