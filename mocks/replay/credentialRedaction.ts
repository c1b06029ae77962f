import { decodeBase64, encodeBase64 } from '../core/base64.js';
import { apiKeyLocations } from '../spec/securitySchemes.js';
import type { HarEntry, HarNameValue } from './har.js';

/** What every credential is replaced with: the contract suite's marker (contracts/redact.ts, not imported: that module uses Node's Buffer). */
export const redactedMark = '[redacted]';

/**
 * Header and query parameter names that carry credentials: the usual ones, and every name a vendor
 * spec's `components.securitySchemes` gives an `apiKey` scheme. Names are lower case.
 */
export interface CredentialNames {
  headers: ReadonlySet<string>;
  query: ReadonlySet<string>;
}

const commonHeaders = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-auth-token',
  'x-access-token',
  'x-bulkmock-token',
];
const commonQuery = ['api_key', 'apikey', 'api-key', 'key', 'access_token', 'token', 'auth', 'password', 'secret'];

/** The credential names of every vendor spec (a browser recording may hold several vendors). */
export function credentialNames(): CredentialNames {
  const headers = new Set(commonHeaders);
  const query = new Set(commonQuery);
  const fromSpecs = apiKeyLocations();
  for (const name of fromSpecs.header) headers.add(name);
  for (const name of fromSpecs.query) query.add(name);
  return { headers, query };
}

/** Secrets shorter than this are masked where they are named (a header, a parameter) but not searched for in free text. */
const minSearchedSecretLength = 6;

/**
 * The secret values a request carries in its credential headers, cookies and query parameters:
 * `Bearer <key>` gives the key; `Basic <b64>` gives the base64 text and the user and password it
 * decodes to; `apikey <key>` the key; a cookie each of its values; anything else its whole value.
 */
export function secretsOf(
  headers: readonly HarNameValue[],
  query: readonly HarNameValue[],
  names: CredentialNames,
): string[] {
  const secrets = new Set<string>();
  for (const { name, value } of headers) {
    const lower = name.toLowerCase();
    if (!names.headers.has(lower) || !value) continue;
    if (lower === 'cookie') for (const pair of value.split(';')) addCookieValue(secrets, pair);
    else if (lower === 'set-cookie') addCookieValue(secrets, value.split(';')[0] ?? '');
    else addSchemeValue(secrets, value);
  }
  for (const { name, value } of query) if (names.query.has(name.toLowerCase()) && value) secrets.add(value);
  return [...secrets];
}

/** Field names that hold a credential in a JSON or form body (compared without case, `-` or `_`). */
const credentialFields = new Set([
  'apikey',
  'accesstoken',
  'refreshtoken',
  'clientsecret',
  'password',
  'secret',
  'token',
  'authorization',
  'idtoken',
]);
const jsonStringField = /"([A-Za-z_-]{3,40})"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
const formField = /(?:^|&)([A-Za-z_-]{3,40})=([^&]*)/g;

/** Secrets a body holds under a credential field name: `"apiKey": "..."` in JSON, `api_key=...` in a form. */
export function secretsInBody(text: string): string[] {
  const found: string[] = [];
  const isCredential = (name: string) => credentialFields.has(name.toLowerCase().replace(/[-_]/g, ''));
  for (const [, name, value] of text.matchAll(jsonStringField)) if (isCredential(name!) && value) found.push(value);
  if (!text.trimStart().startsWith('{') && !text.trimStart().startsWith('[')) {
    for (const [, name, value] of text.matchAll(formField)) {
      if (!isCredential(name!) || !value) continue;
      try {
        found.push(decodeURIComponent(value.replace(/\+/g, ' ')));
      } catch {
        found.push(value);
      }
    }
  }
  return found;
}

function addCookieValue(secrets: Set<string>, pair: string): void {
  const eq = pair.indexOf('=');
  const value = (eq === -1 ? pair : pair.slice(eq + 1)).trim();
  if (value) secrets.add(value);
}

function addSchemeValue(secrets: Set<string>, value: string): void {
  const match = /^\s*([A-Za-z][\w-]*)\s+(\S.*?)\s*$/.exec(value);
  if (!match) {
    secrets.add(value.trim());
    return;
  }
  const [, scheme, credential] = match as unknown as [string, string, string];
  secrets.add(credential);
  if (scheme.toLowerCase() === 'basic') {
    const decoded = decodeBase64(credential);
    if (decoded !== null) {
      const colon = decoded.indexOf(':');
      for (const part of colon === -1 ? [decoded] : [decoded.slice(0, colon), decoded.slice(colon + 1)])
        if (part) secrets.add(part);
    }
  }
}

