import { defectsOf } from '../../generators/defects/defectInjector.js';
import { defectNames, defectTypes, type DefectName } from '../../generators/defects/defectTypes.js';
import {
  generatorKinds,
  outputFormats,
  type GeneratorKind,
  type OutputFormat,
} from '../../generators/kinds/kindDefinition.js';
import { kinds } from '../../generators/kinds/kindRegistry.js';
import { openFileSink } from '../../generators/output/fileSinks.js';
import type { TextSink } from '../../generators/output/textSink.js';
import { createProgressBar } from '../../generators/progressBar.js';
import { writeFixture, type FixtureSummary } from '../../generators/runGenerator.js';
import {
  choiceOption,
  integerOption,
  numberOption,
  stringOption,
  UsageError,
  type Command,
  type Output,
  type ParsedCommand,
} from '../command.js';

const numbers = new Intl.NumberFormat('en-US');

export const command: Command = {
  name: 'generate',
  summary: 'Generate seeded, spec-valid fixture files, with known-bad rows on request',
  usage: 'bulkmock generate <kind> [options]   or   bulkmock generate --list',
  positionals: true,
  details: `Kinds: ${generatorKinds.join(', ')}
(see --list for their formats and defects).

Every valid row validates against the row schema of the vendor's spec and passes its
x-bulkmock-rules. With --invalid-rate R, exactly round(count x R) rows carry one defect each
(a missing required field, a bad date, end before start, a wrong type, an over-long value, a
duplicate key, a bad enum value, ...), each one a problem the mock reports for that row. A
row that no chosen defect fits (a duplicate before any valid row) stays valid.

The same kind, seed and options give byte-identical output; session dates are relative to
2027-01-01T00:00:00Z, not today. Output is streamed, so memory stays flat for millions of rows.

Formats:
  csv    RFC 4180 (CRLF line ends, quotes where needed) with the header the mock expects: the
         row schema's properties in the spec's order. Nested values (StackOne categories,
         skills, content, ...) are written as JSON text in their cell.
  jsonl  One JSON object per line (the Learning Builder CreateBatch body).
  json   One JSON document: the vendor's request body where there is one
         ({ "templates": [...] }, { "items": [...] }), otherwise an array of rows. The vendors
         take at most 500 templates or 100 items per request: send larger files in batches of
         that size, in order (a duplicate key always repeats a row of its own batch). A
         Thought Industries import file holds at most 100,000 rows.

Expected defects: with --out FILE, FILE.expected.json lists every broken row as
  { "kind", "seed", "count", "invalidRate",
    "defects": [ { "index", "row", "defect", "field" }, ... ] }
where index is 0-based and row is the 1-based row number as the mock reports it (the CSV data
row, the JSON Lines line, the array element counted from 1). With standard output it is
written only when --expected PATH is given.

Exit status: 0 done, 1 the output could not be written, 2 a usage error.

Examples:
  bulkmock generate ti-webinar --count 5000 --seed 7 --invalid-rate 0.05 --out webinars.csv
  bulkmock generate lb-record --count 1000000 --out records.jsonl
  bulkmock generate stackone-course --count 100 --defects badEnum,tooLong | curl ... --data-binary @-`,
  options: {
    count: { type: 'string', value: 'n', default: '1000', description: 'How many rows.' },
    seed: {
      type: 'string',
      value: 'n',
      default: '1',
      description: 'Seed of every value; the same seed gives the same bytes.',
    },
    'invalid-rate': {
      type: 'string',
      value: 'r',
      default: '0',
      description: 'Share of rows (0 to 1) that carry a defect.',
    },
    defects: {
      type: 'string',
      value: 'names',
      description: 'Only these defects, comma-separated (default: all the kind can carry).',
    },
    format: {
      type: 'string',
      value: 'format',
      description: "csv, jsonl or json (default: the kind's own, see --list).",
    },
    out: {
      type: 'string',
      short: 'o',
      value: 'path',
      description: 'Write to this file instead of standard output (- for standard output).',
    },
    expected: {
      type: 'string',
      value: 'path',
      description: 'Write the expected defects here (default: <out>.expected.json).',
    },
    list: { type: 'boolean', description: 'List the kinds, their formats and defects, and exit.' },
  },
  async run({ values, positionals }, output) {
    if (values.list) {
      output.out(listing());
      return 0;
    }
    const request = readRequest(values, positionals);
    const sinks = await openSinks(request, output);
    const progress = output.isTTY
      ? createProgressBar({ total: request.count, write: (line) => output.err(line) })
      : null;
    const summary = await writeFixture(
      {
        kind: request.kind,
        count: request.count,
        seed: request.seed,
        invalidRate: request.invalidRate,
        format: request.format,
        ...(request.defects && { defects: request.defects }),
      },
      {
        data: sinks.data,
        ...(sinks.expected && { expected: sinks.expected }),
        ...(progress && { onProgress: (rows: number) => progress.update(rows) }),
      },
    );
    progress?.finish();
    const line = describe(summary, request);
    if (request.out === null) output.err(line);
    else output.out(line);
    return 0;
  },
};

