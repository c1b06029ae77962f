/**
 * npm run bench:generate [-- --count N] [-- --kinds a,b] [-- --all-formats] [-- --no-baseline]
 *
 * Generates COUNT rows (default 1,000,000) of every kind to a file and prints rows/s, MB/s and the
 * peak RSS of the process that did it. Each kind runs as a user runs it: `bulkmock generate` from the
 * freshly built dist/, one process per run, its peak RSS read from the kernel (VmHWM) while it runs
 * and its rows/s from its own summary line.
 *
 * Also measures the naive approach for comparison: a loop that calls faker for ten fields per row
 * (in a child under tsx, whose loader adds about 35 MB of RSS). Results go to bench/results/generate.json.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { Faker } from '@faker-js/faker';
import {
  generatorKinds,
  outputFormats,
  type GeneratorKind,
  type OutputFormat,
} from '../generators/kinds/kindDefinition.js';
import { ChunkedWriter } from '../generators/output/chunkedWriter.js';
import { csvRecord } from '../generators/output/csvEncoding.js';
import type { TextSink } from '../generators/output/textSink.js';
import { buildDist } from './support/freshBuild.js';

interface RunResult {
  label: string;
  rows: number;
  seconds: number;
  bytes: number;
  /** RSS once every module is imported (the naive baseline only; NaN for CLI runs). */
  loadedRssMb: number;
  peakRssMb: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = fileURLToPath(import.meta.url);

async function child(spec: {
  kind: GeneratorKind | 'naive-faker';
  format: OutputFormat;
  count: number;
  out: string;
}): Promise<RunResult> {
  const { writeFixture } = await import('../generators/runGenerator.js');
  const { openFileSink } = await import('../generators/output/fileSinks.js');
  const { faker } = await import('@faker-js/faker/locale/en_US');
  const loadedRssMb = process.memoryUsage().rss / 2 ** 20;
  if (spec.kind === 'naive-faker') {
    const result = await naiveFakerCsv(faker, spec.count, await openFileSink(spec.out));
    return {
      label: 'naive: faker for 10 fields per row, csv',
      rows: spec.count,
      ...result,
      loadedRssMb,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  }
  const summary = await writeFixture(
    { kind: spec.kind, format: spec.format, count: spec.count, seed: 1 },
    { data: await openFileSink(spec.out) },
  );
  return {
    label: `${spec.kind} ${spec.format}`,
    rows: summary.rows,
    seconds: summary.seconds,
    bytes: summary.bytes,
    loadedRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** What the generators replace: faker called for every field of every row, written as CSV. */
async function naiveFakerCsv(faker: Faker, count: number, sink: TextSink): Promise<{ seconds: number; bytes: number }> {
  faker.seed(1);
  const columns = [
    'externalId',
    'title',
    'description',
    'startDate',
    'endDate',
    'timeZone',
    'instructorName',
    'instructorEmail',
    'meetingUrl',
    'capacity',
  ];
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

/** The peak RSS (VmHWM) of a running process, in MiB; null once it has exited. */
function peakOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
    return field('VmHWM');
  } catch {
    return null;
  }
}

/** `bulkmock generate` from dist/, as a user runs it: rows/s from its summary, peak RSS from the kernel. */
function runCli(spec: { kind: GeneratorKind; format: OutputFormat; count: number; out: string }): Promise<RunResult> {
  const args = [
    path.join(root, 'bin', 'bulkmock.js'),
    'generate',
    spec.kind,
    '--count',
    String(spec.count),
    '--seed',
    '1',
    '--format',
    spec.format,
    '--out',
    spec.out,
  ];
  const generator = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  generator.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  generator.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let peakRssMb = 0;
  // VmHWM only grows, so the last reading before exit is the peak up to the last few milliseconds.
  const sampler = setInterval(() => {
    const peak = peakOf(generator.pid!);
    // An exited process not yet reaped (a zombie) has no memory lines.
    if (peak === null || Number.isNaN(peak)) return;
    peakRssMb = Math.max(peakRssMb, peak);
  }, 5);
  return new Promise((resolve, reject) => {
    generator.once('exit', (code) => {
      clearInterval(sampler);
      const summary = /generated ([\d,]+) .* ([\d,]+) bytes in ([\d.]+) s/.exec(output);
      if (code !== 0 || !summary)
        return reject(new Error(`bulkmock generate ${spec.kind} exited ${code}: ${output.trim().slice(-500)}`));
      const number = (text: string) => Number(text.replaceAll(',', ''));
      resolve({
        label: `${spec.kind} ${spec.format}`,
        rows: number(summary[1]!),
        bytes: number(summary[2]!),
        seconds: Number(summary[3]),
        loadedRssMb: NaN,
        peakRssMb,
      });
    });
  });
}

async function runInChild(spec: Parameters<typeof child>[0]): Promise<RunResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', script, '--child', JSON.stringify(spec)],
    { cwd: root, maxBuffer: 1 << 20 },
  );
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
    `peak RSS ${format.format(result.peakRssMb).padStart(4)} MiB${Number.isNaN(result.loadedRssMb) ? '' : ` (loaded ${format.format(result.loadedRssMb)})`}`,
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
    // The parent wrote this argument with JSON.stringify from the same type (runInChild).
    const spec = JSON.parse(values.child) as Parameters<typeof child>[0];
    process.stdout.write(JSON.stringify(await child(spec)) + '\n');
    return;
  }
  const count = Number(values.count);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new Error(`--count must be a whole number of 1 or more, got ${values.count}`);
  const selected = values.kinds.split(',').map((kind) => {
    if (!(generatorKinds as readonly string[]).includes(kind))
      throw new Error(`unknown kind ${kind}; kinds: ${generatorKinds.join(', ')}`);
    return kind as GeneratorKind;
  });
  const { kinds } = await import('../generators/kinds/kindRegistry.js');

  console.log(`building dist/ ... ${(await buildDist(root)).toFixed(1)} s`);
  const dir = await mkdtemp(path.join(tmpdir(), 'bulkmock-bench-'));
  const results: RunResult[] = [];
  console.log(
    `bulkmock generate benchmark: ${format.format(count)} rows per run, node ${process.version}, one child process per run`,
  );
  try {
    const runs: Array<Parameters<typeof child>[0]> = [];
    if (!values['no-baseline'])
      runs.push({
        kind: 'naive-faker',
        format: 'csv',
        count: Math.min(count, 200_000),
        out: path.join(dir, 'naive.csv'),
      });
    for (const kind of selected) {
      const formats = values['all-formats']
        ? [kinds[kind].defaultFormat, ...outputFormats.filter((f) => f !== kinds[kind].defaultFormat)]
        : [kinds[kind].defaultFormat];
      for (const f of formats) runs.push({ kind, format: f, count, out: path.join(dir, `${kind}.${f}`) });
    }
    for (const run of runs) {
      const result = run.kind === 'naive-faker' ? await runInChild(run) : await runCli({ ...run, kind: run.kind });
      results.push(result);
      console.log(describe(result));
      // Files of a million StackOne courses run to hundreds of megabytes: keep one at a time.
      await rm(run.out, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(path.join(root, 'bench', 'results'), { recursive: true });
  await writeFile(
    path.join(root, 'bench', 'results', 'generate.json'),
    JSON.stringify({ node: process.version, count, results }, null, 2) + '\n',
  );
}

main().catch((error: unknown) => {
  console.error(`bench:generate: ${(error as Error).message}`);
  process.exitCode = 1;
});
