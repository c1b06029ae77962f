import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { setupBulkmockServer } from '../../mocks/adapters/msw/node.js';
import type { CreateMockOptions } from '../../mocks/builtInVendors.js';
import { encodeBase64 } from '../../mocks/core/base64.js';
import { validateResponse } from '../../mocks/spec/responseValidation.js';
import { SpecValidators } from '../../mocks/spec/schemaValidators.js';

const origin = 'http://lms.test';

export const tiAuth = { authorization: 'Bearer ti-test-key' };
export const stackOneAuth = (account = 'acme-prod') => ({
  authorization: `Basic ${encodeBase64('so-test-key:')}`,
  'x-account-id': account,
});
export const lbAuth = { authorization: 'apikey lb-test-key' };
export const json = { 'content-type': 'application/json' };

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  // Tests read into answers freely; the spec check below has already validated their shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

const validators = new SpecValidators();

/**
 * Runs a test file against bulkmock through MSW's setupServer and the real global fetch. Every
 * answer to an operation is checked against that operation's spec (status, required headers, body
 * schema), so a test that passes also proves the mock kept the contract, error answers included.
 * Time is virtual (manual timing) unless the test asks otherwise; state is reset after each test.
 */
export function useBulkmock(options: CreateMockOptions = {}) {
  const { server, core } = setupBulkmockServer({ timing: { mode: 'manual' }, ...options });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => core.reset());
  afterAll(() => server.close());

  async function call(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<Answer> {
    const response = await fetch(`${origin}${path}`, { method, headers: init.headers, body: init.body });
    const body = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const lookup = core.routes.lookup(method, path.split('?')[0]!);
    if (lookup.kind === 'found') {
      const problems = validateResponse(validators, lookup.match.entry, { status: response.status, headers, body });
      expect(problems, `${method} ${path} answered ${response.status} outside its spec`).toEqual([]);
    }
    let parsed: unknown = undefined;
    if ((headers['content-type'] ?? '').includes('json') && body !== '') parsed = JSON.parse(body);
    return { status: response.status, headers, body, json: parsed };
  }

  return {
    core,
    call,
    get: (path: string, headers: Record<string, string> = {}) => call('GET', path, { headers }),
    postJson: (path: string, value: unknown, headers: Record<string, string> = {}) =>
      call('POST', path, { headers: { ...json, ...headers }, body: JSON.stringify(value) }),
    /** Moves virtual time forward (the mock's manual clock). */
    advance: (ms: number) => core.advanceClock(ms),
  };
}
