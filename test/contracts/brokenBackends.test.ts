import { afterEach, describe, expect, it } from 'vitest';
import { runContractSuite, type ContractOptions } from '../../contracts/index.js';
import type { Vendor } from '../../mocks/spec/specRegistry.js';
import { defects, editJson, startBrokenBackend, type BrokenBackend, type Defect } from './support/brokenBackend.js';
import { check, problemText } from './support/reportQueries.js';
import { currentFidelityReport } from '../../mocks/spec/fidelity/currentReport.js';

/** The designed rule ids the fidelity report lists for one operation. */
const fidelityRuleIds = (operationId: string) =>
  currentFidelityReport()
    .vendors.flatMap((v) => v.operations)
    .find((o) => o.operationId === operationId)!
    .designed.map((d) => d.ruleId);

let backend: BrokenBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

async function runAgainst(defect: Defect, vendor: Vendor, options: ContractOptions = {}) {
  backend = await startBrokenBackend(defect);
  return runContractSuite({ vendor, target: backend.url, timeoutMs: 5_000, options });
}

describe('the contract suite catches a broken backend', () => {
  it('a response missing a required field: names the operation, the pointer and the status', async () => {
    const report = await runAgainst(defects.missingRequiredField(), 'thought-industries');
    const result = check(report, 'schema.background-job');
    expect(result.status).toBe('failed');
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        operationId: 'getBackgroundJob',
        pointer: '/data/APIBackgroundJob/createdAt',
        message:
          'getBackgroundJob 200: data.APIBackgroundJob.createdAt is required (at /data/APIBackgroundJob/createdAt)',
      }),
    );
    expect(report.ok).toBe(false);
  });

  it('a wrong status: names the operation, the status and the documented ones', async () => {
    const report = await runAgainst(defects.wrongStatus(), 'stackone');
    const result = check(report, 'schema.batch-upsert');
    expect(result.status).toBe('failed');
    expect(problemText(result)).toContain('batchUpsertCourses does not document status 200 (documented: 202, 400, 401');
    expect(problemText(result)).toContain('batchUpsertCourses: a batch of 2 valid courses answered 200, expected 202');
  });

  it("an index-misaligned errors array: names each slot that holds another item's result", async () => {
    const report = await runAgainst(defects.misalignedErrors(), 'stackone');
    const result = check(report, 'behaviour.errors-aligned');
    expect(result.status).toBe('failed');
    expect(result.problems).toEqual([
      expect.objectContaining({
        operationId: 'batchUpsertCourses',
        pointer: '/errors/1',
        value: [],
        message: expect.stringMatching(
          /item 1 \(.*-COMPLIANCE-GDPR\) must be rejected in its own slot because its title is a number, but errors\[1\] is empty: errors is not index-aligned with items/,
        ),
      }),
      expect.objectContaining({
        operationId: 'batchUpsertCourses',
        pointer: '/errors/2',
        message: expect.stringMatching(/item 2 .* is valid, but errors\[2\] holds messages/),
      }),
      expect.objectContaining({ pointer: '/errors/3' }),
    ]);
  });

  it('a job that goes back from complete to processing: names the job, the move and the states seen', async () => {
    const report = await runAgainst(defects.jobGoesBack(), 'thought-industries');
    const result = check(report, 'behaviour.job-lifecycle');
    expect(result.status).toBe('failed');
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        operationId: 'getBackgroundJob',
        pointer: '/data/APIBackgroundJob/status',
        value: 'processing',
        message: expect.stringMatching(
          /^getBackgroundJob: job [0-9a-f-]{36} went back from complete to processing \(seen: .*complete → processing\)$/,
        ),
      }),
    );
  });

  it('a dry run that persists: names the operation and the records it left behind', async () => {
    const report = await runAgainst(defects.dryRunPersists(), 'thought-industries');
    const result = check(report, 'behaviour.dry-run-persists-nothing');
    expect(result.status).toBe('failed');
    expect(result.problems).toEqual([
      expect.objectContaining({
        operationId: 'bulkImportCourseGroupWebinars',
        pointer: '/items',
        value: [
          expect.stringMatching(/-WEB-001$/),
          expect.stringMatching(/-WEB-002$/),
          expect.stringMatching(/-WEB-003$/),
        ],
        message: expect.stringMatching(
          /^bulkImportCourseGroupWebinars: a dry run persisted 3 record\(s\): listImportedRecords lists them in webinars \(sourceJobId [0-9a-f-]{36}\)$/,
        ),
      }),
    ]);
    // Nothing else is wrong with this backend.
    expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toEqual([
      'thought-industries.behaviour.dry-run-persists-nothing',
    ]);
  });

  it("the same backend without its defect passes, so each failure above is the defect's", async () => {
    const report = await runAgainst({}, 'thought-industries');
    expect(report.ok).toBe(true);
  });
});

