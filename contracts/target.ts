import type { Vendor } from '../mocks/spec/specRegistry.js';
import type { TargetInfo, TargetKind } from './report.js';

export type FetchFunction = typeof fetch;

const localHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** A target host counts as local when it is the loopback address or name. */
export function isLocalHost(hostname: string): boolean {
  return localHosts.has(hostname.toLowerCase());
}

/** Reads a target URL; throws an Error whose message can be shown as is. */
export function parseTargetUrl(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`the target "${target}" is not a URL; give one such as http://127.0.0.1:4010`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`the target must be an http or https URL, got ${url.protocol}`);
  if (url.search || url.hash) throw new Error('the target must be a base URL without a query or fragment');
  // Credentials in a URL end up in logs and process lists; they come from flags or the environment.
  if (url.username || url.password)
    throw new Error('the target must not hold user:password; give credentials with --api-key or the environment');
  return url;
}

export interface ProbeResult {
  kind: TargetKind;
  detectedBy: string;
  /** Set when the target is a bulkmock that cannot be used for this vendor, or cannot be reached. */
  problem?: string;
}

/**
 * Decides what the target is. A bulkmock answers `GET /__bulkmock/health` with 200 and status "ok"
 * (also through `prism proxy`, which forwards it). `prism mock` answers that path, which no vendor
 * spec has, with its own problem document (`type: https://stoplight.io/prism/errors#...`).
 * Anything else is taken for the vendor's platform. `forced` skips the guess, but a forced bulkmock
 * must still answer its health check.
 */
export async function probeTarget(options: {
  base: string;
  vendor: Vendor;
  fetch: FetchFunction;
  forced?: TargetKind;
  controlToken?: string;
  timeoutMs: number;
}): Promise<ProbeResult> {
  const { base, vendor, forced } = options;
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(`${base}/__bulkmock/health`, {
      headers: {
        accept: 'application/json',
        ...(options.controlToken && { 'x-bulkmock-token': options.controlToken }),
      },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    return {
      kind: forced ?? 'vendor',
      detectedBy: 'unreachable',
      problem: `the target could not be reached: GET ${base}/__bulkmock/health failed (${describeFetchError(error)})`,
    };
  }
  const body = parseJson(text) as { status?: unknown; vendors?: unknown; type?: unknown } | undefined;
  const isBulkmock = response.status === 200 && body?.status === 'ok';
  if (forced === 'prism' || forced === 'vendor') return { kind: forced, detectedBy: '--target-kind' };
  if (isBulkmock) {
    const served = Array.isArray(body?.vendors) ? (body.vendors as string[]) : [];
    const problem = served.includes(vendor)
      ? undefined
      : `the bulkmock at ${base} does not serve ${vendor} (it serves ${served.join(', ') || 'nothing'}); start it with --vendor ${vendor}`;
    return {
      kind: 'bulkmock',
      detectedBy: forced ? '--target-kind' : 'GET /__bulkmock/health answered status "ok"',
      ...(problem && { problem }),
    };
  }
  if (response.status === 401 && /x-bulkmock-token/i.test(text)) {
    return {
      kind: 'bulkmock',
      detectedBy: 'GET /__bulkmock/health asked for a control token',
      problem:
        'the target is a bulkmock started with a control token; pass it with --control-token or BULKMOCK_CONTROL_TOKEN',
    };
  }
  if (forced === 'bulkmock') {
    return {
      kind: 'bulkmock',
      detectedBy: '--target-kind',
      problem: `--target-kind bulkmock, but GET ${base}/__bulkmock/health answered ${response.status}, not 200 with status "ok"`,
    };
  }
  // `prism mock` answers a path outside its spec itself, with its own problem document.
  if (typeof body?.type === 'string' && body.type.startsWith('https://stoplight.io/prism/')) {
    return { kind: 'prism', detectedBy: 'GET /__bulkmock/health answered a Prism problem document' };
  }
  // `prism proxy` forwards it and flags it in sl-violations: the state is the upstream's, so it is tested like one.
  if (response.headers.has('sl-violations')) {
    return {
      kind: 'vendor',
      detectedBy: `a Prism proxy (sl-violations) before a backend that answered GET /__bulkmock/health with ${response.status}`,
    };
  }
  return { kind: 'vendor', detectedBy: `GET /__bulkmock/health answered ${response.status}` };
}

/** What the suite may do with a target. */
export function describeTarget(url: URL, probe: ProbeResult, allowWrites: boolean): TargetInfo {
  const local = isLocalHost(url.hostname);
  return {
    url: url.href.replace(/\/$/, ''),
    kind: probe.kind,
    detectedBy: probe.detectedBy,
    local,
    extensions: probe.kind === 'bulkmock',
    writesAllowed: local || allowWrites,
  };
}

/** fetch's "fetch failed" hides the reason in `cause`; show it (ECONNREFUSED, ENOTFOUND, a timeout). */
export function describeFetchError(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'no answer before the timeout';
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message ?? 'fetch failed'}: ${cause}` : (err.message ?? String(error));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
