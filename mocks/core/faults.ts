import { documentedStatuses } from '../spec/operationResponses.js';
import type { OperationEntry } from '../spec/specRegistry.js';
import type { Random } from './random.js';
import type { JobFailure } from './simulator.js';

/**
 * Outcomes a client can ask for. `Prefer` follows Prism's convention (`Prefer: code=429`,
 * `Prefer: example=seed`, or both); the `X-Bulkmock-*` headers are ours.
 */
export interface RequestedFaults {
  code: number | null;
  example: string | null;
  latencyMs: number;
  /** Set by `X-Bulkmock-Fail-Job`: the job this request starts fails with this message. */
  failJob: string | null;
}

/** What a request that asks for no fault asks for: most requests, so one object serves them all. */
const noFaults: Readonly<RequestedFaults> = Object.freeze({ code: null, example: null, latencyMs: 0, failJob: null });

export function readRequestedFaults(
  headers: Readonly<Record<string, string>>,
): Readonly<RequestedFaults> | { error: string } {
  const prefer = headers['prefer'];
  const latency = headers['x-bulkmock-latency'];
  const failJob = headers['x-bulkmock-fail-job'];
  if (prefer === undefined && latency === undefined && failJob === undefined) return noFaults;
  const faults: RequestedFaults = { code: null, example: null, latencyMs: 0, failJob: null };
  if (prefer) {
    for (const part of prefer.split(/[,;]/)) {
      const [rawKey, ...rest] = part.split('=');
      const key = rawKey?.trim().toLowerCase();
      const value = rest.join('=').trim().replace(/^"|"$/g, '');
      if (key === 'code') {
        if (!/^[1-5]\d\d$/.test(value)) return { error: `Prefer: code=${value} is not an HTTP status code` };
        faults.code = Number(value);
      } else if (key === 'example') {
        if (!value) return { error: 'Prefer: example= needs the name of an example' };
        faults.example = value;
      }
    }
  }
  if (latency !== undefined) {
    if (!/^\d{1,6}$/.test(latency.trim()))
      return { error: `X-Bulkmock-Latency must be a whole number of milliseconds up to 999999, got "${latency}"` };
    faults.latencyMs = Number(latency.trim());
  }
  if (failJob !== undefined) faults.failJob = failJob.trim() || 'The import failed (forced by X-Bulkmock-Fail-Job)';
  return faults;
}

/** Where in a job a forced failure strikes, unless said otherwise: half of the rows are processed. */
const defaultFailureFraction = 0.5;

/** The job failure a request asked for, read from its faults once by the core. */
export function failureOf(faults: Readonly<RequestedFaults>): JobFailure | null {
  return faults.failJob === null ? null : { message: faults.failJob, atFraction: defaultFailureFraction };
}

/**
 * Statuses that answer the client's own request rather than a fault of the server or the platform:
 * a malformed or oversized request, missing credentials, a missing resource. `--error-rate` never
 * draws these, because a client cannot tell them from its own bug.
 */
const requestStatuses: ReadonlySet<number> = new Set([400, 401, 403, 404, 405, 413, 415]);

/**
 * The statuses `--error-rate` may inject into an operation: every error status its spec documents
 * that is not about the request itself (for StackOne's batch: 408, 409, 412, 422, 429, 500, 501,
 * 502 and 503).
 */
export function faultStatuses(entry: OperationEntry): number[] {
  return documentedStatuses(entry).filter((status) => status >= 400 && !requestStatuses.has(status));
}

/**
 * Draws an injected error for the configured rate among the operation's fault statuses, narrowed
 * to `allowed` when given (`--error-statuses`). An operation that documents none of the allowed
 * statuses is left alone: injecting a status its spec does not list would break the contract.
 */
export function drawInjectedStatus(
  entry: OperationEntry,
  errorRate: number,
  random: Random,
  allowed: readonly number[] | null = null,
): number | null {
  if (errorRate <= 0) return null;
  const roll = random.next();
  if (roll >= errorRate) return null;
  const candidates = faultStatuses(entry).filter((s) => allowed === null || allowed.includes(s));
  return candidates.length > 0 ? random.pick(candidates) : null;
}
