// What the tarball must hold: every exported entry and its types, the files the CLI and server read.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('bulkmock/package.json'));
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
};

describe('the installed bulkmock package', () => {
  it('holds every file its exports name', () => {
    const targets = Object.values(manifest.exports)
      .flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)))
      .filter((t) => !t.includes('*'));
    expect(targets.filter((t) => !existsSync(path.join(root, t)))).toEqual([]);
  });

  it.each([
    'bulkmock',
    'bulkmock/server',
    'bulkmock/node',
    'bulkmock/handlers',
    'bulkmock/generators',
    'bulkmock/generators/node',
    'bulkmock/contracts',
    'bulkmock/vitest',
  ])('loads %s in Node', async (entry) => {
    expect(Object.keys(await import(entry)).length).toBeGreaterThan(0);
  });

  it('holds the specs, the dashboard and the license, and no build leftovers', () => {
    for (const file of [
      'openapi/thought-industries.yaml',
      'openapi/stackone-lms.yaml',
      'openapi/learning-builder.yaml',
      'openapi/bulkmock-control.yaml',
      'mocks/adapters/http/dashboard/dashboard.html',
      'LICENSE',
      'docs/contracts.md',
    ]) {
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
    expect(existsSync(path.join(root, 'dist/.tsbuildinfo'))).toBe(false);
  });

  it('serves with bulkmock/server, which needs no MSW', async () => {
    const { startMockServer } = await import('bulkmock/server');
    const server = await startMockServer({ port: 0 });
    try {
      expect((await fetch(`${server.url}/__bulkmock/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("drops the README's DEV-guarded worker from a production bundle", async () => {
    const snippet = `import { setupBulkmockWorker } from 'bulkmock/browser';
if (import.meta.env.DEV) {
  const { worker } = setupBulkmockWorker({ timing: { mode: 'realistic', baseDelayMs: 800, perRowMs: 50 } });
  await worker.start({ onUnhandledRequest: 'bypass' });
}
document.title = 'app ready';`;
    const result = await build({
      stdin: { contents: snippet, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      treeShaking: true,
      write: false,
      define: { 'import.meta.env.DEV': 'false' },
      logLevel: 'silent',
    });
    const text = result.outputFiles[0]!.text;
    console.log(`production bundle of the DEV-guarded snippet: ${text.length} bytes`);
    expect(['WorkflowImportQueue', 'ajv', 'setupWorker'].filter((trace) => text.includes(trace))).toEqual([]);
    expect(text.length).toBeLessThan(200);
  });
});
