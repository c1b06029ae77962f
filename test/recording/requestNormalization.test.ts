import { describe, expect, it } from 'vitest';
import { comparableRequest, requestKey, type RequestParts } from '../../mocks/replay/requestNormalization.js';

const base: RequestParts = { method: 'post', path: '/unified/lms/courses/batch', query: [], headers: [], body: '' };
const key = (parts: Partial<RequestParts>) => requestKey(comparableRequest({ ...base, ...parts }));

describe('which requests replay matches', () => {
  it('compares JSON as data: key order and white space do not matter, values do', () => {
    expect(key({ body: '{"a":1,"b":[1,2]}' })).toBe(key({ body: '{ "b": [1, 2],\n "a": 1 }' }));
    expect(key({ body: '{"a":1}' })).not.toBe(key({ body: '{"a":2}' }));
  });

  it('ignores timestamps, UUIDs and per-request fields, in bodies, JSON Lines and query values', () => {
    expect(
      key({ body: '{"at":"2026-12-01T10:00:00Z","id":"3f0c1a52-7e44-4d1b-9a0e-2b6f4c8d9e10","requestId":"r-1"}' }),
    ).toBe(
      key({
        body: '{"at":"2027-01-02T00:00:00.123+01:00","id":"9a9a9a9a-7e44-4d1b-9a0e-2b6f4c8d9e10","requestId":"r-2"}',
      }),
    );
    expect(key({ body: '{"d":"2026-12-01"}\n{"x":1}\n' })).toBe(key({ body: '{"d":"2026-12-24"}\r\n{"x":1}' }));
    expect(key({ query: [['since', '2026-12-01T00:00:00Z']] })).toBe(
      key({ query: [['since', '2026-12-02T00:00:00Z']] }),
    );
  });

  it('ignores credentials: credential parameters, cache busters, and a secret inside the body', () => {
    const secret = 'k3y/With+Symbols=';
    expect(
      key({
        query: [
          ['page', '2'],
          ['api_key', 'a'],
          ['_', '1712'],
        ],
      }),
    ).toBe(
      key({
        query: [
          ['_', '99'],
          ['api_key', 'b'],
          ['page', '2'],
        ],
      }),
    );
    const live = key({
      headers: [{ name: 'Authorization', value: `Bearer ${secret}` }],
      body: `{"note":"key ${encodeURIComponent(secret)}"}`,
    });
    expect(live).toBe(key({ body: '{"note":"key [redacted]"}' }));
  });

  it('tells apart method, path, query and body', () => {
    expect(key({})).not.toBe(key({ method: 'GET' }));
    expect(key({})).not.toBe(key({ path: '/unified/lms/courses' }));
    expect(key({ query: [['page', '1']] })).not.toBe(key({ query: [['page', '2']] }));
    expect(key({ path: '/a/%7e' })).toBe(key({ path: '/a/%7E' }));
  });
});
