/**
 * npm run bench:ingest [-- --rows N] [-- --runs N] [-- --help]
 *
 * Ingest speed and memory of `bulkmock serve` (built dist/, its own process) over real HTTP:
 *   - a Learning Builder CreateBatch of 100,000 JSON Lines records,
 *   - a Thought Industries webinar dry run of a 100,000-row CSV asset (uploaded first).
 *   - a Thought Industries webinar full import of the same CSV, polled until complete, against the
 *     goals of issue 12 (under 3x the dry run; event-loop delay p99 under 50 ms and health under
 *     100 ms while it settles; see ingest/fullImport.ts).
 * Bodies come from the project's generators. Reports rows/s, the server's CPU seconds per run
 * (/proc/<pid>/stat: on a loaded machine wall time moves with the load, CPU time much less) and its
 * peak RSS growth (/proc/<pid>/status), and, in the same run, the ceiling: a bare node:http server (its own process)
 * that reads the same bytes and writes an answer of the same size; b/a is the bare server's time
 * over bulkmock's, end to end (for the webinar body: the upload plus the dry run, as one request
 * carrying the CSV for the bare server). Writes bench/results/ingest.json.
 */
import { parseArgs } from 'node:util';
import { positiveInteger } from './support/benchOptions.js';
import { defaultSettings } from '../mocks/core/mockSettings.js';
import { expectStatus, send, type BenchRequest } from './support/benchRequest.js';
import { root, startBareServer, startBulkmock } from './support/benchServers.js';
import type { ChildServer } from './support/childServer.js';
import { buildDist } from './support/freshBuild.js';
import { firstRows, generateBody, type IngestBody } from './support/ingestData.js';
import { count, mib, table, targetLine, type TargetCheck } from './support/printedFigures.js';
import { readCpuSeconds } from './support/processCpu.js';
import { readMemory, resetPeak, watchPeak } from './support/processMemory.js';
import { writeResults } from './support/resultsFile.js';
import { measureFullImport, type FullImportFigures } from './ingest/fullImport.js';
import { median } from './support/median.js';

const usage = `Usage: npm run bench:ingest [-- options]

Sends a Learning Builder batch of JSON Lines records and a Thought Industries webinar CSV (dry run)
through bulkmock serve over HTTP; reports rows/s, the server's peak RSS growth, and b/a against a
bare node:http server that reads the same bytes and answers as many, measured in the same run.

Options:
  --rows <n>    Records / rows per body (default: 100000).
  --runs <n>    Timed runs per body on one server, after a 1,000-row warm-up (default: 3).
  --seed <n>    Generator seed (default: 1).
  --no-build    Skip \`npm run build\` (measure dist/ as it is).
  -h, --help    Show this help.`;

const rowsPerSecondTarget = 100_000;
/** bulkmock's end-to-end time may be at most twice the bare server's. */
const bareRatioTarget = 0.5;
/** 300 MB, in MiB as /proc reports memory. */
const rssGrowthTargetMib = 300e6 / 2 ** 20;
const warmupRows = 1_000;

interface IngestRun {
  seconds: number;
  /** What the bare server is compared with: the ingest request, plus the upload for Thought Industries. */
  endToEndSeconds: number;
  /** Bytes of bulkmock's answer, which the bare server answers as many of. */
  answerBytes: number;
  rowsPerSecond: number;
  /** Thought Industries: the upload that precedes the dry run. */
  uploadSeconds?: number;
  /** CPU seconds the server used during the run (upload included), a figure the machine's load moves less than wall time. */
  serverCpuSeconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  peakGrowthMb: number;
}

interface IngestFigures {
  label: string;
  body: { format: string; rows: number; bytes: number };
  runs: IngestRun[];
  medianRowsPerSecond: number;
  maxPeakGrowthMb: number;
  /** RSS of the idle server right after start, for scale. */
  startRssMb: number;
  /** The bare node:http ceiling on the same bytes in and out, and bulkmock's ratio to it. */
  bare?: BareFigures;
}

interface BareFigures {
  seconds: number[];
  medianSeconds: number;
  /** Bare median seconds over bulkmock's median end-to-end seconds (1 = as fast as the ceiling). */
  ratio: number;
}

