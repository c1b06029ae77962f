import stackOneSpec from 'bulkmock/openapi/stackone-lms.yaml?raw';
import { getMockJob } from '../api/bulkmockControl.js';
import type { GeneratorKind } from '../../../../generators/kinds/kindDefinition.js';
import { batchUpsert, listAll, type StackOneFamily } from '../api/stackOne.js';
import contentDefects from '../samples/content-with-defects.json?raw';
import contentGood from '../samples/content-security-awareness.json?raw';
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

/** What differs between StackOne's batch imports: the family's path, its item schema and its words. */
interface StackOneBatchKind {
  id: string;
  family: StackOneFamily;
  label: string;
  unit: string;
  /** How the read-back caption names the items and their list: `courses`, `course list`. */
  plural: string;
  listName: string;
  itemSchema: string;
  generator: GeneratorKind;
  samples: ImportKind['samples'];
  columns: readonly string[];
}

/** The batch body of a file: `{ "items": [...] }` as StackOne takes it, or a bare array of items. */
function batchBody(file: ImportFile, unit: string): { items: unknown[] } {
  const body = parseJsonFile(file);
  if (Array.isArray(body)) return { items: body };
  if (typeof body === 'object' && body !== null && Array.isArray((body as { items?: unknown }).items))
    return body as { items: unknown[] };
  throw new Error(`${file.name} must hold { "items": [ ${unit}, ... ] } or an array of them`);
}

const describe = (item: unknown) => {
  const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  return `${valueText(record.external_reference, '(no external_reference)')} · ${valueText(record.title, '(no title)')}`;
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
 * A StackOne batch upsert (courses or content). StackOne has no dry run, so the dry run here checks
 * each item in the browser against the family's item schema in the StackOne document, the same check
 * StackOne applies per item. The import answers 202 with one error list per item; the batch is then
 * followed through bulkmock's job (StackOne offers no way to) and the items are read back from the list.
 */
const stackOneBatchImport = (kind: StackOneBatchKind): ImportKind => ({
  id: kind.id,
  vendor: 'stackone',
  label: kind.label,
  unit: kind.unit,
  format: 'JSON',
  accept: '.json,application/json',
  samples: kind.samples,
  generator: { kind: kind.generator, positionOf: itemPosition },
  failure: { supported: true },
  dryRun: {
    how: `StackOne has no dry run: this page checks each item against ${kind.itemSchema} from the StackOne OpenAPI document, as StackOne does on receipt.`,
    run(_connection, file) {
      const check = compileSpecCheck(stackOneSpec, kind.itemSchema);
      // Checked here and now: the dry run's promise is only the interface's.
      return Promise.resolve(
        toReport(
          batchBody(file, kind.unit).items,
          (item, i) => check(item, itemPosition(i)),
          'this browser, against the StackOne document',
        ),
      );
    },
  },
  async start(connection, file, { failJob }) {
    const body = batchBody(file, kind.unit);
    const batch = await batchUpsert(connection, kind.family, body, failJob);
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
        const listed = (await listAll(connection, kind.family)).filter((c) => references.has(c.external_reference));
        return {
          report: null,
          records: {
            caption: `${listed.length} ${kind.plural} of this batch in the ${kind.listName}`,
            columns: [...kind.columns],
            rows: listed.map((c) => kind.columns.map((column) => cellText((c as Record<string, unknown>)[column]))),
          },
        };
      },
    };
  },
});

export const stackOneCourseImport = stackOneBatchImport({
  id: 'stackone-courses',
  family: 'courses',
  label: 'Courses (batch upsert)',
  unit: 'course',
  plural: 'courses',
  listName: 'course list',
  itemSchema: 'LmsUpsertCourseRequest',
  generator: 'stackone-course',
  samples: [
    { name: 'courses-compliance-2026.json', label: 'Compliance catalogue 2026: 6 courses', text: coursesGood },
    { name: 'courses-with-defects.json', label: 'Courses with known defects: 4 items, 3 invalid', text: courseDefects },
  ],
  columns: ['external_reference', 'title', 'duration', 'active', 'id'],
});

export const stackOneContentImport = stackOneBatchImport({
  id: 'stackone-content',
  family: 'content',
  label: 'Content (batch upsert)',
  unit: 'content item',
  plural: 'content items',
  listName: 'content list',
  itemSchema: 'LmsUpsertContentRequest',
  generator: 'stackone-content',
  samples: [
    { name: 'content-security-awareness.json', label: 'Security awareness modules: 4 items', text: contentGood },
    {
      name: 'content-with-defects.json',
      label: 'Content with known defects: 4 items, 2 invalid',
      text: contentDefects,
    },
  ],
  columns: ['external_reference', 'title', 'content_type', 'duration', 'id'],
});
