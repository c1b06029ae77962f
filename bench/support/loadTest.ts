import autocannon from 'autocannon';
import type { BenchRequest } from './benchRequest.js';
import { median } from './median.js';

export interface LoadOptions {
  connections: number;
  /** Seconds measured. */
  durationS: number;
  /** Seconds of the same load before measuring, not counted. */
  warmupS: number;
}

export interface LoadFigures {
  /** The median of the rounds' req/s when measured in rounds. */
  requestsPerSecond: number;
  /** Each round's req/s, in the order measured. */
  roundsRequestsPerSecond: number[];
  p50Ms: number;
  p99Ms: number;
  answered: number;
  /** Answers whose status was not the expected one (any non-2xx included). */
  unexpectedStatus: number;
  /** Connection errors, timeouts among them. */
  errors: number;
  statusCounts: Record<string, number>;
}

/** The seconds measured in each round: the whole duration split over the rounds, at least 1. */
export function secondsPerRound(options: LoadOptions & { rounds: number }): number {
  return Math.max(1, Math.round(options.durationS / options.rounds));
}

/** One server and the request measured on it. */
export interface LoadTarget {
  baseUrl: string;
  request: BenchRequest;
  expectedStatus: number;
}

/** What a measured run saw, kept whole so that rounds can be pooled. */
interface LoadRun {
  requestsPerSecond: number;
  /** Every answer's time, in ms. */
  latencies: Float64Array;
  statusCounts: Record<string, number>;
  errors: number;
}

/**
 * Measures several servers in alternating rounds (a, b, c, a, b, c, ...), each round a warm-up and
 * a measured run of `durationS / rounds` seconds, so that a change in the machine's load during the
 * bench falls on every server alike instead of on whichever ran then. Per server: the median of the
 * rounds' req/s, latency percentiles over every answer of every round, counts summed. `onRound`
 * hears each round as it ends; a target whose run throws is reported there and left out of later rounds.
 */
export async function measureInRounds(
  targets: readonly LoadTarget[],
  options: LoadOptions & { rounds: number },
  onRound: (target: number, round: number, outcome: { figures: LoadFigures } | { error: Error }) => void = () => {},
): Promise<Array<LoadFigures | null>> {
  const runs: LoadRun[][] = targets.map(() => []);
  const failed = new Set<number>();
  const durationS = secondsPerRound(options);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, target] of targets.entries()) {
      if (failed.has(i)) continue;
      try {
        const run = await runLoad(target, { ...options, durationS });
        runs[i]!.push(run);
        onRound(i, round, { figures: figuresOf([run], target.expectedStatus) });
      } catch (error) {
        failed.add(i);
        onRound(i, round, { error: error as Error });
      }
    }
  }
  return targets.map((target, i) => (failed.has(i) ? null : figuresOf(runs[i]!, target.expectedStatus)));
}

/**
 * Runs autocannon against one server with one request: a warm-up, then the measured run. Latency
 * percentiles come from every answer's own time (autocannon's histogram keeps whole milliseconds,
 * too coarse for sub-millisecond answers).
 */
async function runLoad({ baseUrl, request }: LoadTarget, options: LoadOptions): Promise<LoadRun> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const instance = autocannon({
    url: baseUrl + request.path,
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined && { body: request.body }),
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
    ...(options.warmupS > 0 && { warmup: { connections: options.connections, duration: options.warmupS } }),
  });
  // Only the measured run's answers reach this instance (the warm-up has its own tracker).
  instance.on('response', (_client, _status, _bytes, ms) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = ms;
  });
  const result = await instance;
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count: n }]) => [status, n]),
  );
  return {
    requestsPerSecond: result.requests.average,
    latencies: latencies.slice(0, count),
    statusCounts,
    errors: result.errors,
  };
}

/** The figures of one or more runs of the same target: median req/s, pooled latencies, summed counts. */
function figuresOf(runs: readonly LoadRun[], expectedStatus: number): LoadFigures {
  const pooled = new Float64Array(runs.reduce((n, run) => n + run.latencies.length, 0));
  let at = 0;
  for (const run of runs) {
    pooled.set(run.latencies, at);
    at += run.latencies.length;
  }
  const sorted = pooled.sort();
  const count = sorted.length;
  const percentile = (p: number) =>
    count === 0 ? NaN : sorted[Math.min(count - 1, Math.ceil((p / 100) * count) - 1)]!;
  const statusCounts: Record<string, number> = {};
  for (const run of runs)
    for (const [status, n] of Object.entries(run.statusCounts)) statusCounts[status] = (statusCounts[status] ?? 0) + n;
  const answered = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const perRound = runs.map((run) => run.requestsPerSecond);
  return {
    requestsPerSecond: median(perRound),
    roundsRequestsPerSecond: perRound,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    answered,
    unexpectedStatus: answered - (statusCounts[String(expectedStatus)] ?? 0),
    errors: runs.reduce((n, run) => n + run.errors, 0),
    statusCounts,
  };
}
