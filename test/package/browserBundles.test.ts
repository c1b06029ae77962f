import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../support/tempDir.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Bundles for a browser, as an application's bundler would; a Node built-in makes it fail. */
async function bundleForBrowser(entry: string, options: { production?: boolean } = {}) {
  return build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    ...(options.production && { minify: true, treeShaking: true, define: { 'import.meta.env.DEV': 'false' } }),
  });
}

describe('the browser entries', () => {
  it.each([
    ['bulkmock', 'mocks/index.ts'],
    ['bulkmock/browser', 'mocks/adapters/msw/browser.ts'],
    ['bulkmock/handlers', 'mocks/adapters/msw/handlers.ts'],
    ['bulkmock/generators', 'generators/index.ts'],
  ])(
    '%s bundles for a browser: nothing it imports needs Node',
    async (_entry, file) => {
      const result = await bundleForBrowser(path.join(root, file));
      expect(result.errors).toEqual([]);
      expect(result.outputFiles[0]!.text).not.toMatch(/from ["']node:|require\(["']node:/);
    },
    60_000,
  );

  it('keeps the node:http server out of the root entry: bulkmock/server does need Node', async () => {
    await expect(bundleForBrowser(path.join(root, 'mocks/server.ts'))).rejects.toThrow(
      /node:http|node:net|node:stream/,
    );
  }, 60_000);
});

describe("the README's DEV-guarded worker snippet in a production build", () => {
  const dir = useTempDir('dev-snippet');

  /** The README's snippet, importing bulkmock/browser from this checkout (whose package.json declares sideEffects). */
  const snippet = (guard: string) => `
import { setupBulkmockWorker } from ${JSON.stringify(path.join(root, 'mocks/adapters/msw/browser.ts'))};

if (${guard}) {
  const { worker } = setupBulkmockWorker({ timing: { mode: 'realistic', baseDelayMs: 800, perRowMs: 50 } });
  await worker.start({ onUnhandledRequest: 'bypass' });
}
document.title = 'app ready';
`;

  async function bundleSnippet(guard: string): Promise<string> {
    const file = dir.file(`main-${guard.replace(/\W/g, '')}.ts`);
    await writeFile(file, snippet(guard));
    const result = await bundleForBrowser(file, { production: true });
    expect(result.errors).toEqual([]);
    return result.outputFiles[0]!.text;
  }

  it('leaves none of bulkmock, its specs, ajv or msw in the bundle when DEV is false', async () => {
    const text = await bundleSnippet('import.meta.env.DEV');
    expect(text).toContain('app ready');
    const traces = [
      'Thought Industries',
      'WorkflowImportQueue',
      'x-bulkmock',
      'ajv',
      'setupWorker',
      'mockServiceWorker',
    ];
    expect(traces.filter((trace) => text.includes(trace))).toEqual([]);
    // What remains is the application's own line (the bundle before sideEffects was about 155 kB).
    expect(text.length).toBeLessThan(200);
  }, 60_000);

  it('does carry the mock when the guard is true (so the test above can fail)', async () => {
    const text = await bundleSnippet('true');
    expect(text).toContain('WorkflowImportQueue');
    expect(text.length).toBeGreaterThan(100_000);
  }, 60_000);
});
