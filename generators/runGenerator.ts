import { generateRows, type GenerateOptions } from './generateRows.js';
import type { GeneratorKind, OutputFormat } from './kinds/kindDefinition.js';
import { kinds } from './kinds/kindRegistry.js';
import { ChunkedWriter } from './output/chunkedWriter.js';
import { ExpectedDefectsWriter, type ExpectedDefects } from './output/expectedDefects.js';
import { createRowEncoder } from './output/rowEncoders.js';
import { memorySink, type TextSink } from './output/textSink.js';

export interface FixtureOptions extends GenerateOptions {
  kind: GeneratorKind;
  /** Default: the kind's own format (csv for Thought Industries rows, json for request bodies, jsonl for Learning Builder). */
  format?: OutputFormat;
}

export interface FixtureSinks {
  data: TextSink;
  /** Where the sidecar of expected defects goes; none when absent. */
  expected?: TextSink;
  /** Called every 4,096 rows and at the end with the number of rows written so far. */
  onProgress?: (rows: number) => void;
}

export interface FixtureSummary {
  kind: GeneratorKind;
  format: OutputFormat;
  rows: number;
  invalidRows: number;
  /** UTF-8 bytes of the data (the sidecar not included). */
  bytes: number;
  seconds: number;
}

/**
 * Generates a fixture and streams it: rows are encoded one by one and written in chunks, the sidecar
 * of expected defects alongside, waiting whenever a sink asks to, so memory stays flat for any
 * count. Both sinks are closed at the end, also when writing fails.
 */
export async function writeFixture(options: FixtureOptions, sinks: FixtureSinks): Promise<FixtureSummary> {
  const started = performance.now();
  const kind = kinds[options.kind];
  const format = options.format ?? kind.defaultFormat;
  const rows = generateRows(options.kind, options);
  const encoder = createRowEncoder(kind, format, options.count);
  const data = new ChunkedWriter(sinks.data);
  const expected = sinks.expected
    ? new ExpectedDefectsWriter(new ChunkedWriter(sinks.expected), {
        kind: options.kind,
        seed: options.seed,
        count: options.count,
        invalidRate: options.invalidRate ?? 0,
      })
    : null;
  let invalidRows = 0;
  try {
    await data.append(encoder.header);
    for (const row of rows) {
      const flushed = data.append(encoder.row(row.value, row.index));
      if (row.defect) {
        invalidRows++;
        const listed = expected?.add(row.index, row.defect);
        if (listed) await listed;
      }
      if (flushed) await flushed;
      if ((row.index & 0xfff) === 0xfff) sinks.onProgress?.(row.index + 1);
    }
    await data.append(encoder.footer);
  } catch (error) {
    // Close both even after a failure, so that no file handle is left open; the first failure is
    // the one the caller needs to see.
    await Promise.allSettled([data.close(), expected?.close()]);
    throw error;
  }
  // A failure to close (a write that could not complete) is reported.
  const closing = await Promise.allSettled([data.close(), expected?.close()]);
  const failed = closing.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  sinks.onProgress?.(options.count);
  return {
    kind: options.kind,
    format,
    rows: options.count,
    invalidRows,
    bytes: data.bytes,
    seconds: (performance.now() - started) / 1000,
  };
}

/** A whole fixture as text, with its expected defects: for tests and small fixtures. */
export async function fixtureText(
  options: FixtureOptions,
): Promise<{ text: string; expected: ExpectedDefects; summary: FixtureSummary }> {
  const data = memorySink();
  const expected = memorySink();
  const summary = await writeFixture(options, { data, expected });
  return { text: data.text(), expected: JSON.parse(expected.text()) as ExpectedDefects, summary };
}
