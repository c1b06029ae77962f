import learningBuilderSpec from 'bulkmock/openapi/learning-builder.yaml?raw';
import { createBatch, getBatchDetails, type QueueBatchDetails } from '../api/learningBuilder.js';
import recordsDefects from '../samples/ce-completions-with-defects.jsonl?raw';
import recordsGood from '../samples/ce-completions.jsonl?raw';
import { compileSpecCheck } from '../specCheck.js';
import { valueText } from '../valueText.js';
import type { ImportFile, ImportKind, RowReport, RowVerdict } from './importKind.js';

const describe = (record: unknown) => {
  const r = (typeof record === 'object' && record !== null ? record : {}) as Record<string, unknown>;
  return `${valueText(r.ExternalRecordId, '(no ExternalRecordId)')} · ${valueText(r.FirstName)} ${valueText(r.LastName)} · ${valueText(r.ActivityCode)}`;
};

/** Learning Builder names a record by its line, counted from 1; a generated file has one record per line. */
const linePosition = (line: number) => `line ${line}`;

/** The records of a JSON Lines file with their line numbers (blank lines counted, as Learning Builder counts them). */
function readLines(file: ImportFile): Array<{ line: number; record: unknown; problem: string | null }> {
  return file.text.split(/\r?\n/).flatMap((text, i) => {
    if (text.trim() === '') return [];
    try {
      const record: unknown = JSON.parse(text);
      const isObject = typeof record === 'object' && record !== null && !Array.isArray(record);
      return [{ line: i + 1, record, problem: isObject ? null : 'the line is not a JSON object' }];
    } catch (error) {
      return [{ line: i + 1, record: null, problem: `the line is not valid JSON: ${(error as Error).message}` }];
    }
  });
}

function split(verdicts: RowVerdict[], checkedBy: string): RowReport {
  return {
    checkedBy,
    valid: verdicts.filter((v) => v.problems.length === 0),
    invalid: verdicts.filter((v) => v.problems.length > 0),
    notes: [],
  };
}

function detailsReport(details: QueueBatchDetails): RowReport {
  const verdicts = details.records.map((r) => ({
    position: linePosition(r.line),
    record: describe(r.data),
    problems: r.errors.map((e) => e.message),
  }));
  const pending = details.records.filter((r) => r.status === 'pending').length;
  return {
    ...split(
      verdicts,
      `Learning Builder batch details: ${details.succeededCount} succeeded, ${details.failedCount} failed`,
    ),
    notes: pending > 0 ? [`${pending} records were still pending when the batch ended`] : [],
  };
}

/**
 * Learning Builder Workflow Import Queue. CreateBatch queues every record at once and has no dry run,
 * so the dry run here checks each line in the browser against `LearningBuilderImportRecord` of the
 * Learning Builder document (and its unique-id rule). The import is followed through the
 * `queueBatchDetails` link, which also gives each record's outcome.
 */
export const learningBuilderRecordImport: ImportKind = {
  id: 'lb-records',
  vendor: 'learning-builder',
  label: 'CE completion records',
  unit: 'record',
  format: 'JSON Lines',
  accept: '.jsonl,.ndjson,application/x-ndjson',
  samples: [
    { name: 'ce-completions.jsonl', label: 'CE completions: 6 records', text: recordsGood },
    {
      name: 'ce-completions-with-defects.jsonl',
      label: 'Completions with known defects: 5 records, 4 invalid',
      text: recordsDefects,
    },
  ],
  generator: { kind: 'lb-record', positionOf: (index) => linePosition(index + 1) },
  failure: { supported: true },
  dryRun: {
    how: 'Learning Builder has no dry run: this page checks each line against LearningBuilderImportRecord from the Learning Builder OpenAPI document, as the batch will when it runs.',
    run(_connection, file) {
      const check = compileSpecCheck(learningBuilderSpec, 'LearningBuilderImportRecord');
      const verdicts = readLines(file).map(({ line, record, problem }) => ({
        position: linePosition(line),
        record: describe(record),
        problems: problem ? [problem] : check(record, linePosition(line)),
      }));
      // Checked here and now: the dry run's promise is only the interface's.
      return Promise.resolve(split(verdicts, 'this browser, against the Learning Builder document'));
    },
  },
  async start(connection, file, { failJob }) {
    const batch = await createBatch(connection, file.text, { fileName: file.name.replace(/\.[^.]+$/, ''), failJob });
    return {
      jobId: batch.queueBatchId,
      // Learning Builder judges records only while the batch runs.
      report: null,
      async poll() {
        const details = await getBatchDetails(connection, batch.queueBatchDetails);
        return {
          status: details.status,
          processed: details.progress.processed,
          total: details.progress.total,
          errorMessage: details.errorMessage ?? null,
        };
      },
      async finish() {
        return { report: detailsReport(await getBatchDetails(connection, batch.queueBatchDetails)), records: null };
      },
    };
  },
};
