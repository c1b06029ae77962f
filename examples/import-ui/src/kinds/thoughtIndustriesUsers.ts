import type { Connection } from '../api/connection.js';
import { getMockJob } from '../api/bulkmockControl.js';
import {
  getBackgroundJob,
  importUsers,
  listImportedRecords,
  uploadImportFile,
  type BackgroundJob,
} from '../api/thoughtIndustries.js';
import newHires from '../samples/new-hires-2027.csv?raw';
import { valueText } from '../valueText.js';
import { cellText, type ImportFile, type ImportKind, type RowReport } from './importKind.js';
import { assetPathFor } from './thoughtIndustriesFiles.js';

const columns = ['email', 'firstName', 'lastName', 'externalCustomerId'];
const rowPosition = (row: number) => `row ${row}`;

/**
 * Stores the file and names it by URL, as users/bulkImport wants. The mock reads a
 * /__bulkmock/assets/ URL from its own store on any host; a real platform would fetch the URL.
 */
async function urlOf(connection: Connection, file: ImportFile): Promise<string> {
  const assetPath = await uploadImportFile(connection, assetPathFor(file), file.text);
  return `${connection.baseUrl || location.origin}/__bulkmock/assets/${assetPath}`;
}

/** The users import answers a bare job; its row report is on bulkmock's control API. */
async function reportOf(connection: Connection, job: BackgroundJob, checkedBy: string): Promise<RowReport> {
  if (job.status === 'failed') throw new Error(job.errorMessage ?? 'the users import failed');
  const mock = await getMockJob(connection, job.id);
  return {
    checkedBy,
    valid: [],
    invalid: (mock.invalidRows ?? []).map((r) => ({
      position: rowPosition(r.row),
      record: valueText(r.values.email, '(no email)'),
      problems: r.errors.map((e) => e.message),
    })),
    notes: [job.description ?? ''],
  };
}

/** Thought Industries users: the CSV is named by URL, and the import answers only its job. */
export const usersImport: ImportKind = {
  id: 'ti-users',
  vendor: 'thought-industries',
  label: 'Users',
  unit: 'row',
  format: 'CSV',
  accept: '.csv,text/csv',
  samples: [{ name: 'new-hires-2027.csv', label: 'New hires: 3 users, 1 invalid', text: newHires }],
  generator: { kind: 'ti-user', positionOf: (index) => rowPosition(index + 1) },
  failure: { supported: true },
  dryRun: {
    how: 'Thought Industries reads the file at the URL, checks every row and stores nothing (dryRun: true).',
    async run(connection, file) {
      const job = await importUsers(connection, { url: await urlOf(connection, file), dryRun: true, failJob: null });
      return reportOf(connection, job, 'Thought Industries dry run');
    },
  },
  async start(connection, file, { failJob }) {
    const job = await importUsers(connection, { url: await urlOf(connection, file), dryRun: false, failJob });
    return {
      jobId: job.id,
      report: null,
      async poll() {
        const now = await getBackgroundJob(connection, job.id);
        return {
          status: now.status,
          processed: now.progress?.processed ?? 0,
          total: now.progress?.total ?? 0,
          errorMessage: now.errorMessage ?? null,
        };
      },
      async finish(progress) {
        if (progress.status !== 'complete') return { report: null, records: null };
        const ended = await getBackgroundJob(connection, job.id);
        const stored = await listImportedRecords(connection, 'users');
        const mine = stored.items.filter((r) => r.sourceJobId === job.id);
        return {
          report: await reportOf(connection, ended, 'Thought Industries, while importing (invalid rows are skipped)'),
          records: {
            caption: `${mine.length} users stored by this import`,
            columns,
            rows: mine.map((r) => columns.map((c) => cellText((r.fields as Record<string, unknown>)[c]))),
          },
        };
      },
    };
  },
};