describe('a broken rule that bulkmock inferred', () => {
  // listCourses is marked x-bulkmock-inferred; dropping `next` breaks only bulkmock's design.
  const listWithoutNext: Defect = {
    response(response, request) {
      if (request.method === 'GET' && request.url.startsWith('/unified/lms/courses?') && response.status === 200)
        return { body: editJson(response.body, (v) => delete v.next) };
    },
  };
  // A Thought Industries 400 body that is not bulkmock's designed ThoughtIndustriesError.
  const plainBadRequest: Defect = {
    response(response, request) {
      if (request.url.startsWith('/incoming/v2/') && response.status === 400)
        return { body: JSON.stringify({ message: 'Bad Request' }) };
    },
  };

  it('fails against bulkmock, which must keep its own design', async () => {
    const report = await runAgainst(listWithoutNext, 'stackone');
    expect(check(report, 'schema.list-courses')).toMatchObject({ status: 'failed', labels: ['inferred'] });
  });

  it("is a warning against a vendor target, citing the spec's reason", async () => {
    const report = await runAgainst(listWithoutNext, 'stackone', { targetKind: 'vendor' });
    const result = check(report, 'schema.list-courses');
    expect(result).toMatchObject({
      status: 'warning',
      inferred: 'StackOne documents a course list; the mock serves the fields it stores',
      ruleId: 'stackone#/paths/~1unified~1lms~1courses/get',
    });
    expect(fidelityRuleIds('listCourses')).toContain(result.ruleId);
    expect(problemText(result)).toContain('listCourses 200: next is required (at /next)');
    expect(report.ok).toBe(true);
  });

  it('is a warning inside a check that is not itself inferred, when the broken schema is', async () => {
    const report = await runAgainst(plainBadRequest, 'thought-industries', { targetKind: 'vendor' });
    const result = check(report, 'behaviour.malformed-body');
    expect(result.status).toBe('warning');
    expect(result.problems[0]).toMatchObject({
      operationId: 'bulkImportCourseGroupWebinars',
      pointer: '/errors',
      inferred: expect.stringContaining('The vendor publishes no 400 cases'),
    });
    expect(result.problems[0]!.ruleId).toBe('thought-industries#/components/responses/BadRequest');
    expect(fidelityRuleIds('bulkImportCourseGroupWebinars')).toContain(result.problems[0]!.ruleId);
  });

  // createdCount below 0 breaks a designed minimum; a createdIds entry that is not a uuid breaks seed 003.
  const templateAnswer = (edit: (result: Record<string, unknown>) => void): Defect => ({
    response(response, request) {
      if (request.url.startsWith('/incoming/v2/content/certificate-templates/bulk') && response.status === 200) {
        return {
          body: editJson(response.body, (v) =>
            edit((v as { data: Record<string, Record<string, unknown>> }).data.APIBulkCreateCertificateTemplates!),
          ),
        };
      }
    },
  });

  it('names the keyword rule id of a marker that names its keywords, as the fidelity report does', async () => {
    const report = await runAgainst(
      templateAnswer((r) => (r.createdCount = -1)),
      'thought-industries',
      { targetKind: 'vendor' },
    );
    const result = check(report, 'schema.certificate-templates-dry-run');
    expect(result.status).toBe('warning');
    const ruleId =
      'thought-industries#/components/schemas/CertificateTemplatesBulkResult/properties/createdCount/minimum';
    expect(result.problems).toContainEqual(
      expect.objectContaining({ pointer: '/data/APIBulkCreateCertificateTemplates/createdCount', ruleId }),
    );
    expect(fidelityRuleIds('bulkCreateCertificateTemplates')).toContain(ruleId);
  });

  it('fails, even against a vendor target, on a rule the vendor documents in the same schema', async () => {
    const report = await runAgainst(
      templateAnswer((r) => (r.createdIds = ['not-a-uuid'])),
      'thought-industries',
      { targetKind: 'vendor' },
    );
    const result = check(report, 'schema.certificate-templates-dry-run');
    expect(result.status).toBe('failed');
    expect(result.problems[0]).toMatchObject({ pointer: '/data/APIBulkCreateCertificateTemplates/createdIds/0' });
    expect(result.problems[0]!.ruleId).toBeUndefined();
  });

  it('fails against a vendor target with failOnInferred', async () => {
    const report = await runAgainst(listWithoutNext, 'stackone', { targetKind: 'vendor', failOnInferred: true });
    expect(check(report, 'schema.list-courses').status).toBe('failed');
  });
});
