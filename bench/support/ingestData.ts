import { memorySink, writeFixture } from '../../generators/index.js';

/** A generated import body: the text as sent, and how many rows or records it holds. */
export interface IngestBody {
  kind: 'lb-record' | 'ti-webinar';
  format: string;
  rows: number;
  text: string;
  bytes: number;
  /** Seconds the generator took (not part of any measured figure). */
  generatedInS: number;
}

/**
 * A body made by the project's own generators (seeded, valid against the spec's row schemas): Learning
 * Builder records as JSON Lines, or Thought Industries webinar rows as CSV.
 */
export async function generateBody(kind: IngestBody['kind'], rows: number, seed: number): Promise<IngestBody> {
  const sink = memorySink();
  const summary = await writeFixture({ kind, count: rows, seed }, { data: sink });
  if (summary.invalidRows !== 0)
    throw new Error(`the ${kind} generator made ${summary.invalidRows} invalid rows; the bench wants valid ones`);
  return { kind, format: summary.format, rows, text: sink.text(), bytes: summary.bytes, generatedInS: summary.seconds };
}

/** The first `rows` rows of a body (after the CSV header, which is kept): a warm-up body of the same shape. */
export function firstRows(body: IngestBody, rows: number): string {
  const headerLines = body.format === 'csv' ? 1 : 0;
  let end = 0;
  for (let line = 0; line < rows + headerLines; line++) {
    const next = body.text.indexOf('\n', end);
    if (next === -1) return body.text;
    end = next + 1;
  }
  return body.text.slice(0, end);
}
