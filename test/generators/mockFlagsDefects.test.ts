import { describe, expect, it } from 'vitest';
import { defectsOf } from '../../generators/defects/defectInjector.js';
import { defectTypes, type DefectName } from '../../generators/defects/defectTypes.js';
import { generatorKinds, type GeneratorKind } from '../../generators/kinds/kindDefinition.js';
import { kinds } from '../../generators/kinds/kindRegistry.js';
import type { ExpectedDefects } from '../../generators/output/expectedDefects.js';
import { fixtureText } from '../../generators/runGenerator.js';
import { encodeBase64 } from '../../mocks/core/base64.js';
import { createMockCore } from '../../mocks/builtInVendors.js';
import { bodyFromBytes } from '../../mocks/core/mockRequest.js';
import { serializeBody } from '../../mocks/core/mockResponse.js';

/** One problem the mock reported for one row, in whatever detail the vendor's answer carries. */
interface Reported {
  field?: string;
  code?: string;
  message: string;
}

/** The Thought Industries imports of a CSV asset, by the kind that writes their files. */
const tiFileImports = {
  'ti-webinar': 'courseGroup/webinar/bulk',
  'ti-in-person-event': 'session/inPersonEvent/bulk',
  'ti-session-webinar': 'session/webinar/bulk',
  'ti-course-group-in-person-event': 'courseGroup/inPersonEvent/bulk',
} as const;

/** Sends a generated fixture to a fresh mock, the way a client would, and collects what it reports per 1-based row. */
async function reportedByMock(
  kind: GeneratorKind,
  text: string,
): Promise<{ rows: number; problems: Map<number, Reported[]> }> {
  const core = createMockCore({ timing: { mode: 'instant' } });
  const send = async (method: string, path: string, headers: Record<string, string>, body = '') => {
    const [pathname, query = ''] = path.split('?');
    const response = await core.handle({
      method,
      path: pathname!,
      query: new URLSearchParams(query),
      headers,
      body: bodyFromBytes(body),
    });
    return { status: response.status, json: JSON.parse(serializeBody(response) ?? 'null') };
  };
  const problems = new Map<number, Reported[]>();

  if (kind === 'ti-user') {
    expect(
      (await send('PUT', '/__bulkmock/assets/fixtures/users.csv', { 'content-type': 'text/csv' }, text)).status,
    ).toBe(201);
    const answer = await send(
      'POST',
      '/incoming/v2/users/bulkImport',
      { authorization: 'Bearer k', 'content-type': 'application/json' },
      JSON.stringify({ url: 'https://files.example.com/fixtures/users.csv', dryRun: true }),
    );
    expect(answer.status).toBe(200);
    // The answer is a bare job; the control API keeps the users import's row report.
    const job = (await send('GET', `/__bulkmock/jobs/${answer.json.data.APIUsersBulkImport.id}`, {})).json as {
      status: string;
      progress: { total: number };
      invalidRows: Array<{ row: number; errors: Reported[] }>;
    };
    expect(job.status).toBe('complete');
    for (const { row, errors } of job.invalidRows) problems.set(row, errors);
    return { rows: job.progress.total + job.invalidRows.length, problems };
  }

  if (kind in tiFileImports) {
    const endpoint = tiFileImports[kind as keyof typeof tiFileImports];
    expect(
      (await send('PUT', '/__bulkmock/assets/fixtures/generated.csv', { 'content-type': 'text/csv' }, text)).status,
    ).toBe(201);
    const answer = await send(
      'POST',
      `/incoming/v2/content/${endpoint}`,
      { authorization: 'Bearer k', 'content-type': 'application/json' },
      JSON.stringify({ bulkImportAssetPath: 'fixtures/generated.csv', dryRun: true }),
    );
    expect(answer.status).toBe(200);
    const report = Object.values(answer.json.data)[0] as {
      validRows: unknown[];
      invalidRows: Array<{ row: number; errors: Reported[] }>;
    };
    for (const { row, errors } of report.invalidRows) problems.set(row, errors);
    return { rows: report.validRows.length + report.invalidRows.length, problems };
  }

  if (kind === 'ti-certificate-template') {
    const answer = await send(
      'POST',
      '/incoming/v2/content/certificate-templates/bulk',
      { authorization: 'Bearer k', 'content-type': 'application/json' },
      JSON.stringify({ ...JSON.parse(text), dryRun: true }),
    );
    expect(answer.status).toBe(200);
    const result = answer.json.data.APIBulkCreateCertificateTemplates as {
      createdCount: number;
      updatedCount: number;
      errors: Array<{ error: string }>;
    };
    for (const { error } of result.errors) {
      // The answer names a refused template by its position: "template 12: ...".
      const index = Number(/^template (\d+):/.exec(error)?.[1]);
      problems.set(index + 1, [...(problems.get(index + 1) ?? []), { message: error }]);
    }
    return { rows: result.createdCount + result.updatedCount + result.errors.length, problems };
  }

  if (kind === 'stackone-course' || kind === 'stackone-content') {
    const path = kind === 'stackone-course' ? '/unified/lms/courses/batch' : '/unified/lms/content/batch';
    const items = JSON.parse(text).items as unknown[];
    const headers = {
      authorization: `Basic ${encodeBase64('k:')}`,
      'x-account-id': 'acme-prod',
      'content-type': 'application/json',
    };
    // In batches of 100 items, the most the spec allows per request, in order.
    for (let first = 0; first < items.length; first += 100) {
      const answer = await send('POST', path, headers, JSON.stringify({ items: items.slice(first, first + 100) }));
      expect(answer.status).toBe(202);
      (answer.json.errors as string[][]).forEach((messages, i) => {
        if (messages.length > 0)
          problems.set(
            first + i + 1,
            messages.map((message) => ({ message })),
          );
      });
    }
    return { rows: items.length, problems };
  }

  const created = await send(
    'POST',
    '/API/WorkflowImportQueue/CreateBatch?importProcessId=1',
    { authorization: 'apikey k', 'content-type': 'application/x-ndjson' },
    text,
  );
  expect(created.status).toBe(200);
  const details = await send('GET', new URL(created.json.queueBatchDetails).pathname, { accept: 'application/json' });
  expect(details.json.status).toBe('complete');
  const records = details.json.records as Array<{ line: number; status: string; errors: Reported[] }>;
  for (const { line, status, errors } of records) if (status === 'failed') problems.set(line, errors);
  return { rows: records.length, problems };
}

