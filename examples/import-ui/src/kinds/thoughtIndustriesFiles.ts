import type { GeneratorKind } from '../../../../generators/kinds/kindDefinition.js';
import type { Connection } from '../api/connection.js';
import {
  getBackgroundJob,
  importAsset,
  listImportedRecords,
  uploadImportFile,
  type AssetImport,
  type BulkAssetImportResult,
} from '../api/thoughtIndustries.js';
import inPersonDefects from '../samples/in-person-events-with-defects.csv?raw';
import inPersonGood from '../samples/in-person-events-2027.csv?raw';
import webinarDefects from '../samples/webinars-with-defects.csv?raw';
import webinarGood from '../samples/webinars-spring-2027.csv?raw';
import sessionWebinars from '../samples/session-webinars-summer-2027.csv?raw';
import courseGroupEvents from '../samples/course-group-events-autumn-2027.csv?raw';
import { valueText } from '../valueText.js';
import { cellText, type ImportFile, type ImportKind, type RowReport, type SampleFile } from './importKind.js';

let uploads = 0;

/** A fresh asset path per upload, so a second run never reads the first run's file. */
export function assetPathFor(file: ImportFile): string {
  const name = file.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'import.csv';
  return `import-ui/${Date.now().toString(36)}-${++uploads}/${name}`;
}

/** Thought Industries numbers the data rows of a CSV file from 1; the header is not counted. */
const rowPosition = (row: number) => `row ${row}`;

function toReport(result: BulkAssetImportResult, checkedBy: string): RowReport {
  const describe = (values: Record<string, unknown>) =>
    `${valueText(values.externalId, '(no externalId)')} · ${valueText(values.title, '(no title)')}`;
  return {
    checkedBy,
    valid: result.validRows.map((r) => ({ position: rowPosition(r.row), record: describe(r.values), problems: [] })),
    invalid: result.invalidRows.map((r) => ({
      position: rowPosition(r.row),
      record: describe(r.values),
      problems: r.errors.map((e) => e.message),
    })),
    notes: [],
  };
}

/**
 * Thought Industries file imports: upload the CSV as an asset, post its path to the bulk endpoint
 * (with `dryRun: true` for the dry run), then poll `GET /incoming/v2/jobs/{id}`.
 */
function thoughtIndustriesFileImport(config: {
  id: string;
  label: string;
  generator: GeneratorKind;
  endpoint: AssetImport;
  noun: string;
  samples: SampleFile[];
  columns: string[];
}): ImportKind {
  async function upload(connection: Connection, file: ImportFile) {
    return uploadImportFile(connection, assetPathFor(file), file.text);
  }
  return {
    id: config.id,
    vendor: 'thought-industries',
    label: config.label,
    unit: 'row',
    format: 'CSV',
    accept: '.csv,text/csv',
    samples: config.samples,
    generator: { kind: config.generator, positionOf: (index) => rowPosition(index + 1) },
    failure: { supported: true },
    dryRun: {
      how: 'Thought Industries validates every row and stores nothing (dryRun: true).',
      async run(connection, file) {
        const assetPath = await upload(connection, file);
        const result = await importAsset(connection, config.endpoint, { assetPath, dryRun: true, failJob: null });
        return toReport(result, 'Thought Industries dry run');
      },
    },
    async start(connection, file, { failJob }) {
      const assetPath = await upload(connection, file);
      const result = await importAsset(connection, config.endpoint, { assetPath, dryRun: false, failJob });
      if (result.backgroundJob === null)
        throw new Error(
          'Thought Industries accepted the import but named no background job to follow (backgroundJob is null)',
        );
      const jobId = result.backgroundJob.id;
      return {
        jobId,
        report: toReport(result, 'Thought Industries, on accepting the import (invalid rows are skipped)'),
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
          const stored = await listImportedRecords(connection, config.endpoint);
          const mine = stored.items.filter((r) => r.sourceJobId === jobId);
          return {
            report: null,
            records: {
              caption: `${mine.length} ${config.noun} stored by this import`,
              columns: config.columns,
              rows: mine.map((r) => config.columns.map((c) => cellText((r.fields as Record<string, unknown>)[c]))),
            },
          };
        },
      };
    },
  };
}

export const webinarImport = thoughtIndustriesFileImport({
  id: 'ti-webinars',
  label: 'Course group webinars',
  generator: 'ti-webinar',
  endpoint: 'webinars',
  noun: 'webinars',
  columns: ['externalId', 'title', 'startDate', 'timeZone', 'capacity'],
  samples: [
    { name: 'webinars-spring-2027.csv', label: 'Spring webinar series: 8 webinars', text: webinarGood },
    {
      name: 'webinars-with-defects.csv',
      label: 'Webinars with known defects: 8 rows, 4 invalid',
      text: webinarDefects,
    },
  ],
});

export const inPersonEventImport = thoughtIndustriesFileImport({
  id: 'ti-in-person-events',
  label: 'In-person event sessions',
  generator: 'ti-in-person-event',
  endpoint: 'inPersonEvents',
  noun: 'in-person events',
  columns: ['externalId', 'title', 'startDate', 'city', 'country'],
  samples: [
    { name: 'in-person-events-2027.csv', label: 'Workshops 2027: 5 sessions', text: inPersonGood },
    {
      name: 'in-person-events-with-defects.csv',
      label: 'Sessions with known defects: 4 rows, 2 invalid',
      text: inPersonDefects,
    },
  ],
});

export const sessionWebinarImport = thoughtIndustriesFileImport({
  id: 'ti-session-webinars',
  label: 'Webinar sessions',
  generator: 'ti-session-webinar',
  endpoint: 'sessionWebinars',
  noun: 'webinar sessions',
  columns: ['externalId', 'courseGroupExternalId', 'title', 'startDate', 'timeZone'],
  samples: [
    {
      name: 'session-webinars-summer-2027.csv',
      label: 'Summer sessions: 3 rows, 1 invalid',
      text: sessionWebinars,
    },
  ],
});

export const courseGroupInPersonEventImport = thoughtIndustriesFileImport({
  id: 'ti-course-group-in-person-events',
  label: 'Course group in-person events',
  generator: 'ti-course-group-in-person-event',
  endpoint: 'courseGroupInPersonEvents',
  noun: 'course group in-person events',
  columns: ['externalId', 'title', 'startDate', 'city', 'country'],
  samples: [
    {
      name: 'course-group-events-autumn-2027.csv',
      label: 'Autumn classroom series: 2 rows, 1 invalid',
      text: courseGroupEvents,
    },
  ],
});
