import { apiKeyLocations } from '../spec/securitySchemes.js';

/** Parts of a name that mark its value as a credential, wherever they appear in it (any case). */
const credentialWords = ['auth', 'token', 'key', 'secret', 'password', 'session', 'cookie'];

const redacted = '[redacted]';

/**
 * The header and query parameter names the specs' security schemes send credentials in
 * (`components.securitySchemes`, type apiKey), lower case. Read once from the specs, so a scheme
 * added to a spec is redacted without a change here.
 */
const schemeNames = apiKeyLocations();

/** Whether a header or query parameter of this name carries a credential. */
function isCredentialName(name: string, where: 'header' | 'query'): boolean {
  const lower = name.toLowerCase();
  return schemeNames[where].has(lower) || credentialWords.some((word) => lower.includes(word));
}

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isCredentialName(name, 'header') ? redacted : value;
  return out;
}

/** The query string with the value of every credential-looking parameter replaced. */
export function redactQuery(query: URLSearchParams): string {
  let secret = false;
  for (const name of query.keys()) if (isCredentialName(name, 'query')) secret = true;
  if (!secret) return query.toString();
  const parts: string[] = [];
  for (const [name, value] of query) {
    const pair = new URLSearchParams([[name, value]]).toString();
    parts.push(isCredentialName(name, 'query') ? `${pair.slice(0, pair.indexOf('=') + 1)}${redacted}` : pair);
  }
  return parts.join('&');
}
