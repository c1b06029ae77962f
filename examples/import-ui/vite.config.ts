import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRepo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/**
 * The example imports bulkmock by its package names, as an application would. Inside this repository
 * those names point at the sources, so the example always runs the current mock without a build.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: [
      { find: /^bulkmock\/browser$/, replacement: fromRepo('mocks/adapters/msw/browser.ts') },
      { find: /^bulkmock\/generators$/, replacement: fromRepo('generators/index.ts') },
      // The vendor documents, published as bulkmock/openapi/*.yaml, for the browser-side check of vendors without a dry run.
      { find: /^bulkmock\/openapi\//, replacement: fromRepo('openapi/') },
    ],
  },
  server: { host: '127.0.0.1', port: 5173, fs: { allow: [fromRepo('')] } },
  preview: { host: '127.0.0.1', port: 4173 },
  // The largest chunks are loaded only when used: the mock's (on the worker: ajv and the three vendor
  // documents, about 700 kB) and the generators' ("Generate a file": faker's locales, about 770 kB).
  build: { target: 'es2022', chunkSizeWarningLimit: 800 },
});