interface GenerateRequest {
  kind: GeneratorKind;
  count: number;
  seed: number;
  invalidRate: number;
  format: OutputFormat;
  defects: DefectName[] | null;
  /** null: standard output. */
  out: string | null;
  expected: string | null;
}

function readRequest(values: ParsedCommand['values'], positionals: readonly string[]): GenerateRequest {
  if (positionals.length === 0) throw new UsageError(`name the kind to generate: ${generatorKinds.join(', ')}`);
  if (positionals.length > 1)
    throw new UsageError(`generate takes one kind, got ${positionals.length}: ${positionals.join(' ')}`);
  const name = positionals[0]!;
  if (!(generatorKinds as readonly string[]).includes(name))
    throw new UsageError(`unknown kind "${name}"; kinds: ${generatorKinds.join(', ')}`);
  const kind = name as GeneratorKind;
  const outOption = stringOption('out', values.out);
  const out = outOption === undefined || outOption === '-' ? null : outOption;
  const expected = stringOption('expected', values.expected) ?? (out !== null ? `${out}.expected.json` : null);
  const defects = stringOption('defects', values.defects);
  if (out !== null && out === expected) throw new UsageError('--expected must name a different file than --out');
  return {
    kind,
    count: integerOption('count', values.count, 1, 1_000_000_000),
    seed: integerOption('seed', values.seed, -(2 ** 31), 2 ** 32 - 1),
    invalidRate: numberOption('invalid-rate', values['invalid-rate'], 0, 1),
    format: choiceOption('format', values.format ?? kinds[kind].defaultFormat, outputFormats),
    defects: defects === undefined ? null : readDefects(kind, defects),
    out,
    expected,
  };
}

function readDefects(kind: GeneratorKind, text: string): DefectName[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const possible = defectsOf(kinds[kind]);
  const wrong = names.filter((name) => !(possible as string[]).includes(name));
  if (names.length === 0 || wrong.length > 0) {
    throw new UsageError(
      `--defects: ${names.length === 0 ? 'no defect named' : `${kind} rows cannot carry ${wrong.join(', ')}`}; they can carry ${possible.join(', ')}`,
    );
  }
  return names as DefectName[];
}

/** Opens the output files before any row is made, so that a bad path fails at once (exit 1). */
async function openSinks(
  request: GenerateRequest,
  output: Output,
): Promise<{ data: TextSink; expected: TextSink | null }> {
  // Every chunk of generated text ends with a line break, so Output.out writes it unchanged.
  const data =
    request.out === null
      ? { write: (chunk: string) => output.out(chunk), close: () => Promise.resolve() }
      : await openFileSink(request.out);
  if (request.expected === null) return { data, expected: null };
  try {
    return { data, expected: await openFileSink(request.expected) };
  } catch (error) {
    await data.close();
    throw error;
  }
}

function describe(summary: FixtureSummary, request: GenerateRequest): string {
  // A rate over a fraction of a second says more about start-up than about generation.
  const rate = summary.seconds >= 1 ? `, ${numbers.format(Math.round(summary.rows / summary.seconds))} rows/s` : '';
  const where = request.out === null ? 'standard output' : request.out;
  const sidecar = request.expected === null ? '' : `; expected defects in ${request.expected}`;
  return (
    `generated ${numbers.format(summary.rows)} ${summary.kind} rows (${numbers.format(summary.invalidRows)} invalid) as ${summary.format} to ${where}: ` +
    `${numbers.format(summary.bytes)} bytes in ${summary.seconds.toFixed(2)} s${rate}${sidecar}`
  );
}

function listing(): string {
  const kindWidth = Math.max(...generatorKinds.map((k) => k.length)) + 2;
  const defectWidth = Math.max(...defectNames.map((d) => d.length)) + 2;
  return [
    'Kinds (default format first):',
    ...generatorKinds.flatMap((name) => {
      const kind = kinds[name];
      const formats = [kind.defaultFormat, ...outputFormats.filter((f) => f !== kind.defaultFormat)].join(', ');
      return [
        `  ${name.padEnd(kindWidth)}${kind.summary}`,
        `  ${''.padEnd(kindWidth)}formats: ${formats}`,
        `  ${''.padEnd(kindWidth)}defects: ${defectsOf(kind).join(', ')}`,
      ];
    }),
    '',
    `Formats: ${outputFormats.join(', ')}`,
    '',
    'Defects (name, what the mock reports, what is wrong):',
    ...defectNames.map(
      (name) =>
        `  ${name.padEnd(defectWidth)}${defectTypes[name].reportedAs.join('/').padEnd(17)}${defectTypes[name].description}`,
    ),
    '',
  ].join('\n');
}
