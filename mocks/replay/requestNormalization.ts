import {
  createTextRedactor,
  credentialNames,
  redactedMark,
  secretsInBody,
  secretsOf,
  type CredentialNames,
} from './credentialRedaction.js';

/**
 * How two requests are judged the same for replay. Compared: the method, the path, the query and
 * the body, after
 *   - credentials are taken out: credential query parameters are dropped, and every secret the
 *     request carries (in its credential headers, cookies, query or body fields) is replaced by the
 *     marker in the body, exactly as a recording is redacted, so a live request and its redacted
 *     recording compare equal;
 *   - volatile values are masked: in a JSON (or JSON Lines) body, and in query values, an RFC 3339
 *     date or date-time becomes `<date-time>` and a UUID becomes `<uuid>`; fields named like
 *     per-request values (`requestId`, `nonce`, `timestamp`, `idempotencyKey`...) become `<volatile>`;
 *   - JSON is compared as data (key order and white space do not matter); other bodies as text
 *     with CRLF read as LF and trailing white space dropped; query parameters in any order;
 *     percent-escapes in the path in either case; query parameters starting with `_` (cache
 *     busters such as jQuery's `_=1712...`) are dropped.
 * Headers are not compared (clients differ in User-Agent, Accept and the like).
 */
export interface ComparableRequest {
  method: string;
  path: string;
  query: string;
  body: string;
}

export interface RequestParts {
  method: string;
  /** The path, still percent-encoded. */
  path: string;
  query: ReadonlyArray<readonly [string, string]>;
  headers: ReadonlyArray<{ name: string; value: string }>;
  body: string;
}

const volatileFields = new Set([
  'requestid',
  'nonce',
  'timestamp',
  'idempotencykey',
  'correlationid',
  'traceid',
  'sentat',
  'clienttime',
]);
const dateTime = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let defaultNames: CredentialNames | undefined;

export function comparableRequest(
  parts: RequestParts,
  names: CredentialNames = (defaultNames ??= credentialNames()),
): ComparableRequest {
  const queryPairs = parts.query.map(([name, value]) => ({ name, value }));
  const secrets = [...secretsOf(parts.headers, queryPairs, names), ...secretsInBody(parts.body)];
  const redact = createTextRedactor(secrets);
  const query = parts.query
    .filter(([name]) => !names.query.has(name.toLowerCase()) && !name.startsWith('_'))
    .map(([name, value]) => `${name}=${maskValue(value)}`)
    .sort()
    .join('&');
  return {
    method: parts.method.toUpperCase(),
    path: parts.path.replace(/%[0-9a-f]{2}/gi, (e) => e.toUpperCase()),
    query,
    body: comparableBody(redact(parts.body)),
  };
}

/** One string per request: equal keys mean the requests match. */
export function requestKey(request: ComparableRequest): string {
  return `${request.method} ${request.path}?${request.query}\n${request.body}`;
}

function comparableBody(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const json = parseJson(trimmed);
  if (json !== undefined) return canonicalJson(json);
  const lines = trimmed.split(/\r?\n/);
  if (lines.length > 1) {
    const parsed = lines.map((line) => (line.trim() === '' ? undefined : parseJson(line)));
    if (parsed.every((value, i) => value !== undefined || lines[i]!.trim() === '')) {
      return parsed
        .filter((v) => v !== undefined)
        .map(canonicalJson)
        .join('\n');
    }
  }
  return lines.map((line) => line.trimEnd()).join('\n');
}

function parseJson(text: string): unknown {
  if (!/^[[{"]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON with sorted keys and volatile values masked. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(mask(value, null));
}

function mask(value: unknown, key: string | null): unknown {
  if (key !== null && volatileFields.has(key.toLowerCase().replace(/[-_]/g, ''))) return '<volatile>';
  if (typeof value === 'string') return maskValue(value);
  if (Array.isArray(value)) return value.map((v) => mask(v, null));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = mask((value as Record<string, unknown>)[k], k);
    return out;
  }
  return value;
}

function maskValue(value: string): string {
  if (value === redactedMark) return value;
  if (dateTime.test(value)) return '<date-time>';
  if (uuid.test(value)) return '<uuid>';
  return value;
}
