import stackOneSpec from 'bulkmock/openapi/stackone-lms.yaml?raw';
import { getMockJob } from '../api/bulkmockControl.js';
import { batchUpsertCourses, listCourses } from '../api/stackOne.js';
import courseDefects from '../samples/courses-with-defects.json?raw';
import coursesGood from '../samples/courses-compliance-2026.json?raw';
import { compileSpecCheck } from '../specCheck.js';
import { valueText } from '../valueText.js';
import {
  cellText,
  parseJsonFile,
  type ImportFile,
  type ImportKind,
  type RowReport,
  type RowVerdict,
} from './importKind.js';

/** The batch body of a file: `{ "items": [...] }` as StackOne takes it, or a bare array of courses. */
function batchBody(file: ImportFile): { items: unknown[] } {
  const body = parseJsonFile(file);
  if (Array.isArray(body)) return { items: body };
  if (typeof body === 'object' && body !== null && Array.isArray((body as { items?: unknown }).items))
    return body as { items: unknown[] };
  throw new Error(`${file.name} must hold { "items": [ course, ... ] } or an array of courses`);
}

const describe = (item: unknown) => {
  const course = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  return `${valueText(course.external_reference, '(no external_reference)')} · ${valueText(course.title, '(no title)')}`;
};

/** StackOne answers a batch with one error list per item, in order: items are named by their 0-based index. */
const itemPosition = (index: number) => `item ${index}`;

function toReport(
  items: unknown[],
  problems: (item: unknown, index: number) => string[],
  checkedBy: string,
): RowReport {
  const verdicts: RowVerdict[] = items.map((item, i) => ({
    position: itemPosition(i),
    record: describe(item),
    problems: problems(item, i),
  }));
  return {
    checkedBy,
    valid: verdicts.filter((v) => v.problems.length === 0),
    invalid: verdicts.filter((v) => v.problems.length > 0),
    notes: [],
  };
}

/**
 * StackOne course batch upsert. StackOne has no dry run, so the dry run here checks each item in the
 * browser against `LmsUpsertCourseRequest` of the StackOne document, the same check StackOne applies
 * per item. The import answers 202 with one error list per item; the batch is then followed through
 * bulkmock's job (StackOne offers no way to) and the courses are read back from the course list.
 */
export const stackOneCourseImport: ImportKind = {
  id: 'stackone-courses',
  vendor: 'stackone',
  label: 'Courses (batch upsert)',
  unit: 'course',
  format: 'JSON',
  accept: '.json,application/json',
  samples: [
    { name: 'courses-compliance-2026.json', label: 'Compliance catalogue 2026: 6 courses', text: coursesGood },
    { name: 'courses-with-defects.json', label: 'Courses with known defects: 4 items, 3 invalid', text: courseDefects },
  ],
  generator: { kind: 'stackone-course', positionOf: itemPosition },
  failure: { supported: true },
  dryRun: {
    how: 'StackOne has no dry run: this page checks each item against LmsUpsertCourseRequest from the StackOne OpenAPI document, as StackOne does on receipt.',
    run(_connection, file) {
      const check = compileSpecCheck(stackOneSpec, 'LmsUpsertCourseRequest');
      // Checked here and now: the dry run's promise is only the interface's.
      return Promise.resolve(
        toReport(
          batchBody(file).items,
          (item, i) => check(item, itemPosition(i)),
          'this browser, against the StackOne document',
        ),
      );
    },
  },
  async start(connection, file, { failJob }) {
    const body = batchBody(file);
    const batch = await batchUpsertCourses(connection, body, failJob);
    if (batch.jobId === null)
      throw new Error(
        'the batch was accepted, but the answer has no x-bulkmock-job-id header to follow it by (is this bulkmock?)',
      );
    const { jobId, errors } = batch;
    return {
      jobId,
      // Without the per-item lists the answer says nothing about the items: no report, rather than all valid.
      report:
        errors === null
          ? null
          : toReport(
              body.items,
              (_item, i) => errors[i] ?? [],
              'StackOne, on accepting the batch (invalid items are skipped)',
            ),
      async poll() {
        const job = await getMockJob(connection, jobId);
        return {
          status: job.status,
          processed: job.progress.processed,
          total: job.progress.total,
          errorMessage: job.errorMessage,
        };
      },
      async finish(progress) {
        if (progress.status !== 'complete') return { report: null, records: null };
        const references = new Set(body.items.map((item) => (item as Record<string, unknown>)?.external_reference));
        const courses = (await listCourses(connection)).filter((c) => references.has(c.external_reference));
        const columns = ['external_reference', 'title', 'duration', 'active', 'id'] as const;
        return {
          report: null,
          records: {
            caption: `${courses.length} courses of this batch in the course list`,
            columns: [...columns],
            rows: courses.map((c) => columns.map((column) => cellText(c[column]))),
          },
        };
      },
    };
  },
};