/** Every form a secret can take in recorded text: as is, percent-encoded (either case), base64 (of it and of `it:`, padded or not, standard or URL-safe). */
function secretVariants(secret: string): string[] {
  const percent = encodeURIComponent(secret);
  const forms = [
    secret,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    encodeURIComponent(percent),
  ];
  for (const plain of [secret, `${secret}:`]) {
    const b64 = encodeBase64(plain);
    const unpadded = b64.replace(/=+$/, '');
    forms.push(b64, unpadded, unpadded.replace(/\+/g, '-').replace(/\//g, '_'), encodeURIComponent(b64));
  }
  return forms;
}

/** Replaces every form of the given secrets in text with the marker; case-insensitive for the percent-encoded forms' hex only. */
export function createTextRedactor(secrets: readonly string[]): (text: string) => string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < minSearchedSecretLength || secret === redactedMark) continue;
    for (const variant of secretVariants(secret)) if (variant.length >= minSearchedSecretLength) variants.add(variant);
  }
  // Longest first, so that a secret inside a longer encoded one does not leave the rest behind.
  const ordered = [...variants].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const variant of ordered) if (out.includes(variant)) out = out.split(variant).join(redactedMark);
    return out;
  };
}

/** A credential header's value with the credential replaced: the scheme word stays (`Bearer [redacted]`). */
function maskHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'cookie')
    return value
      .split(';')
      .map((pair) => maskCookie(pair.trim()))
      .join('; ');
  if (lower === 'set-cookie') {
    const [first = '', ...attributes] = value.split(';');
    return [maskCookie(first.trim()), ...attributes.map((a) => a.trim())].join('; ');
  }
  const scheme = /^\s*([A-Za-z][\w-]*)\s+\S/.exec(value);
  return scheme ? `${scheme[1]} ${redactedMark}` : redactedMark;
}

function maskCookie(pair: string): string {
  const eq = pair.indexOf('=');
  return eq === -1 ? redactedMark : `${pair.slice(0, eq)}=${redactedMark}`;
}

/**
 * A copy of a HAR entry with no credential left: credential headers, cookies and credential query
 * parameters masked by name, and every form of their values (and of `extraSecrets`) replaced
 * wherever else it appears: the URL, other headers, bodies, comments. A base64 body that decodes
 * to UTF-8 text is kept as text so that it can be searched.
 */
export function redactEntry(
  entry: HarEntry,
  names: CredentialNames = credentialNames(),
  extraSecrets: readonly string[] = [],
): HarEntry {
  const { request, response } = entry;
  const content = { ...response.content };
  if (content.encoding === 'base64' && typeof content.text === 'string') {
    const decoded = decodeBase64(content.text);
    if (decoded !== null) {
      content.text = decoded;
      delete content.encoding;
    }
  }
  const responseSecrets = secretsOf(response.headers ?? [], [], names);
  const secrets = [
    ...secretsOf(request.headers ?? [], request.queryString ?? [], names),
    ...secretsOf([], queryOfUrl(request.url), names),
    ...(request.cookies ?? []).map((c) => c.value),
    ...(response.cookies ?? []).map((c) => c.value),
    ...responseSecrets,
    ...secretsInBody(request.postData?.text ?? ''),
    ...secretsInBody(content.encoding === 'base64' ? '' : (content.text ?? '')),
    ...extraSecrets,
  ].filter(Boolean);
  const text = createTextRedactor(secrets);
  const headers = (list: readonly HarNameValue[] | undefined) =>
    (list ?? []).map((h) => ({
      ...h,
      value: names.headers.has(h.name.toLowerCase()) ? maskHeaderValue(h.name, h.value) : text(h.value),
    }));
  const query = (list: readonly HarNameValue[] | undefined) =>
    (list ?? []).map((q) => ({ ...q, value: names.query.has(q.name.toLowerCase()) ? redactedMark : text(q.value) }));
  const cookies = (list: readonly HarNameValue[] | undefined) =>
    (list ?? []).map((c) => ({ ...c, value: redactedMark }));

  if (typeof content.text === 'string') content.text = text(content.text);
  if (content.comment) content.comment = text(content.comment);

  return {
    ...entry,
    ...(entry.comment !== undefined && { comment: text(entry.comment) }),
    request: {
      ...request,
      url: redactUrl(request.url, names, text),
      headers: headers(request.headers),
      queryString: query(request.queryString),
      cookies: cookies(request.cookies),
      ...(request.postData && {
        postData: {
          ...request.postData,
          ...(typeof request.postData.text === 'string' && { text: text(request.postData.text) }),
          ...(request.postData.params && {
            params: request.postData.params.map((p) => ({
              ...p,
              value:
                p.value === undefined
                  ? undefined
                  : names.query.has(p.name.toLowerCase())
                    ? redactedMark
                    : text(p.value),
            })),
          }),
        },
      }),
    },
    response: { ...response, headers: headers(response.headers), cookies: cookies(response.cookies), content },
  };
}

function queryOfUrl(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** The URL with credential parameters masked and secrets replaced in the rest (the query string is rebuilt by hand to keep its order and form). */
function redactUrl(url: string, names: CredentialNames, text: (t: string) => string): string {
  const q = url.indexOf('?');
  if (q === -1) return text(url);
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape stays as sent.
      }
      return names.query.has(decoded.toLowerCase()) && eq !== -1
        ? `${name}=${encodeURIComponent(redactedMark)}`
        : text(pair);
    });
  return `${text(url.slice(0, q))}?${query.join('&')}`;
}
