import autocannon from 'autocannon';
import type { BenchRequest } from './benchRequest.js';

export interface LoadOptions {
  connections: number;
  /** Seconds measured. */
  durationS: number;
  /** Seconds of the same load before measuring, not counted. */
  warmupS: number;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  answered: number;
  /** Answers whose status was not the expected one (any non-2xx included). */
  unexpectedStatus: number;
  /** Connection errors, timeouts among them. */
  errors: number;
  statusCounts: Record<string, number>;
}

/**
 * Runs autocannon against one server with one request: a warm-up, then the measured run. Latency
 * percentiles come from every answer's own time (autocannon's histogram keeps whole milliseconds,
 * too coarse for sub-millisecond answers).
 */
export async function measureLoad(
  baseUrl: string,
  request: BenchRequest,
  expectedStatus: number,
  options: LoadOptions,
): Promise<LoadFigures> {
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
  const sorted = latencies.subarray(0, count).sort();
  const percentile = (p: number) =>
    count === 0 ? NaN : sorted[Math.min(count - 1, Math.ceil((p / 100) * count) - 1)]!;
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count: n }]) => [status, n]),
  );
  const answered = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    answered,
    unexpectedStatus: answered - (statusCounts[String(expectedStatus)] ?? 0),
    errors: result.errors,
    statusCounts,
  };
}
