import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectStillServing, sendAndCheck } from './support/answerRules.js';
import { fuzzParameters, fuzzTimeoutMs } from './support/fuzzSettings.js';
import { fuzzLimits, useFuzzServer } from './support/fuzzServer.js';
import {
  anyValue,
  contentType,
  corruption,
  credentials,
  deeplyNested,
  expandLeaves,
  headerText,
  printable,
  queryString,
} from './support/requestArbitraries.js';

const server = useFuzzServer();
const runs = 200;
const encoder = new TextEncoder();

const sometimesWrong = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: anyValue });

const record = fc.record(
  {
    ExternalRecordId: sometimesWrong(
      fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,20}$/), fc.constantFrom('ce-1', 'ce-2')),
    ),
    PersonId: sometimesWrong(fc.string({ minLength: 1, maxLength: 10 })),
    FirstName: sometimesWrong(fc.constantFrom('Amara', 'Lena', '')),
    LastName: sometimesWrong(fc.constantFrom('Osei', 'Vogt')),
    Email: sometimesWrong(fc.constantFrom('amara.osei@example.org', 'not-an-email')),
    ActivityCode: sometimesWrong(fc.constantFrom('CE-PHARM-2026', 'NUR-1', 'lower-case')),
    CompletionDate: sometimesWrong(fc.constantFrom('2026-05-14', '2026-02-30', '14/05/2026')),
    CreditHours: sometimesWrong(fc.constantFrom(1, 1.5, 2.25, 0.1, -1)),
    CreditType: sometimesWrong(fc.constantFrom('CE', 'CPE', 'XYZ')),
  },
  { requiredKeys: [] },
);

/** One line of a JSON Lines body: a record, any JSON, broken JSON, blank, over-long, or nested too deep. */
const line: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: record.map((value) => expandLeaves(JSON.stringify(value))) },
  { weight: 2, arbitrary: anyValue.map((value) => expandLeaves(JSON.stringify(value) ?? 'null')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((text) => text.replace(/[\r\n]/g, '')) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t', '{', '}', '[]', 'null', '"text"', '{"a":1}{"b":2}') },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: fuzzLimits.maxLineLength - 40, max: fuzzLimits.maxLineLength * 3 })
      .map((n) => JSON.stringify({ ExternalRecordId: 'long', Note: 'y'.repeat(n) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 2, max: 20_000 })
      .map((n) => `{"ExternalRecordId":"deep","Extra":${deeplyNested(n, n % 2 ? 'array' : 'object')}}`),
  },
);

/** A whole body: lines joined by LF or CRLF, sometimes just over the record limit, possibly corrupted. */
const body: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.oneof(
      { weight: 9, arbitrary: fc.array(line, { maxLength: 30 }) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: fuzzLimits.maxRowsPerImport - 1, max: fuzzLimits.maxRowsPerImport + 2 })
          .map((n) => Array.from({ length: n }, (_, i) => `{"ExternalRecordId":"r-${i}"}`)),
      },
    ),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
    corruption,
  )
  .map(([lines, end, trailing, spoil]) => printable(spoil(encoder.encode(lines.join(end) + (trailing ? end : '')))));

const query = fc
  .tuple(
    fc.oneof(
      {
        weight: 9,
        arbitrary: fc.oneof(
          fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/),
          fc.constantFrom('4182', '9b2f6c1e-0d47-4a3b-8e5f-2c71a6d09b38'),
        ),
      },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    queryString({
      // The right values; queryString mixes in wrong ones (and junk parameters) now and then.
      fileName: fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
      creationPath: fc.stringMatching(/^[A-Z0-9_]{1,15}$/),
      sendSuccessEmailTo: fc.constantFrom('ce-admin@example.org', 'lb%2Bops@example.org'),
      sendFailureEmailTo: fc.constantFrom('ce-admin@example.org', 'lb%2Bops@example.org'),
    }),
  )
  .map(([id, rest]) => {
    const first = id === null ? '' : `importProcessId=${id}`;
    if (!rest) return first ? `?${first}` : '';
    return first ? `?${first}&${rest.slice(1)}` : rest;
  });

const accept = fc.constantFrom(
  undefined,
  'application/json',
  'text/html',
  'text/html, application/json',
  'application/json, text/html',
  '*/*',
  'image/png',
);

describe('JSON Lines bodies, fuzzed', () => {
  it(
    'answers any JSON Lines body, query and Content-Type on CreateBatch with a documented answer, and every accepted record shows on its details page',
    async () => {
      const { running } = server;
      const request = fc.record({
        body,
        query,
        type: contentType(['application/x-ndjson', 'application/jsonl', 'application/x-ndjson; charset=utf-8']),
        auth: credentials('learning-builder'),
        accept,
        advance: fc.constantFrom(0, 1_500, 600_000),
        failJob: fc.option(headerText(20), { freq: 8, nil: undefined }),
      });
      // Counted so that the line-by-line check cannot pass by never running.
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(request, async ({ body, query, type, auth, accept, advance, failJob }) => {
          const created = await sendAndCheck(running, {
            method: 'POST',
            path: `/API/WorkflowImportQueue/CreateBatch${query}`,
            headers: { ...auth, 'content-type': type, 'x-bulkmock-fail-job': failJob },
            body,
          });
          if (created.status !== 200) return;
          await sendAndCheck(running, {
            method: 'POST',
            path: '/__bulkmock/clock/advance',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ms: advance }),
          });
          const link = new URL((JSON.parse(created.body) as { queueBatchDetails: string }).queueBatchDetails);
          const details = await sendAndCheck(running, { method: 'GET', path: link.pathname, headers: { accept } });
          await sendAndCheck(running, { method: 'GET', path: `/__bulkmock/jobs/${link.pathname.split('/').pop()}` });
          if (!details.headers['content-type']?.includes('json')) return;
          checked += 1;
          // Nothing accepted is lost: every non-blank line is one record of the batch, in order.
          const lines = new TextDecoder().decode(body).split('\n');
          const expected = lines.flatMap((text, i) => (text.trim() === '' ? [] : [i + 1]));
          expect((JSON.parse(details.body) as { records: Array<{ line: number }> }).records.map((r) => r.line)).toEqual(
            expected,
          );
        }),
        fuzzParameters(runs),
      );
      expect(checked, 'batches whose records were checked line by line').toBeGreaterThan(0);
      await expectStillServing(running);
    },
    fuzzTimeoutMs(runs),
  );
});
