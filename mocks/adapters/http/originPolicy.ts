import { isIP } from 'node:net';

/**
 * Who may reach the standalone server: which `Host` names it answers (against DNS rebinding, as Vite
 * and webpack-dev-server do) and which web origins may call its control API from a browser.
 */
export interface OriginPolicyOptions {
  /** The address the server is bound to (`--host`). */
  boundHost: string;
  /** Further host names to answer (`--allowed-host`); `.example.test` also allows its subdomains. */
  allowedHosts?: readonly string[];
  /** Further origins that may call `/__bulkmock/` from a page (`--cors-origin`), such as `https://ui.example.test`. */
  corsOrigins?: readonly string[];
}

export interface OriginPolicy {
  /** Why a request with this `Host` header is refused, or null when it is served. */
  hostProblem(host: string | undefined): string | null;
  /**
   * How a control API request from this `Origin` is treated: `none` (no Origin: not a page),
   * `allowed` (the same origin, a loopback origin or one named by --cors-origin), `refused`.
   */
  controlOrigin(origin: string | undefined, host: string | undefined): 'none' | 'allowed' | 'refused';
}

export function createOriginPolicy(options: OriginPolicyOptions): OriginPolicy {
  const bound = normalizeHostName(options.boundHost);
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const host of options.allowedHosts ?? []) {
    const name = normalizeHostName(host);
    if (name.startsWith('.')) suffixes.push(name);
    else exact.add(name);
  }
  const corsOrigins = new Set((options.corsOrigins ?? []).map((origin) => origin.toLowerCase().replace(/\/+$/, '')));

  const judgeHost = (host: string): string | null => {
    const name = hostName(host);
    if (name === null) return `the Host header "${host}" is not a host name`;
    if (isLoopbackName(name) || isIP(name.replace(/^\[|\]$/g, '')) !== 0 || name === bound || exact.has(name))
      return null;
    if (suffixes.some((suffix) => name.endsWith(suffix) || name === suffix.slice(1))) return null;
    return `the Host header names "${name}", which this mock does not answer to (a page on another site could reach the mock through it by DNS rebinding); start the mock with --allowed-host ${name} if that name is yours`;
  };
  // Every request asks, with one of a few Host values: each is judged once (three regular
  // expressions), and the verdicts of at most `remembered` values are kept.
  const verdicts = new Map<string, string | null>();
  const remembered = 256;

  return {
    hostProblem(host) {
      // HTTP/1.0 clients may send no Host; a browser always sends one, so this is not a rebinding.
      if (host === undefined || host === '') return null;
      let verdict = verdicts.get(host);
      if (verdict === undefined) {
        verdict = judgeHost(host);
        if (verdicts.size >= remembered) verdicts.clear();
        verdicts.set(host, verdict);
      }
      return verdict;
    },
    controlOrigin(origin, host) {
      if (origin === undefined) return 'none';
      const normalized = origin.toLowerCase();
      if (corsOrigins.has(normalized)) return 'allowed';
      let url: URL;
      try {
        url = new URL(normalized);
      } catch {
        return 'refused';
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'refused';
      if (isLoopbackName(normalizeHostName(url.hostname))) return 'allowed';
      // The dashboard calls its own server: same origin.
      if (host !== undefined && url.host === host.toLowerCase()) return 'allowed';
      return 'refused';
    },
  };
}

/** localhost, its subdomains, 127.0.0.0/8 and ::1: names that only ever mean this machine. */
function isLoopbackName(name: string): boolean {
  const bare = name.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  return /^127(\.\d{1,3}){3}$/.test(bare) && isIP(bare) === 4;
}

/** The host part of a Host header (no port, lower case, brackets kept for IPv6), or null when it is malformed. */
function hostName(header: string): string | null {
  const value = header.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/\s@]+)(?::\d{1,5})?$/.exec(value);
  return match ? normalizeHostName(match[1]!) : null;
}

function normalizeHostName(name: string): string {
  const lower = name.trim().toLowerCase().replace(/\.$/, '');
  // An IPv6 address is compared with its brackets, as it appears in a Host header.
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}