/** Whether what the mock reported for a row is the defect the row was given. */
function matchesDefect(
  kind: GeneratorKind,
  reported: readonly Reported[],
  defect: { defect: DefectName; field: string },
): boolean {
  const type = defectTypes[defect.defect];
  return reported.some((problem) => {
    // Thought Industries' file imports report the field and the failing check; Learning Builder the field;
    // StackOne and certificate templates only messages, which name the field.
    if (kind in tiFileImports || kind === 'ti-user')
      return problem.field === defect.field && type.reportedAs.includes(problem.code ?? '');
    if (kind === 'lb-record') return problem.field === defect.field;
    return problem.message.includes(defect.field);
  });
}

async function expectMockToFlagExactlyTheDefects(
  kind: GeneratorKind,
  options: { count: number; seed: number; invalidRate: number; defects?: DefectName[] },
) {
  const { text, expected } = await fixtureText({ kind, ...options });
  const { rows, problems } = await reportedByMock(kind, text);
  expect(rows).toBe(options.count);
  expect(expected.defects.length).toBe(Math.round(options.count * options.invalidRate));
  // Every row the sidecar lists is reported, and no other.
  expect([...problems.keys()].sort((a, b) => a - b)).toEqual(expected.defects.map((d) => d.row));
  const mismatched = expected.defects
    .filter((d) => !matchesDefect(kind, problems.get(d.row) ?? [], d))
    .map((d) => ({ ...d, reported: problems.get(d.row) }));
  expect(mismatched).toEqual([]);
  return expected;
}

describe('the mock reports exactly the rows a fixture broke on purpose', () => {
  it.each(generatorKinds)('%s: a mix of every defect, and no valid row flagged', async (kind) => {
    // 300 templates fit one request (at most 500); StackOne items go in batches of 100.
    const expected: ExpectedDefects = await expectMockToFlagExactlyTheDefects(kind, {
      count: 300,
      seed: 20270101,
      invalidRate: 0.3,
    });
    expect(new Set(expected.defects.map((d) => d.defect))).toEqual(new Set(defectsOf(kinds[kind])));
  });

  const everyDefect = generatorKinds.flatMap((kind) => defectsOf(kinds[kind]).map((defect) => [kind, defect] as const));
  it.each(everyDefect)('%s: %s is reported on the field it broke', async (kind, defect) => {
    const expected = await expectMockToFlagExactlyTheDefects(kind, {
      count: 40,
      seed: 7,
      invalidRate: 0.5,
      defects: [defect],
    });
    expect(expected.defects.every((d) => d.defect === defect)).toBe(true);
  });

  it('reports a duplicate key against the earlier valid row, within a batch of 100 StackOne items', async () => {
    // 250 items in three requests: a duplicate must repeat a key of its own request to be seen.
    await expectMockToFlagExactlyTheDefects('stackone-course', {
      count: 250,
      seed: 3,
      invalidRate: 0.4,
      defects: ['duplicateKey'],
    });
  });
});
