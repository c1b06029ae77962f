/**
 * npm run bench:generate [-- --count N] [-- --kinds a,b] [-- --all-formats] [-- --no-baseline]
 *
 * Generates COUNT rows (default 1,000,000) of every kind to a file and prints rows/s, MB/s and the
 * peak RSS of the process that did it. Each run is a child process of its own, so that one run's
 * memory never counts for the next. Children run under tsx like this script; tsx's loader costs
 * about 35 MB of RSS by itself, shown as "loaded" (RSS once every module is imported): the
 * generator's own share is peak minus loaded.
 *
 * Also measures the naive approach for comparison: a loop that calls faker for ten fields per row.
 * Results go to bench/results/generate.json.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { Faker } from '@faker-js/faker';
import { generatorKinds, outputFormats, type GeneratorKind, type OutputFormat } from '../generators/kinds/kindDefinition.js';
import { ChunkedWriter } from '../generators/output/chunkedWriter.js';
import { csvRecord } from '../generators/output/csvEncoding.js';
import type { TextSink } from '../generators/output/textSinks.js';

interface RunResult {
  label: string;
  rows: number;
  seconds: number;
  bytes: number;
  loadedRssMb: number;
  peakRssMb: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = fileURLToPath(import.meta.url);

async function child(spec: { kind: GeneratorKind | 'naive-faker'; format: OutputFormat; count: number; out: string }): Promise<RunResult> {
  const { writeFixture } = await import('../generators/runGenerator.js');
  const { openFileSink } = await import('../generators/output/textSinks.js');
  const { faker } = await import('@faker-js/faker/locale/en_US');
  const loadedRssMb = process.memoryUsage().rss / 2 ** 20;
  if (spec.kind === 'naive-faker') {
    const result = await naiveFakerCsv(faker, spec.count, await openFileSink(spec.out));
    return { label: 'naive: faker for 10 fields per row, csv', rows: spec.count, ...result, loadedRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  }
  const summary = await writeFixture({ kind: spec.kind, format: spec.format, count: spec.count, seed: 1 }, { data: await openFileSink(spec.out) });
  return { label: `${spec.kind} ${spec.format}`, rows: summary.rows, seconds: summary.seconds, bytes: summary.bytes, loadedRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** What the generators replace: faker called for every field of every row, written as CSV. */
async function naiveFakerCsv(faker: Faker, count: number, sink: TextSink): Promise<{ seconds: number; bytes: number }> {
  faker.seed(1);
  const columns = ['externalId', 'title', 'description', 'startDate', 'endDate', 'timeZone', 'instructorName', 'instructorEmail', 'meetingUrl', 'capacity'];
  const writer = new ChunkedWriter(sink);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const start = faker.date.future({ refDate: '2027-01-01T00:00:00Z' });
    const row = {
      externalId: faker.string.alphanumeric(12),
      title: faker.company.catchPhrase(),
      description: faker.lorem.sentence(),
      startDate: start.toISOString(),
      endDate: faker.date.soon({ refDate: start }).toISOString(),
      timeZone: faker.location.timeZone(),
      instructorName: faker.person.fullName(),
      instructorEmail: faker.internet.email(),
      meetingUrl: faker.internet.url(),
      capacity: faker.number.int({ min: 10, max: 500 }),
    };
    const pending = writer.append(csvRecord(row, columns));
    if (pending) await pending;
  }
  await writer.close();
  return { seconds: (performance.now() - started) / 1000, bytes: writer.bytes };
}

async function runInChild(spec: Parameters<typeof child>[0]): Promise<RunResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, '--child', JSON.stringify(spec)], { cwd: root, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as RunResult;
}

const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function describe(result: RunResult): string {
  const rate = result.rows / result.seconds;
  return [
    result.label.padEnd(48),
    `${format.format(rate).padStart(9)} rows/s`,
    `${(result.bytes / 2 ** 20 / result.seconds).toFixed(1).padStart(7)} MiB/s`,
    `${format.format(result.bytes / 2 ** 20).padStart(6)} MiB`,
    `peak RSS ${format.format(result.peakRssMb).padStart(4)} MiB (loaded ${format.format(result.loadedRssMb)})`,
  ].join('  ');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      count: { type: 'string', default: '1000000' },
      kinds: { type: 'string', default: generatorKinds.join(',') },
      'all-formats': { type: 'boolean', default: false },
      'no-baseline': { type: 'boolean', default: false },
    },
  });
  if (values.child) {
    process.stdout.write(JSON.stringify(await child(JSON.parse(values.child))) + '\n');
    return;
  }
  const count = Number(values.count);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`--count must be a whole number of 1 or more, got ${values.count}`);
  const selected = values.kinds.split(',').map((kind) => {
    if (!(generatorKinds as readonly string[]).includes(kind)) throw new Error(`unknown kind ${kind}; kinds: ${generatorKinds.join(', ')}`);
    return kind as GeneratorKind;
  });
  const { kinds } = await import('../generators/kinds/kindRegistry.js');

  const dir = await mkdtemp(path.join(tmpdir(), 'bulkmock-bench-'));
  const results: RunResult[] = [];
  console.log(`bulkmock generate benchmark: ${format.format(count)} rows per run, node ${process.version}, one child process per run`);
  try {
    const runs: Array<Parameters<typeof child>[0]> = [];
    if (!values['no-baseline']) runs.push({ kind: 'naive-faker', format: 'csv', count: Math.min(count, 200_000), out: path.join(dir, 'naive.csv') });
    for (const kind of selected) {
      const formats = values['all-formats'] ? [kinds[kind].defaultFormat, ...outputFormats.filter((f) => f !== kinds[kind].defaultFormat)] : [kinds[kind].defaultFormat];
      for (const f of formats) runs.push({ kind, format: f, count, out: path.join(dir, `${kind}.${f}`) });
    }
    for (const run of runs) {
      const result = await runInChild(run);
      results.push(result);
      console.log(describe(result));
      // Files of a million StackOne courses run to hundreds of megabytes: keep one at a time.
      await rm(run.out, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(path.join(root, 'bench', 'results'), { recursive: true });
  await writeFile(path.join(root, 'bench', 'results', 'generate.json'), JSON.stringify({ node: process.version, count, results }, null, 2) + '\n');
}

main().catch((error: unknown) => {
  console.error(`bench:generate: ${(error as Error).message}`);
  process.exitCode = 1;
});
