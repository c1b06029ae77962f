import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMockCore } from '../../mocks/index.js';

describe('the version the control API reports', () => {
  it('is the package version, read from the control spec without node:', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const core = createMockCore({ vendors: ['stackone'], timing: { mode: 'instant' } });
    const health = await core.handle({
      method: 'GET',
      path: '/__bulkmock/health',
      query: new URLSearchParams(),
      headers: {},
      body: {
        text: () => Promise.resolve(''),
        bytes: () => Promise.resolve(new Uint8Array(0)),
        chunks: async function* () {},
      },
    });
    expect(health.body).toMatchObject({ kind: 'json', value: { version } });
  });
});
