import { METHODS } from 'node:http';
import { expect } from 'vitest';
import type { RunningServer } from '../../../mocks/adapters/http/httpServer.js';
import { validateResponse } from '../../../mocks/spec/responseValidation.js';
import { SpecValidators } from '../../../mocks/spec/schemaValidators.js';
import { send, type Answer, type RawRequest } from './rawHttp.js';

const validators = new SpecValidators();

/**
 * The message an error body gives people, wherever its vendor puts it: `errors[].message` (Thought
 * Industries), `message` (StackOne, Learning Builder), `error.message` (control API and transport
 * errors). null when the body holds none.
 */
export function errorMessage(body: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'message' && typeof child === 'string' && child.trim() !== '') found.push(child);
      else if (key === 'errors' || key === 'error') visit(child);
      else if (Array.isArray(node)) visit(child);
    }
  };
  visit(value);
  return found[0] ?? null;
}

/**
 * Every rule an answer must keep, whatever was sent:
 * - never a 5xx;
 * - a request that routes to an operation gets an answer its spec documents (status, required
 *   headers, body schema), and a 4xx body says what is wrong (except Thought Industries' 401, which
 *   is empty by the vendor's design);
 * - a path no operation has gets a 404, and a known path with the wrong method a 405 with Allow, both
 *   saying what is wrong (a HEAD answer carries no body, so only its status and Allow count).
 * Returns the broken rules, so that a failing property names them all.
 */
export function brokenRules(
  running: RunningServer,
  request: { method: string; path: string },
  answer: Answer,
): string[] {
  const broken: string[] = [];
  const where = `${request.method} ${request.path.slice(0, 200)} -> ${answer.status} ${answer.body.slice(0, 300)}`;
  if (answer.status >= 500) broken.push(`a 5xx: ${where}`);
  if (refusedByParser(request)) {
    // Node's parser refuses the request line before any route is looked up; the answer still says why.
    const reason = request.method === 'HEAD' || /not valid HTTP/.test(errorMessage(answer.body) ?? '');
    if (answer.status !== 400 || !reason)
      broken.push(`a request line HTTP does not allow, answered other than 400 with a reason: ${where}`);
    return broken;
  }
  const lookup = running.core.routes.lookup(request.method, request.path.split('?')[0]!);
  const needsMessage = answer.status >= 400 && request.method !== 'HEAD';
  if (lookup.kind === 'found') {
    const { entry } = lookup.match;
    for (const problem of validateResponse(validators, entry, answer))
      broken.push(`outside the spec of ${entry.operationId}: ${problem.message} (${where})`);
    const emptyByDesign = entry.spec === 'thought-industries' && answer.status === 401;
    if (needsMessage && !emptyByDesign && errorMessage(answer.body) === null)
      broken.push(`a ${answer.status} that does not say what is wrong: ${where}`);
  } else if (lookup.kind === 'method-not-allowed') {
    if (answer.status !== 405) broken.push(`a wrong method answered other than 405: ${where}`);
    const allow = (answer.headers.allow ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean)
      .sort();
    if (allow.join() !== [...lookup.allowed].sort().join())
      broken.push(`a 405 whose Allow is "${answer.headers.allow}", expected ${lookup.allowed.join(', ')}: ${where}`);
    if (needsMessage && errorMessage(answer.body) === null)
      broken.push(`a 405 that does not say what is wrong: ${where}`);
  } else {
    if (answer.status !== 404) broken.push(`an unknown path answered other than 404: ${where}`);
    if (needsMessage && errorMessage(answer.body) === null)
      broken.push(`a 404 that does not say what is wrong: ${where}`);
  }
  return broken;
}

/** A request line Node's HTTP parser refuses: a method it does not know, or bytes outside ASCII in the target. */
function refusedByParser(request: { method: string; path: string }): boolean {
  return !METHODS.includes(request.method) || /[^\x21-\x7e]/.test(request.path);
}

/** Sends a request and checks its answer against every rule; returns the answer for further checks. */
export async function sendAndCheck(running: RunningServer, request: RawRequest): Promise<Answer> {
  const answer = await send(running, request);
  expect(brokenRules(running, request, answer), `the request: ${describeRequest(request)}`).toEqual([]);
  return answer;
}

/** The request as a person can read it in a failure report. */
export function describeRequest(request: RawRequest): string {
  const body =
    request.body === undefined
      ? ''
      : typeof request.body === 'string'
        ? request.body
        : new TextDecoder().decode(request.body);
  return `${request.method} ${request.path.slice(0, 300)} ${JSON.stringify(request.headers ?? {})} ${JSON.stringify(body.length > 400 ? `${body.slice(0, 400)}... (${body.length} characters)` : body)}`;
}

/** The server still answers its health check: run after every property. */
export async function expectStillServing(running: RunningServer): Promise<void> {
  const health = await send(running, { method: 'GET', path: '/__bulkmock/health' }, 5_000);
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
}
