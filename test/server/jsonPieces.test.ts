import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../mocks/adapters/http/httpServer.js';
import { holdsLongArray, jsonPieces } from '../../mocks/adapters/http/jsonChunks.js';
import { goodWebinar, webinarCsv } from '../support/csvFixtures.js';
import { tiAuth } from '../support/bulkmockHarness.js';

describe('a JSON answer written in pieces', () => {
  const report = {
    data: {
      APIBulkCourseGroupWebinarImport: {
        dryRun: true,
        validRows: Array.from({ length: 3000 }, (_, row) => ({
          row,
          values: { title: `Café "${row}"\n`, capacity: row },
        })),
        invalidRows: [],
        backgroundJob: { id: 'j', note: undefined },
      },
    },
  };

  it.each([
    ['a long report', report],
    [
      'what JSON.stringify drops or turns to null',
      { a: undefined, b: () => 1, c: [undefined, Number.NaN, new Date(0)], d: { toJSON: () => 'T' } },
    ],
    ['plain values', [1, 'x', null, true, [], {}]],
  ])('joins to exactly JSON.stringify: %s', (_name, value) => {
    const pieces = [...jsonPieces(value, 1024)];
    expect(pieces.join('')).toBe(JSON.stringify(value));
  });

  it('cuts a long report into pieces of about the asked size, one batch of rows at most over it', () => {
    const pieces = [...jsonPieces(report, 4096)];
    const batch = JSON.stringify(report.data.APIBulkCourseGroupWebinarImport.validRows.slice(0, 256)).length;
    expect(pieces.length).toBeGreaterThan(5);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(4096 + batch + 200);
  });

  it('streams only values that hold a long array', () => {
    expect(holdsLongArray(report)).toBe(true);
    expect(holdsLongArray({ data: { APIBackgroundJob: { id: 'j', status: 'complete' } } })).toBe(false);
  });
});

describe('a large dry run over HTTP', () => {
  it('is answered in chunks that read back as the whole report', async () => {
    const server = await startMockServer({ port: 0, mock: { timing: { mode: 'instant' } } });
    try {
      const rows = Array.from({ length: 2500 }, (_, i) => goodWebinar(`WEB-${i + 1}`));
      expect(
        (
          await fetch(`${server.url}/__bulkmock/assets/big.csv`, {
            method: 'PUT',
            headers: { 'content-type': 'text/csv' },
            body: webinarCsv(...rows),
          })
        ).status,
      ).toBe(201);
      const answer = await fetch(`${server.url}/incoming/v2/content/courseGroup/webinar/bulk`, {
        method: 'POST',
        headers: { ...tiAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ bulkImportAssetPath: 'big.csv', dryRun: true }),
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('transfer-encoding')).toBe('chunked');
      const report = (await answer.json()).data.APIBulkCourseGroupWebinarImport;
      expect(report.validRows).toHaveLength(2500);
      expect(report.validRows[2499]).toMatchObject({ row: 2500, values: { externalId: 'WEB-2500' } });
      expect(report.backgroundJob.status).toBe('complete');
    } finally {
      await server.close();
    }
  });
});
