/**
 * What the soak saw: every request's outcome by class, and every accepted import. Requests go
 * through `request()` so that nothing escapes the count: a thrown fetch (reset, refused, timeout)
 * is a transport failure, a 5xx a server failure, any other status is counted by its value.
 */
export interface SoakTally {
  requests: number;
  statuses: Record<string, number>;
  serverErrors: number;
  transportErrors: number;
  /** The first few failures, with what was asked, to show when the run fails. */
  failureSamples: string[];
  latenciesMs: number[];
}

export function createTally(): SoakTally {
  return { requests: 0, statuses: {}, serverErrors: 0, transportErrors: 0, failureSamples: [], latenciesMs: [] };
}

export interface SoakAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

const keptSamples = 10;

/** Sends one request, records its outcome, and returns the answer (JSON parsed when it is JSON), or null when the transport failed. */
export async function request(
  tally: SoakTally,
  url: string,
  init: RequestInit & { timeoutMs?: number },
): Promise<SoakAnswer | null> {
  tally.requests += 1;
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 30_000) });
    const text = await response.text();
    tally.latenciesMs.push(performance.now() - started);
    tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
    if (response.status >= 500) {
      tally.serverErrors += 1;
      sample(tally, `${init.method ?? 'GET'} ${new URL(url).pathname} -> ${response.status} ${text.slice(0, 200)}`);
    }
    const isJson = response.headers.get('content-type')?.includes('json') ?? false;
    return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text };
  } catch (error) {
    tally.transportErrors += 1;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    sample(
      tally,
      `${init.method ?? 'GET'} ${new URL(url).pathname} -> ${(error as Error).name}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
    );
    return null;
  }
}

function sample(tally: SoakTally, line: string): void {
  if (tally.failureSamples.length < keptSamples) tally.failureSamples.push(line);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
