import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const configFile = fileURLToPath(new URL('../../../examples/import-ui/vite.config.ts', import.meta.url));

export interface ExampleApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds examples/import-ui with Vite into a temporary folder and serves the build on a free port,
 * the way it would be deployed: the page, its modules and MSW's worker script.
 */
export async function startExampleApp(): Promise<ExampleApp> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'bulkmock-import-ui-'));
  await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    configFile,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview started without a local URL');
  return {
    url: url.replace(/\/$/, ''),
    async close() {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
