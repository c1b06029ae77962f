/**
 * A value read from a file or an answer, as text for the page: `absent` when there is none, strings
 * as they are, numbers and booleans as written, structures as JSON (never "[object Object]").
 */
export function valueText(value: unknown, absent = ''): string {
  if (value === undefined || value === null) return absent;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? absent;
}