const lbAuth = { authorization: 'apikey bench-lb-key' };
const tiAuth = { authorization: 'Bearer bench-ti-key' };

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const rows = positiveInteger('rows', values.rows, 10_000_000);
  const runs = positiveInteger('runs', values.runs, 20);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);

  console.log(
    `bulkmock ingest benchmark: ${count(rows)} rows per body, ${runs} timed runs each, node ${process.version}`,
  );
  if (!values['no-build']) console.log(`built dist/ in ${(await buildDist(root)).toFixed(1)} s`);

  const [records, webinars] = [
    await generateBody('lb-record', rows, seed),
    await generateBody('ti-webinar', rows, seed),
  ];
  for (const body of [records, webinars])
    console.log(
      `generated ${body.kind} ${body.format}: ${count(body.rows)} rows, ${(body.bytes / 2 ** 20).toFixed(1)} MiB in ${body.generatedInS.toFixed(2)} s`,
    );
  const flags = limitFlags(rows, Math.max(records.bytes, webinars.bytes));
  console.log(
    `server: bulkmock serve --timing instant --log none ${flags.join(' ')}`.trimEnd() +
      (flags.length === 0
        ? ` (default limits suffice: --max-rows ${defaultSettings.maxRowsPerImport}, --max-body 50mb)`
        : ' (raised above the defaults for these bodies)'),
  );

  const problems: string[] = [];
  const results: IngestFigures[] = [];
  for (const measure of [measureLearningBuilder, measureWebinarDryRun]) {
    try {
      const body = measure === measureLearningBuilder ? records : webinars;
      const measured = await measure(body, runs, flags);
      measured.bare = await measureBare(body, measured, runs);
      console.log(
        `bare node:http, same ${(body.bytes / 2 ** 20).toFixed(1)} MiB in and ${(median(measured.runs.map((r) => r.answerBytes)) / 2 ** 20).toFixed(1)} MiB out: median ${measured.bare.medianSeconds.toFixed(3)} s, b/a ${measured.bare.ratio.toFixed(2)}`,
      );
      results.push(measured);
    } catch (error) {
      problems.push((error as Error).message);
      console.log(`FAILED: ${(error as Error).message}`);
    }
  }

  console.log('\n' + resultsTable(results));
  console.log(
    'rows/s: rows / seconds from the first byte sent to the last byte of the answer read; server CPU: user + system seconds of the server over the run (upload included); peak RSS growth: peak during the run minus RSS just before it\n',
  );
  let fullImport: FullImportFigures | null = null;
  const fullImportTargets: TargetCheck[] = [];
  try {
    const measured = await measureFullImport(webinars, flags);
    fullImport = measured.figures;
    fullImportTargets.push(...measured.targets);
    console.log(
      `Thought Industries webinar full import: ${fullImport.fullImportSeconds.toFixed(2)} s (dry run ${fullImport.dryRunSeconds.toFixed(2)} s; settling ${fullImport.settlingSeconds.toFixed(2)} s after the answer)`,
    );
  } catch (error) {
    problems.push((error as Error).message);
    console.log(`FAILED: ${(error as Error).message}`);
  }

  const targets: TargetCheck[] = results.flatMap((r) => [
    {
      target: `${r.label}: >= ${count(rowsPerSecondTarget)} rows/s (median)`,
      measured: `${count(r.medianRowsPerSecond)} rows/s`,
      met: r.medianRowsPerSecond >= rowsPerSecondTarget,
    },
    {
      target: `${r.label}: peak RSS growth < 300 MB (${rssGrowthTargetMib.toFixed(0)} MiB)`,
      measured: `${mib(r.maxPeakGrowthMb)} MiB (worst run)`,
      met: r.maxPeakGrowthMb < rssGrowthTargetMib,
    },
    ...(r.bare
      ? [
          {
            target: `${r.label}: b/a >= ${bareRatioTarget} against bare node:http`,
            measured: `${r.bare.ratio.toFixed(2)} (bare ${r.bare.medianSeconds.toFixed(3)} s, bulkmock ${medianEndToEnd(r).toFixed(3)} s)`,
            met: r.bare.ratio >= bareRatioTarget,
          },
        ]
      : []),
  ]);
  targets.push(...fullImportTargets);
  for (const check of targets) console.log(targetLine(check));

  const file = await writeResults(root, 'ingest', {
    settings: { rows, runs, seed, serverFlags: ['--timing', 'instant', '--log', 'none', ...flags] },
    results,
    fullImport,
    targets,
    problems,
  });
  console.log(`\nfigures written to ${file}`);
  if (targets.some((t) => !t.met)) console.log(`\n${targets.filter((t) => !t.met).length} goal(s) missed`);
  if (problems.length > 0) {
    console.error(`\nBENCH FAILED: ${problems.length} measurement(s) failed:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  return 0;
}

/** --max-rows and --max-body, only where the defaults would refuse these bodies. */
function limitFlags(rows: number, largestBodyBytes: number): string[] {
  const flags: string[] = [];
  if (rows > defaultSettings.maxRowsPerImport) flags.push('--max-rows', String(rows));
  if (largestBodyBytes > defaultSettings.maxBodyBytes)
    flags.push('--max-body', `${Math.ceil(largestBodyBytes / 2 ** 20) + 1}mb`);
  return flags;
}

/** Learning Builder: each run is one CreateBatch of every record; the batches are checked once all runs are done. */
async function measureLearningBuilder(body: IngestBody, runs: number, flags: string[]): Promise<IngestFigures> {
  const createBatch = (text: string, fileName: string): BenchRequest => ({
    method: 'POST',
    path: `/API/WorkflowImportQueue/CreateBatch?importProcessId=17&fileName=${fileName}`,
    headers: { ...lbAuth, 'content-type': 'application/x-ndjson' },
    body: text,
  });
  return withServer(flags, async (server, startRssMb) => {
    await expectStatus(server.url, createBatch(firstRows(body, warmupRows), 'warmup.jsonl'), 200, 'bulkmock');
    const measured: IngestRun[] = [];
    const batchIds: string[] = [];
    for (let run = 1; run <= runs; run++) {
      const result = await timed(server.pid, () =>
        expectStatus(server.url, createBatch(body.text, `bench-${run}.jsonl`), 200, 'bulkmock'),
      );
      batchIds.push((JSON.parse(result.value.text) as { queueBatchId: string }).queueBatchId);
      measured.push({
        seconds: result.seconds,
        endToEndSeconds: result.seconds,
        answerBytes: Buffer.byteLength(result.value.text),
        rowsPerSecond: body.rows / result.seconds,
        ...result.memory,
      });
      printRun('Learning Builder CreateBatch', run, measured.at(-1)!);
    }
    // Checked after the timed runs, so that reading the large details pages does not count.
    for (const id of batchIds) {
      const answer = await send(server.url, {
        method: 'GET',
        path: `/__bulkmock/learning-builder/batches/${id}`,
        headers: { accept: 'application/json' },
      });
      const details = JSON.parse(answer.text) as {
        recordCount: number;
        succeededCount: number;
        failedCount: number;
        status: string;
      };
      if (answer.status !== 200 || details.recordCount !== body.rows || details.succeededCount !== body.rows) {
        throw new Error(
          `Learning Builder batch ${id}: expected ${body.rows} records all succeeded, got ${answer.status} ${JSON.stringify({ ...details, records: undefined })}`,
        );
      }
    }
    return figures(`Learning Builder CreateBatch, ${count(body.rows)} JSON Lines records`, body, measured, startRssMb);
  });
}

/** Thought Industries: each run uploads the CSV as an asset, then dry-runs the webinar import of it. */
async function measureWebinarDryRun(body: IngestBody, runs: number, flags: string[]): Promise<IngestFigures> {
  const upload = (text: string): BenchRequest => ({
    method: 'PUT',
    path: '/__bulkmock/assets/bench/webinars.csv',
    headers: { 'content-type': 'text/csv' },
    body: text,
  });
  const dryRun: BenchRequest = {
    method: 'POST',
    path: '/incoming/v2/content/courseGroup/webinar/bulk',
    headers: { ...tiAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ bulkImportAssetPath: 'bench/webinars.csv', dryRun: true }),
  };
  return withServer(flags, async (server, startRssMb) => {
    await expectStatus(server.url, upload(firstRows(body, warmupRows)), 201, 'bulkmock');
    await expectStatus(server.url, dryRun, 200, 'bulkmock');
    const measured: IngestRun[] = [];
    for (let run = 1; run <= runs; run++) {
      // The peak covers the upload too: the stored asset is part of what an import costs the server.
      const result = await timed(server.pid, async () => {
        const started = performance.now();
        await expectStatus(server.url, upload(body.text), 201, 'bulkmock');
        const uploadSeconds = (performance.now() - started) / 1000;
        const dryRunStarted = performance.now();
        const answer = await expectStatus(server.url, dryRun, 200, 'bulkmock');
        return { answer, uploadSeconds, dryRunSeconds: (performance.now() - dryRunStarted) / 1000 };
      });
      const { answer, uploadSeconds, dryRunSeconds } = result.value;
      const report = Object.values(
        (JSON.parse(answer.text) as { data: Record<string, { validRows: unknown[]; invalidRows: unknown[] }> }).data,
      )[0]!;
      if (report.validRows.length !== body.rows || report.invalidRows.length !== 0) {
        throw new Error(
          `webinar dry run: expected ${body.rows} valid rows, got ${report.validRows.length} valid and ${report.invalidRows.length} invalid: ${JSON.stringify(report.invalidRows.slice(0, 2))}`,
        );
      }
      measured.push({
        seconds: dryRunSeconds,
        endToEndSeconds: result.seconds,
        answerBytes: Buffer.byteLength(answer.text),
        rowsPerSecond: body.rows / dryRunSeconds,
        uploadSeconds,
        ...result.memory,
      });
      printRun('Thought Industries webinar dry run', run, measured.at(-1)!);
    }
    return figures(`Thought Industries webinar dry run, ${count(body.rows)}-row CSV`, body, measured, startRssMb);
  });
}

/**
 * The ceiling for one body: a bare node:http server that reads the same bytes (one POST carrying the
 * whole body, after a warm-up) and answers with as many bytes as bulkmock did, `runs` times.
 */
async function measureBare(body: IngestBody, measured: IngestFigures, runs: number): Promise<BareFigures> {
  const server = await startBareServer({
    bytes: Math.max(10, Math.round(median(measured.runs.map((r) => r.answerBytes)))),
  });
  const post = (text: string): BenchRequest => ({
    method: 'POST',
    path: '/ingest',
    headers: { 'content-type': body.format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
    body: text,
  });
  try {
    await expectStatus(server.url, post(firstRows(body, warmupRows)), 200, 'bare node:http');
    const seconds: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const started = performance.now();
      await expectStatus(server.url, post(body.text), 200, 'bare node:http');
      seconds.push((performance.now() - started) / 1000);
    }
    const medianSeconds = median(seconds);
    return { seconds, medianSeconds, ratio: medianSeconds / medianEndToEnd(measured) };
  } finally {
    await server.stop();
  }
}

function medianEndToEnd(figures: IngestFigures): number {
  return median(figures.runs.map((r) => r.endToEndSeconds));
}

/** A fresh server per body, so that one body's memory never counts for the other. */
async function withServer<T>(
  flags: string[],
  use: (server: ChildServer, startRssMb: number) => Promise<T>,
): Promise<T> {
  const server = await startBulkmock(flags);
  try {
    return await use(server, readMemory(server.pid).rssMb);
  } finally {
    await server.stop();
  }
}

/** Runs `work`, timing it and watching the server's memory from just before to its end. */
async function timed<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{
  value: T;
  seconds: number;
  memory: Pick<IngestRun, 'serverCpuSeconds' | 'rssBeforeMb' | 'peakRssMb' | 'peakGrowthMb'>;
}> {
  const rssBeforeMb = readMemory(pid).rssMb;
  const watch = watchPeak(pid, { kernelPeakWasReset: resetPeak(pid) });
  const cpuBefore = readCpuSeconds(pid);
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  const serverCpuSeconds = readCpuSeconds(pid) - cpuBefore;
  const peakRssMb = watch.stop();
  return {
    value,
    seconds,
    memory: { serverCpuSeconds, rssBeforeMb, peakRssMb, peakGrowthMb: peakRssMb - rssBeforeMb },
  };
}

function figures(label: string, body: IngestBody, runs: IngestRun[], startRssMb: number): IngestFigures {
  const rates = runs.map((r) => r.rowsPerSecond).sort((a, b) => a - b);
  return {
    label,
    body: { format: body.format, rows: body.rows, bytes: body.bytes },
    runs,
    medianRowsPerSecond: rates[Math.floor(rates.length / 2)]!,
    maxPeakGrowthMb: Math.max(...runs.map((r) => r.peakGrowthMb)),
    startRssMb,
  };
}

function printRun(label: string, run: number, r: IngestRun): void {
  const upload = r.uploadSeconds === undefined ? '' : ` (after a ${r.uploadSeconds.toFixed(2)} s upload)`;
  console.log(
    `${label} run ${run}: ${r.seconds.toFixed(2)} s${upload}, ${count(r.rowsPerSecond)} rows/s, server CPU ${r.serverCpuSeconds.toFixed(2)} s, RSS ${mib(r.rssBeforeMb)} -> peak ${mib(r.peakRssMb)} MiB (+${mib(r.peakGrowthMb)})`,
  );
}

function resultsTable(results: IngestFigures[]): string {
  const rows = results.flatMap((r) =>
    r.runs.map((run, i) => [
      i === 0 ? r.label : '',
      String(i + 1),
      i === 0 ? `${(r.body.bytes / 2 ** 20).toFixed(1)} MiB` : '',
      run.uploadSeconds === undefined ? '-' : run.uploadSeconds.toFixed(2),
      run.seconds.toFixed(2),
      count(run.rowsPerSecond),
      run.serverCpuSeconds.toFixed(2),
      mib(run.rssBeforeMb),
      mib(run.peakRssMb),
      mib(run.peakGrowthMb),
    ]),
  );
  return table(
    [
      'body',
      'run',
      'size',
      'upload s',
      'ingest s',
      'rows/s',
      'server CPU s',
      'RSS before MiB',
      'peak MiB',
      'growth MiB',
    ],
    rows,
  );
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench:ingest: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
