/**
 * npm run bench:abuse [-- --only oversized|memory|abandoned] [-- --help]
 *
 * The hostile cases of issue 12 against a real `bulkmock serve` (built dist/, its own process):
 *   (a) oversized arrays at full size: 1,000,000 StackOne items, 12,000,000 template entries,
 *   (b) the memory budget: batches and uploads under --max-memory 64mb until refused,
 *   (c) abandoned clients: dry runs whose clients give up, connections that never read.
 * Prints PASS or MISS per goal, writes bench/results/abuse.json, exits 1 on a MISS.
 * The 100,000-row full-import goals are in `npm run bench:ingest`.
 */
import { parseArgs } from 'node:util';
import { positiveInteger } from './support/benchOptions.js';
import { root } from './support/benchServers.js';
import { buildDist } from './support/freshBuild.js';
import { targetLine } from './support/printedFigures.js';
import { writeResults } from './support/resultsFile.js';
import { abandonedClients } from './abuse/abandonedClients.js';
import type { AbuseResult } from './abuse/abuseCase.js';
import { memoryBudget } from './abuse/memoryBudget.js';
import { oversizedArrays } from './abuse/oversizedArrays.js';

const usage = `Usage: npm run bench:abuse [-- options]

Runs the oversized-body, memory-budget and abandoned-client cases of issue 12 against bulkmock serve
and prints PASS or MISS per goal.

Options:
  --only <case>       Run one case: oversized, memory or abandoned (default: all).
  --abandoned <n>     Dry runs whose clients give up after 2 s (default: 60).
  --non-reading <n>   Connections that never read their answer (default: 50).
  --no-build          Skip \`npm run build\` (measure dist/ as it is).
  -h, --help          Show this help.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      abandoned: { type: 'string', default: '60' },
      'non-reading': { type: 'string', default: '50' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const cases: Record<string, () => Promise<AbuseResult>> = {
    oversized: oversizedArrays,
    memory: memoryBudget,
    abandoned: () =>
      abandonedClients({
        abandoned: positiveInteger('abandoned', values.abandoned, 1_000),
        nonReading: positiveInteger('non-reading', values['non-reading'], 1_000),
      }),
  };
  if (values.only !== undefined && !(values.only in cases))
    throw new Error(`--only must be one of ${Object.keys(cases).join(', ')}, got "${values.only}"`);
  if (!values['no-build']) console.log(`built dist/ in ${(await buildDist(root)).toFixed(1)} s`);

  const started = performance.now();
  const results: AbuseResult[] = [];
  const problems: string[] = [];
  for (const [name, run] of Object.entries(cases)) {
    if (values.only !== undefined && values.only !== name) continue;
    console.log(`\n== ${name}`);
    try {
      results.push(await run());
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      console.log(`FAILED: ${(error as Error).message}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log('');
  const targets = results.flatMap((r) => r.targets);
  for (const check of targets) console.log(targetLine(check));
  console.log(`\n${targets.filter((t) => t.met).length} of ${targets.length} goals met in ${seconds.toFixed(0)} s`);
  const file = await writeResults(root, 'abuse', { seconds, results, problems });
  console.log(`figures written to ${file}`);
  if (problems.length > 0) for (const problem of problems) console.error(`FAILED: ${problem}`);
  return problems.length > 0 || targets.some((t) => !t.met) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench:abuse: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
