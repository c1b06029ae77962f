import { formatPointer } from '../../mocks/spec/jsonPointer.js';
import type { CheckContext, Exchange } from '../check.js';

/** The start of a body, for messages. */
function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function statusProblem(exchange: Exchange, expected: readonly number[], what: string) {
  return {
    operationId: exchange.entry.operationId,
    pointer: 'status',
    value: exchange.status,
    message: `${exchange.entry.operationId}: ${what} answered ${exchange.status}, expected ${expected.join(' or ')} (body: ${excerpt(exchange.text)})`,
  };
}

/** Records a problem when the status is not one of `expected`; returns whether it was. */
export function expectStatus(
  context: CheckContext,
  exchange: Exchange,
  expected: readonly number[],
  what: string,
): boolean {
  if (expected.includes(exchange.status)) return true;
  context.problem(statusProblem(exchange, expected, what));
  return false;
}

/** Like `expectStatus`, but ends the check: what follows depends on the answer. */
export function requireStatus(
  context: CheckContext,
  exchange: Exchange,
  expected: readonly number[],
  what: string,
): void {
  if (!expected.includes(exchange.status)) context.fail(statusProblem(exchange, expected, what));
}

/** A malformed request must be refused as the client's fault (4xx), never crash the server (5xx). */
export function expectClientError(context: CheckContext, exchange: Exchange, what: string): void {
  if (exchange.status >= 400 && exchange.status < 500) return;
  context.problem({
    operationId: exchange.entry.operationId,
    pointer: 'status',
    value: exchange.status,
    message: `${exchange.entry.operationId}: ${what} answered ${exchange.status}; a malformed request must get a 4xx, never ${exchange.status >= 500 ? 'a 5xx' : 'a success'} (body: ${excerpt(exchange.text)})`,
  });
}

/** The value at a place in a parsed answer, or undefined. */
function valueAt(value: unknown, ...keys: Array<string | number>): unknown {
  return keys.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
    value,
  );
}

export function objectAt(value: unknown, ...keys: Array<string | number>): Record<string, unknown> | undefined {
  const found = valueAt(value, ...keys);
  return found !== null && typeof found === 'object' && !Array.isArray(found)
    ? (found as Record<string, unknown>)
    : undefined;
}

export function arrayAt(value: unknown, ...keys: Array<string | number>): unknown[] {
  const found = valueAt(value, ...keys);
  return Array.isArray(found) ? found : [];
}

export function numberAt(value: unknown, ...keys: Array<string | number>): number | undefined {
  const found = valueAt(value, ...keys);
  return typeof found === 'number' ? found : undefined;
}

export function stringAt(value: unknown, ...keys: Array<string | number>): string | undefined {
  const found = valueAt(value, ...keys);
  return typeof found === 'string' ? found : undefined;
}

/** `/data/APIBackgroundJob/status` from keys. */
export function pointerOf(...keys: Array<string | number>): string {
  return formatPointer(keys);
}
