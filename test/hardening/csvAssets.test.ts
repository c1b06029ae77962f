import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goodInPersonEvent, goodWebinar, inPersonHeader, webinarHeader } from '../support/csvFixtures.js';
import { expectStillServing, sendAndCheck } from './support/answerRules.js';
import { fuzzParameters, fuzzTimeoutMs } from './support/fuzzSettings.js';
import { fuzzLimits, useFuzzServer } from './support/fuzzServer.js';
import { contentType, corruption, credentials, printable } from './support/requestArbitraries.js';

const server = useFuzzServer();
const runs = 150;
const encoder = new TextEncoder();

const imports = {
  webinars: {
    header: webinarHeader,
    good: goodWebinar,
    path: '/incoming/v2/content/courseGroup/webinar/bulk',
    payload: 'APIBulkCourseGroupWebinarImport',
  },
  inPersonEvents: {
    header: inPersonHeader,
    good: (id: string) => goodInPersonEvent(id),
    path: '/incoming/v2/content/session/inPersonEvent/bulk',
    payload: 'APIBulkInPersonEventImport',
  },
} as const;
type ImportKind = keyof typeof imports;

/** A cell: plain text, a properly quoted field with commas, quotes and line breaks, a stray quote, or any characters. */
const cell: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.string({ maxLength: 16 }).map((text) => text.replace(/[",\r\n]/g, '')) },
  { weight: 4, arbitrary: fc.string({ maxLength: 16 }).map((text) => `"${text.replace(/"/g, '""')}"`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((text) => `${text}"${text}`) },
  { weight: 1, arbitrary: fc.constantFrom('"unclosed', 'a""b', '"a"b', ' " ', '""') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

/** A data row: a valid one, one with a cell replaced, a ragged one (wrong number of cells), or a blank line. */
function row(kind: ImportKind): fc.Arbitrary<string> {
  const columns = imports[kind].header.split(',').length;
  return fc.oneof(
    { weight: 12, arbitrary: fc.stringMatching(/^[A-Z]{3}-\d{1,4}$/).map((id) => imports[kind].good(id)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.stringMatching(/^[A-Z]{3}-\d{1,4}$/), fc.nat({ max: columns - 1 }), cell)
        .map(([id, at, replacement]) => {
          const cells = imports[kind].good(id).split(',');
          cells[at] = replacement;
          return cells.join(',');
        }),
    },
    { weight: 2, arbitrary: fc.array(cell, { maxLength: columns + 3 }).map((cells) => cells.join(',')) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', ',,,') },
  );
}

/** The header: right, with a byte order mark, in another case, shuffled, short of a column, or with an extra one. */
function header(kind: ImportKind): fc.Arbitrary<string> {
  const right = imports[kind].header;
  const columns = right.split(',');
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(right) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `\uFEFF${right}`,
        right.toUpperCase(),
        ` ${right.replace(/,/g, ' , ')} `,
        columns.slice(1).join(','),
        `${right},extra`,
        [...columns].reverse().join(','),
      ),
    },
    { weight: 1, arbitrary: fc.shuffledSubarray(columns).map((chosen) => chosen.join(',')) },
  );
}

/** A whole import file, sometimes over the row limit, sometimes binary junk, possibly corrupted. */
function file(kind: ImportKind): fc.Arbitrary<Uint8Array> {
  const text = fc
    .tuple(
      header(kind),
      fc.oneof(
        { weight: 9, arbitrary: fc.array(row(kind), { maxLength: 20 }) },
        {
          weight: 1,
          arbitrary: fc
            .integer({ min: fuzzLimits.maxRowsPerImport - 1, max: fuzzLimits.maxRowsPerImport + 2 })
            .map((n) => Array.from({ length: n }, (_, i) => imports[kind].good(`ROW-${i}`))),
        },
      ),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.boolean(),
    )
    .map(([head, rows, end, trailing]) => [head, ...rows].join(end) + (trailing ? end : ''));
  return fc
    .oneof(
      { weight: 9, arbitrary: fc.tuple(text, corruption).map(([csv, spoil]) => spoil(encoder.encode(csv))) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    )
    .map(printable);
}

describe('CSV import files, fuzzed', () => {
  it(
    'stores any file under an asset path, answers its import with a documented answer that reports every row exactly once, and writes every valid row',
    async () => {
      const { running } = server;
      let uploads = 0;
      const request = fc.constantFrom<ImportKind>('webinars', 'inPersonEvents').chain((kind) =>
        fc.record({
          kind: fc.constant(kind),
          content: file(kind),
          uploadType: contentType(['text/csv', 'application/octet-stream']),
          auth: credentials('thought-industries'),
          dryRun: fc.boolean(),
        }),
      );
      // Counted so that the stored-records check cannot pass by never running.
      let imported = 0;
      await fc.assert(
        fc.asyncProperty(request, async ({ kind, content, uploadType, auth, dryRun }) => {
          const assetPath = `fuzz/upload-${(uploads += 1)}.csv`;
          const upload = await sendAndCheck(running, {
            method: 'PUT',
            path: `/__bulkmock/assets/${assetPath}`,
            headers: { 'content-type': uploadType },
            body: content,
          });
          if (upload.status !== 201) return;
          const { path, payload } = imports[kind];
          const started = await sendAndCheck(running, {
            method: 'POST',
            path,
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ bulkImportAssetPath: assetPath, dryRun }),
          });
          if (started.status !== 200) return;

          const report = (JSON.parse(started.body) as { data: Record<string, Report> }).data[payload]!;
          const rows = [...report.validRows, ...report.invalidRows].map((r) => r.row).sort((a, b) => a - b);
          expect(rows, 'every data row is reported once, in valid or in invalid rows').toEqual(
            rows.map((_, i) => i + 1),
          );
          if (dryRun) return;
          imported += 1;

          // The import's job finishes; every valid row is then a stored record (nothing accepted is lost).
          await sendAndCheck(running, {
            method: 'POST',
            path: '/__bulkmock/clock/advance',
            headers: { 'content-type': 'application/json' },
            body: '{"ms":3600000}',
          });
          await sendAndCheck(running, {
            method: 'GET',
            path: `/incoming/v2/jobs/${report.backgroundJob.id}`,
            headers: auth,
          });
          const stored = new Set((await readAll(kind)).map((record) => record.fields.externalId));
          for (const valid of report.validRows)
            expect(
              stored.has(valid.values.externalId),
              `row ${valid.row} (${valid.values.externalId}) was stored`,
            ).toBe(true);
        }),
        fuzzParameters(runs),
      );
      expect(imported, 'imports whose stored records were checked').toBeGreaterThan(0);
      await expectStillServing(running);
    },
    fuzzTimeoutMs(runs),
  );
});

interface Report {
  validRows: Array<{ row: number; values: { externalId: string } }>;
  invalidRows: Array<{ row: number }>;
  backgroundJob: { id: string };
}

/** Every stored record of a collection, page by page. */
async function readAll(collection: ImportKind): Promise<Array<{ fields: { externalId: string } }>> {
  const all: Array<{ fields: { externalId: string } }> = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await sendAndCheck(server.running, {
      method: 'GET',
      path: `/__bulkmock/thought-industries/records/${collection}?limit=1000&offset=${offset}`,
    });
    const { items, total } = JSON.parse(page.body) as {
      items: Array<{ fields: { externalId: string } }>;
      total: number;
    };
    all.push(...items);
    if (all.length >= total || items.length === 0) return all;
  }
}
