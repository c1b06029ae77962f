import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFieldReport, hasContradictions, type FieldReport } from '../../recording/fieldReport.js';
import { formatFieldReport } from '../../recording/fieldReportFormat.js';
import type { HarEntry, HarLog } from '../../mocks/replay/har.js';
import { recordFullImports, type FullRecording } from './recordFullImports.js';
import { startStandInPlatform, type StandInPlatform } from './standInPlatform.js';

let deviating: { standIn: StandInPlatform; recorded: FullRecording; report: FieldReport };
let conforming: { standIn: StandInPlatform; recorded: FullRecording; report: FieldReport };

async function recordAndReport(deviations: boolean) {
  const standIn = await startStandInPlatform({ deviations });
  const recorded = await recordFullImports(standIn);
  return { standIn, recorded, report: buildFieldReport(recorded.recordings) };
}

beforeAll(async () => {
  deviating = await recordAndReport(true);
  conforming = await recordAndReport(false);
});
afterAll(async () => {
  for (const run of [deviating, conforming]) {
    await run.standIn.close();
    await rm(run.recorded.dir, { recursive: true, force: true });
  }
});

const contradicted = (report: FieldReport) => report.rules.filter((r) => r.verdict === 'contradicted');

describe('the field report of a recording', () => {
  it("names exactly the stand-in's differences from our specs, and no others", () => {
    const { report } = deviating;
    // The job status values are Thought Industries' own (its GraphQL schema), so `pending` contradicts a documented fact.
    expect(contradicted(report).map((r) => r.rule.id)).toEqual(['stackone#/components/headers/RetryAfter']);
    expect(report.documentedContradictions.map((e) => [e.location, e.entry, e.pointer, e.value])).toEqual([
      ['thought-industries#/components/schemas/BackgroundJobStatus', 1, '/data/APIBackgroundJob/status', 'pending'],
      ['stackone#/components/schemas/BatchResult/properties/statusCode', 4, '/statusCode', '202'],
    ]);
    expect(report.undocumentedFields.map((u) => [u.entry, u.pointer, u.value])).toEqual([
      [1, '/data/APIBackgroundJob/createdBy', 'api'],
      [2, '/data/APIBackgroundJob/createdBy', 'api'],
      [3, '/data/APIBackgroundJob/createdBy', 'api'],
    ]);
    expect(hasContradictions(report)).toBe(true);
  });

  it('gives the evidence of each contradiction: entry, JSON pointer and value', () => {
    const [retryAfter] = contradicted(deviating.report);
    expect(deviating.report.documentedContradictions[0]).toMatchObject({
      entry: 1,
      part: 'response body',
      pointer: '/data/APIBackgroundJob/status',
      value: 'pending',
    });
    expect(retryAfter!.evidence).toEqual([
      expect.objectContaining({ entry: 5, part: 'response header Retry-After', value: null }),
    ]);
    expect(retryAfter!.evidence[0]!.message).toContain('the required header Retry-After is missing');
  });

  it('finds nothing to report when the platform keeps every rule, and confirms what the recording exercised', () => {
    const { report } = conforming;
    expect(contradicted(report)).toEqual([]);
    expect(report.documentedContradictions).toEqual([]);
    expect(report.undocumentedFields).toEqual([]);
    expect(hasContradictions(report)).toBe(false);
    const confirmed = report.rules.filter((r) => r.verdict === 'confirmed').map((r) => r.rule.id);
    expect(confirmed).toEqual(
      expect.arrayContaining([
        'thought-industries#/components/schemas/JobProgress',
        'stackone#/components/headers/RetryAfter',
        'stackone#/components/schemas/Course',
        'learning-builder#/components/parameters/importProcessId/schema/pattern',
      ]),
    );
    // How a job moves between states is a designed behaviour: single answers cannot confirm it.
    expect(report.unobservable.map((u) => u.rule.id)).toContain(
      'thought-industries#/components/schemas/BackgroundJobStatus',
    );
    // Never exercised: the recording had no 403, and no certificate template import.
    const never = report.rules.filter((r) => r.verdict === 'not exercised').map((r) => r.rule.id);
    expect(never).toEqual(
      expect.arrayContaining([
        'thought-industries#/components/responses/Forbidden',
        'thought-industries#/components/schemas/CertificateTemplatesBulkRequest/properties/templates/maxItems',
      ]),
    );
    expect(report.unobservable.map((u) => u.rule.id)).toContain(
      'learning-builder#/components/schemas/QueueBatchDetails',
    );
    expect(report.entries).toMatchObject({ total: 9, matched: 8, outsideSpecs: 1 });
  });

  it('judges a request that breaks a designed rule by what the platform did with it: accepted contradicts, refused confirms', () => {
    const batch = (status: number): HarEntry => ({
      startedDateTime: '2026-12-01T10:00:00.000Z',
      time: 1,
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
      request: {
        method: 'POST',
        url: 'https://api.stackone.com/unified/lms/courses/batch',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        queryString: [],
        headersSize: -1,
        bodySize: 40,
        headers: [
          { name: 'x-account-id', value: 'acme' },
          { name: 'content-type', value: 'application/json' },
        ],
        postData: {
          mimeType: 'application/json',
          text: JSON.stringify({ items: [{ external_reference: 'NO-TITLE' }] }),
        },
      },
      response: {
        status,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: [{ name: 'content-type', value: 'application/json' }],
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
        content: {
          size: 0,
          mimeType: 'application/json',
          text:
            status === 202
              ? JSON.stringify({
                  statusCode: 202,
                  message: 'Batch operation accepted',
                  timestamp: '2026-12-01T10:00:00.000Z',
                  errors: [[]],
                })
              : JSON.stringify({
                  statusCode: 400,
                  message: 'title is required',
                  timestamp: '2026-12-01T10:00:00.000Z',
                }),
        },
      },
    });
    const har = (entry: HarEntry): HarLog => ({
      log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [entry] },
    });
    const title = 'stackone#/components/schemas/LmsUpsertCourseRequest/properties/title/required';
    const accepted = buildFieldReport([{ name: 'accepted.har', har: har(batch(202)) }]).rules.find(
      (r) => r.rule.id === title,
    )!;
    expect(accepted.verdict).toBe('contradicted');
    expect(accepted.evidence[0]).toMatchObject({ entry: 0, part: 'request body', pointer: '/items/0/title' });
    expect(accepted.evidence[0]!.message).toContain('yet the platform accepted it (202)');
    const refused = buildFieldReport([{ name: 'refused.har', har: har(batch(400)) }]).rules.find(
      (r) => r.rule.id === title,
    )!;
    expect(refused.verdict).toBe('confirmed');
  });

  it('prints as text, JSON and Markdown with the same findings', () => {
    const text = formatFieldReport(deviating.report, 'text');
    expect(text).toContain('CONTRADICTED (1)');
    expect(text).toContain('entry 1 (GET /incoming/v2/jobs/');
    expect(text).toContain('RESULT: the recording contradicts the specs');
    const json = JSON.parse(formatFieldReport(deviating.report, 'json')) as {
      contradictions: boolean;
      rules: Array<{ verdict: string }>;
    };
    expect(json.contradictions).toBe(true);
    expect(json.rules.filter((r) => r.verdict === 'contradicted')).toHaveLength(1);
    const markdown = formatFieldReport(deviating.report, 'markdown');
    expect(markdown).toContain('| `stackone#/components/headers/RetryAfter` | contradicted | 5 |');
    expect(markdown).toContain('## Documented facts contradicted (2)');
  });
});
