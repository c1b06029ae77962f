import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Bundles a module for a browser, as an application's bundler would; Node built-ins make it fail. */
async function bundleForBrowser(entry: string) {
  return build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
}

describe('the generators entry point', () => {
  it('bundles for a browser: nothing it imports needs Node', async () => {
    const result = await bundleForBrowser('generators/index.ts');
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from ["']node:/);
  }, 60_000);

  it('is told apart from the Node entry, which does need Node', async () => {
    await expect(bundleForBrowser('generators/node.ts')).rejects.toThrow(/node:fs|node:events|node:stream/);
  }, 60_000);
});
