/**
 * npx tsx bench/jobLoop.ts [-- --root DIR] [-- --batches N] [-- --max-jobs N] [-- --rounds N]
 *
 * A long in-process batch loop (issue 18's JobStore.evict lead): StackOne one-item batches sent to
 * `createMockCore` one after another, the manual clock moving 1 ms per batch under realistic timing
 * (1 s queued, 10 ms a row), so about a thousand jobs are running at any moment while --max-jobs is
 * reached and every add evicts. Prints the CPU time per batch (median of rounds). `--root` runs the same loop against another checkout (an older commit, say), so two
 * versions are measured the same way on the same machine.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './support/median.js';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: path.resolve(import.meta.dirname, '..') },
    batches: { type: 'string', default: '30000' },
    'max-jobs': { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
  },
  strict: true,
});
const batches = Number(values.batches);
const maxJobs = Number(values['max-jobs']);
const rounds = Number(values.rounds);
const root = path.resolve(values.root);

interface Core {
  handle(request: unknown): Promise<{ status: number }>;
  ready: Promise<unknown>;
}
// Vendors by name: mocks/builtInVendors.ts since vendors became definitions the core receives;
// older checkouts (for --root) built them in mocks/core/mockCore.ts.
const builtIn = path.join(root, 'mocks/builtInVendors.ts');
const coreModule = existsSync(builtIn) ? builtIn : path.join(root, 'mocks/core/mockCore.ts');
const { createMockCore } = (await import(pathToFileURL(coreModule).href)) as {
  createMockCore: (options: unknown) => Core;
};
const { createManualClock } = (await import(pathToFileURL(path.join(root, 'mocks/core/clock.ts')).href)) as {
  createManualClock: () => { advance(ms: number): number };
};
const { bodyFromBytes } = (await import(pathToFileURL(path.join(root, 'mocks/core/mockRequest.ts')).href)) as {
  bodyFromBytes: (text: string) => unknown;
};

const headers = {
  authorization: `Basic ${btoa('bench-key:')}`,
  'x-account-id': 'bench',
  'content-type': 'application/json',
};
const course = (i: number) =>
  JSON.stringify({
    items: [{ external_reference: `C-${i}`, title: `Course ${i}`, description: 'A course made by the loop' }],
  });

async function round(): Promise<number> {
  const clock = createManualClock();
  const core = createMockCore({
    vendors: ['stackone'],
    timing: { mode: 'realistic', baseDelayMs: 1000, perRowMs: 10 },
    maxJobs,
    clock,
  });
  await core.ready;
  // Warm up to the limit, so that every measured add evicts.
  const send = async (i: number) => {
    clock.advance(1);
    const answer = await core.handle({
      method: 'POST',
      path: '/unified/lms/courses/batch',
      query: new URLSearchParams(),
      headers,
      body: bodyFromBytes(course(i)),
    });
    if (answer.status !== 202) throw new Error(`batch ${i} answered ${answer.status}`);
  };
  for (let i = 0; i < maxJobs * 2; i++) await send(i);
  // CPU time, not wall time: on a shared machine the wall clock measures the neighbours too.
  const started = process.cpuUsage();
  for (let i = 0; i < batches; i++) await send(maxJobs * 2 + i);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / batches;
}

const results = [];
for (let i = 0; i < rounds; i++) results.push(await round());
console.log(`root ${root}`);
console.log(`${batches} one-item batches after warm-up, --max-jobs ${maxJobs}, ${rounds} rounds`);
console.log(
  `CPU µs per batch, per round: ${results.map((r) => r.toFixed(0)).join(', ')}; median ${median(results).toFixed(0)}`,
);
