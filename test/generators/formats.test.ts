import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRows } from '../../generators/generateRows.js';
import { generatorKinds, type GeneratorKind } from '../../generators/kinds/kindDefinition.js';
import { kinds } from '../../generators/kinds/kindRegistry.js';
import { csvCell } from '../../generators/output/csvEncoding.js';
import { openFileSink } from '../../generators/output/fileSinks.js';
import { fixtureText, writeFixture } from '../../generators/runGenerator.js';
import { rowColumns } from '../../mocks/vendors/thoughtIndustries/assetImport.js';

const options = { count: 150, seed: 77, invalidRate: 0.2 };
const rowsOf = (kind: GeneratorKind) =>
  [...generateRows(kind, options)].map((row) => row.value as Record<string, unknown>);

describe('CSV', () => {
  it('quotes a cell as RFC 4180 does: commas, quotes and line breaks, with quotes doubled', () => {
    expect(csvCell('Kubernetes Operations')).toBe('Kubernetes Operations');
    expect(csvCell('Rolling upgrades, autoscaling')).toBe('"Rolling upgrades, autoscaling"');
    expect(csvCell('Includes our "first 90 days" checklist.')).toBe('"Includes our ""first 90 days"" checklist."');
    expect(csvCell('Line one\nLine two')).toBe('"Line one\nLine two"');
    expect(csvCell(250)).toBe('250');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell([{ name: 'Kubernetes' }])).toBe('"[{""name"":""Kubernetes""}]"');
  });

  it.each([
    ['ti-webinar', 'WebinarImportRow'],
    ['ti-in-person-event', 'InPersonEventImportRow'],
    ['ti-session-webinar', 'SessionWebinarImportRow'],
    ['ti-course-group-in-person-event', 'CourseGroupInPersonEventImportRow'],
    ['ti-user', 'UserImportRow'],
  ] as const)('%s: the header is the one the mock expects (%s)', async (kind, schema) => {
    const { text } = await fixtureText({ kind, ...options });
    expect(text.slice(0, text.indexOf('\r\n')).split(',')).toEqual(rowColumns(schema));
  });

  it.each(generatorKinds)('%s: a real CSV parser reads back every cell of every row', async (kind) => {
    const { text } = await fixtureText({ kind, ...options, format: 'csv' });
    const [header, ...records] = parse(text, { bom: true });
    const columns = kinds[kind].row.columns;
    expect(header).toEqual(columns);
    const rows = rowsOf(kind);
    expect(records.length).toBe(rows.length);
    records.forEach((cells, i) => {
      const row = rows[i]!;
      // Text as is, numbers and booleans as written, nested values as JSON text, absent as empty.
      const expected = columns.map((column) => {
        const value = row[column];
        if (value === undefined || value === null) return '';
        const plain = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
        return plain ? String(value) : JSON.stringify(value);
      });
      expect(cells).toEqual(expected);
    });
  });

  it('exercises quoting: the webinar fixture holds cells with commas, quotes and line breaks', async () => {
    const { text } = await fixtureText({ kind: 'ti-webinar', count: 400, seed: 77 });
    expect(text).toMatch(/"[^"]*,[^"]*"/);
    expect(text).toContain('""first 90 days""');
    expect(text).toMatch(/"[^"]*\nPrerequisites/);
    expect(text.endsWith('\r\n')).toBe(true);
  });
});

describe('JSON Lines and JSON', () => {
  it.each(generatorKinds)('%s as jsonl: one JSON object per line, equal to the row', async (kind) => {
    const { text } = await fixtureText({ kind, ...options, format: 'jsonl' });
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual(rowsOf(kind));
  });

  it.each(generatorKinds)(
    '%s as json: one document, shaped as the vendor request body where there is one',
    async (kind) => {
      const { text } = await fixtureText({ kind, ...options, format: 'json' });
      const document = JSON.parse(text);
      const envelope = kinds[kind].envelope;
      expect(envelope ? document[envelope.property] : document).toEqual(rowsOf(kind));
      if (envelope) expect(Object.keys(document)).toEqual([envelope.property]);
    },
  );

  it("the default formats are the vendors' own", async () => {
    expect((await fixtureText({ kind: 'ti-webinar', count: 2, seed: 1 })).summary.format).toBe('csv');
    expect(
      Object.keys(JSON.parse((await fixtureText({ kind: 'ti-certificate-template', count: 2, seed: 1 })).text)),
    ).toEqual(['templates']);
    expect(Object.keys(JSON.parse((await fixtureText({ kind: 'stackone-course', count: 2, seed: 1 })).text))).toEqual([
      'items',
    ]);
    expect((await fixtureText({ kind: 'lb-record', count: 2, seed: 1 })).text.split('\n').length).toBe(3);
  });
});

describe('the expected-defects sidecar', () => {
  it('lists every broken row in order, with its 1-based row number, defect and field', async () => {
    const { expected } = await fixtureText({ kind: 'ti-webinar', ...options });
    expect(expected).toMatchObject({ kind: 'ti-webinar', seed: 77, count: 150, invalidRate: 0.2 });
    const broken = [...generateRows('ti-webinar', options)].filter((row) => row.defect !== undefined);
    expect(expected.defects).toEqual(
      broken.map((row) => ({ index: row.index, row: row.index + 1, defect: row.defect.name, field: row.defect.field })),
    );
  });

  it('is valid JSON when nothing is broken', async () => {
    const { expected } = await fixtureText({ kind: 'lb-record', count: 10, seed: 1 });
    expect(expected.defects).toEqual([]);
  });
});

describe('streaming to files', () => {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('writes the same bytes to a file as to memory, in many chunks', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bulkmock-generate-'));
    made.push(dir);
    const file = path.join(dir, 'webinars.csv');
    // Enough rows for dozens of chunks and several waits for the file stream to drain.
    const fixture = { kind: 'ti-webinar' as const, count: 5000, seed: 4, invalidRate: 0.1 };
    const summary = await writeFixture(fixture, {
      data: await openFileSink(file),
      expected: await openFileSink(`${file}.expected.json`),
    });
    const bytes = await readFile(file);
    const inMemory = await fixtureText(fixture);
    expect(bytes.toString('utf8')).toBe(inMemory.text);
    expect(summary.bytes).toBe(bytes.byteLength);
    expect(JSON.parse(await readFile(`${file}.expected.json`, 'utf8'))).toEqual(inMemory.expected);
  });

  it('refuses a file it cannot create, naming it and the reason', async () => {
    await expect(openFileSink(path.join(tmpdir(), 'no-such-folder-for-bulkmock', 'out.csv'))).rejects.toThrow(
      /cannot write .*out\.csv: ENOENT/,
    );
  });
});
