import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import openapiTS, { astToString } from 'openapi-typescript';
// Imported the way a user imports them: from the package entries (`bulkmock`, `bulkmock/server`).
import { createMockCore } from '../../mocks/index.js';
import { startMockServer, type RunningServer } from '../../mocks/server.js';
import { acmeBadges } from '../fixtures/acmeBadges/acmeBadges.js';

const fixture = (file: string) => new URL(`../fixtures/acmeBadges/${file}`, import.meta.url);
const key = { 'x-acme-key': 'k1', 'content-type': 'application/json' };

describe('a vendor defined outside the package (docs/adding-a-vendor.md)', () => {
  let server: RunningServer;
  const send = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
  beforeAll(async () => {
    server = await startMockServer({ port: 0, mock: { vendors: [acmeBadges], timing: { mode: 'instant' } } });
  });
  afterAll(() => server.close());

  it('stores a batch and lists it, as its spec describes', async () => {
    const created = await send('/acme/v1/badges/batch', {
      method: 'POST',
      headers: key,
      body: JSON.stringify({ badges: [{ externalId: 'b1', name: 'First steps' }] }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ created: 1 });
    const listed = await send('/acme/v1/badges?limit=5', { headers: key });
    expect(await listed.json()).toEqual({ badges: [{ externalId: 'b1', name: 'First steps' }] });
  });

  it('refuses a request without the key in its own error shape', async () => {
    const response = await send('/acme/v1/badges');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'send X-Acme-Key', details: [] } });
  });

  it('validates bodies and parameters against its spec', async () => {
    const tooLong = await send('/acme/v1/badges/batch', {
      method: 'POST',
      headers: key,
      body: JSON.stringify({ badges: [{ externalId: 'b2', name: 'x'.repeat(81) }] }),
    });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.code).toBe('invalid_body');
    const badLimit = await send('/acme/v1/badges?limit=0', { headers: key });
    expect(badLimit.status).toBe(400);
    expect((await badLimit.json()).error).toMatchObject({
      code: 'invalid_query',
      details: [expect.objectContaining({ field: 'limit' })],
    });
  });

  it("gets the core's faults, 404s and reset for free", async () => {
    const forced = await send('/acme/v1/badges', { headers: { ...key, prefer: 'code=401' } });
    expect(forced.status).toBe(401);
    expect((await forced.json()).error.message).toMatch(/forced by Prefer: code/);
    const unknown = await send('/acme/v1/nothing', { headers: key });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
    expect((await (await send('/__bulkmock/health')).json()).vendors).toEqual(['acme-badges']);
    await send('/__bulkmock/reset', { method: 'POST' });
    expect(await (await send('/acme/v1/badges', { headers: key })).json()).toEqual({ badges: [] });
  });

  it('is served beside built-in vendors chosen by name', async () => {
    const core = createMockCore({ vendors: ['stackone', acmeBadges], timing: { mode: 'instant' } });
    const get = (path: string, headers: Record<string, string>) =>
      core.handle({ method: 'GET', path, query: new URLSearchParams(), headers, body: emptyBody });
    expect((await get('/acme/v1/badges', key)).status).toBe(200);
    expect(
      (await get('/unified/lms/courses', { authorization: `Basic ${btoa('key:')}`, 'x-account-id': 'a1' })).status,
    ).toBe(200);
    const notServed = await get('/incoming/v2/ping', {});
    expect(notServed.body).toMatchObject({ value: { error: { code: 'vendor_not_enabled' } } });
  });
});

describe('the worked example stays true', () => {
  it('quotes the example files verbatim in docs/adding-a-vendor.md', () => {
    const doc = readFileSync(new URL('../../docs/adding-a-vendor.md', import.meta.url), 'utf8');
    const quoted = [...doc.matchAll(/<!-- file: (\S+) -->\n+```\w+\n([\s\S]*?)```/g)];
    expect(quoted.map(([, file]) => file)).toEqual(['acme-badges.openapi.json', 'acmeBadges.ts']);
    for (const [, file, text] of quoted) expect(text, file).toBe(readFileSync(fixture(file!), 'utf8'));
  });

  it('keeps the generated operation types current with the spec', async () => {
    const document = JSON.parse(readFileSync(fixture('acme-badges.openapi.json'), 'utf8'));
    const generated = readFileSync(fixture('acmeBadgesTypes.ts'), 'utf8');
    expect(generated.endsWith(astToString(await openapiTS(document, { silent: true })))).toBe(true);
  });
});

const emptyBody = {
  text: () => Promise.resolve(''),
  bytes: () => Promise.resolve(new Uint8Array(0)),
  chunks: async function* () {},
};
