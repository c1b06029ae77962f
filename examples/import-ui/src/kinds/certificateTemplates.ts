import {
  createCertificateTemplates,
  getBackgroundJob,
  listImportedRecords,
  type CertificateTemplatesBulkResult,
} from '../api/thoughtIndustries.js';
import templatesDefects from '../samples/certificate-templates-with-defects.json?raw';
import templatesGood from '../samples/certificate-templates.json?raw';
import { valueText } from '../valueText.js';
import { cellText, parseJsonFile, type ImportFile, type ImportKind, type RowReport } from './importKind.js';

/** Thought Industries names a template by its 0-based index in the request. */
const templatePosition = (index: number) => `template ${index}`;

/** The templates of the file, for naming each one in the report. */
function templatesOf(file: ImportFile): Array<Record<string, unknown>> {
  const body = parseJsonFile(file) as { templates?: unknown };
  return Array.isArray(body?.templates) ? (body.templates as Array<Record<string, unknown>>) : [];
}

/** Thought Industries names a failing template by its index at the start of the message ("template 2: ..."). */
function toReport(
  templates: Array<Record<string, unknown>>,
  result: CertificateTemplatesBulkResult,
  checkedBy: string,
): RowReport {
  const problems = new Map<number, string[]>();
  const unplaced: string[] = [];
  for (const error of result.errors) {
    const index = /^template (\d+):/.exec(error.error)?.[1];
    if (index === undefined) unplaced.push(`${error.title}: ${error.error}`);
    else
      problems.set(Number(index), [...(problems.get(Number(index)) ?? []), error.error.replace(/^template \d+: /, '')]);
  }
  const verdicts = templates.map((t, i) => ({
    position: templatePosition(i),
    record: valueText(t.title, '(no title)'),
    problems: problems.get(i) ?? [],
  }));
  return {
    checkedBy,
    valid: verdicts.filter((v) => v.problems.length === 0),
    invalid: verdicts.filter((v) => v.problems.length > 0),
    notes: [...result.warnings, ...unplaced],
  };
}

/**
 * Thought Industries certificate templates: one JSON call creates or updates them all. The answer
 * already carries a complete job, which the screen still polls once, as a client would.
 */
export const certificateTemplateImport: ImportKind = {
  id: 'ti-certificate-templates',
  vendor: 'thought-industries',
  label: 'Certificate templates',
  unit: 'template',
  format: 'JSON',
  accept: '.json,application/json',
  samples: [
    { name: 'certificate-templates.json', label: 'Compliance certificates: 4 templates', text: templatesGood },
    {
      name: 'certificate-templates-with-defects.json',
      label: 'Templates with known defects: 4 templates, 3 invalid',
      text: templatesDefects,
    },
  ],
  generator: { kind: 'ti-certificate-template', positionOf: templatePosition },
  failure: {
    supported: false,
    why: 'Certificate templates are written during the call itself; their job is complete in the answer and cannot fail later.',
  },
  dryRun: {
    how: 'Thought Industries checks and matches every template and stores nothing (dryRun: true).',
    async run(connection, file) {
      const result = await createCertificateTemplates(connection, parseJsonFile(file), true);
      return toReport(templatesOf(file), result, 'Thought Industries dry run');
    },
  },
  async start(connection, file) {
    const result = await createCertificateTemplates(connection, parseJsonFile(file), false);
    if (result.backgroundJob === null)
      throw new Error(
        'Thought Industries took the templates but named no background job to follow (backgroundJob is null)',
      );
    const jobId = result.backgroundJob.id;
    return {
      jobId,
      report: toReport(
        templatesOf(file),
        result,
        `Thought Industries: ${result.createdCount} created, ${result.updatedCount} updated`,
      ),
      async poll() {
        const job = await getBackgroundJob(connection, jobId);
        return {
          status: job.status,
          processed: job.progress?.processed ?? 0,
          total: job.progress?.total ?? 0,
          errorMessage: job.errorMessage ?? null,
        };
      },
      async finish(progress) {
        if (progress.status !== 'complete') return { report: null, records: null };
        const stored = await listImportedRecords(connection, 'certificateTemplates');
        const mine = stored.items.filter((r) => r.sourceJobId === jobId);
        const columns = ['title', 'resourceType', 'expirationDays', 'expirationDate'];
        return {
          report: null,
          records: {
            caption: `${mine.length} certificate templates stored by this call`,
            columns,
            rows: mine.map((r) => columns.map((c) => cellText((r.fields as Record<string, unknown>)[c]))),
          },
        };
      },
    };
  },
};
