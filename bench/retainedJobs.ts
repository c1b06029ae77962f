/**
 * node --expose-gc --import tsx bench/retainedJobs.ts [-- --root DIR] [-- --imports N]
 *
 * Heap kept per retained import (issue 18, item 5), in process and after a full GC, for each import
 * the soak sends (bench/soak/soakScenarios.ts: the same bodies, sent again by the same client, so
 * upserts replace rather than add). Unlike the soak's RSS per import, the heap after GC holds only
 * what the mock keeps, not garbage a collection has not reached yet. `--root` measures another
 * checkout (an older commit) the same way. The request log (bounded, not per job) is kept to one entry.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { fixtureText, type GeneratorKind } from '../generators/index.js';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: path.resolve(import.meta.dirname, '..') },
    imports: { type: 'string', default: '5000' },
  },
  strict: true,
});
const root = path.resolve(values.root);
const imports = Number(values.imports);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx');

interface Core {
  handle: (request: unknown) => Promise<{ status: number }>;
  ready: Promise<unknown>;
}
const load = async <T>(file: string) => (await import(pathToFileURL(path.join(root, file)).href)) as T;
// The built-in vendors' core: mocks/builtInVendors.ts since vendors became plugins, mocks/core/mockCore.ts before.
const { createMockCore } = await load<{ createMockCore: (options: unknown) => Core }>('mocks/builtInVendors.ts').catch(
  () => load<{ createMockCore: (options: unknown) => Core }>('mocks/core/mockCore.ts'),
);
const { bodyFromBytes } = await load<{ bodyFromBytes: (text: string) => unknown }>('mocks/core/mockRequest.ts');

const text = async (kind: GeneratorKind, count: number, seed: number) =>
  (await fixtureText({ kind, count, seed })).text;
const tiAuth = { authorization: 'Bearer soak-ti-key' };
const scenarios: Array<{
  name: string;
  prepare?: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}> = [
  {
    name: 'ti webinars (5 rows)',
    prepare: await text('ti-webinar', 5, 1),
    method: 'POST',
    path: '/incoming/v2/content/courseGroup/webinar/bulk',
    headers: { ...tiAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ bulkImportAssetPath: 'soak/a.csv' }),
  },
  {
    name: 'ti certificate templates (3)',
    method: 'POST',
    path: '/incoming/v2/content/certificate-templates/bulk',
    headers: { ...tiAuth, 'content-type': 'application/json' },
    body: await text('ti-certificate-template', 3, 1),
  },
  {
    name: 'stackone batch (3 courses)',
    method: 'POST',
    path: '/unified/lms/courses/batch',
    headers: {
      authorization: `Basic ${btoa('soak-stackone-key:')}`,
      'x-account-id': 'soak-account',
      'content-type': 'application/json',
    },
    body: await text('stackone-course', 3, 1),
  },
  {
    name: 'learning builder batch (5 records)',
    method: 'POST',
    path: '/API/WorkflowImportQueue/CreateBatch',
    headers: { authorization: 'apikey soak-lb-key', 'content-type': 'application/x-ndjson' },
    body: await text('lb-record', 5, 1),
  },
];

const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

console.log(`root ${root}; ${imports} imports of each kind, every job retained`);
for (const scenario of scenarios) {
  const core = createMockCore({ timing: { mode: 'instant' }, maxJobs: 10_000_000, requestLogSize: 1 });
  await core.ready;
  const send = async (method: string, url: string, headers: Record<string, string>, body: string) => {
    const [pathname, query = ''] = url.split('?') as [string, string?];
    const answer = await core.handle({
      method,
      path: pathname,
      query: new URLSearchParams(query),
      headers,
      body: bodyFromBytes(body),
    });
    if (answer.status >= 300) throw new Error(`${scenario.name}: ${method} ${url} answered ${answer.status}`);
  };
  if (scenario.prepare)
    await send('PUT', '/__bulkmock/assets/soak/a.csv', { 'content-type': 'text/csv' }, scenario.prepare);
  const url =
    scenario.path === '/API/WorkflowImportQueue/CreateBatch' ? `${scenario.path}?importProcessId=1` : scenario.path;
  // The first import stores the records; later ones replace them, as a soak client's do.
  await send(scenario.method, url, scenario.headers, scenario.body);
  const before = heap();
  for (let i = 0; i < imports; i++) await send(scenario.method, url, scenario.headers, scenario.body);
  const after = heap();
  console.log(
    `${scenario.name.padEnd(36)} ${((after - before) / imports).toFixed(0).padStart(6)} bytes per retained import`,
  );
}
