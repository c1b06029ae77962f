import type { GeneratorKind } from '../../../../generators/kinds/kindDefinition.js';
import type { Connection } from '../api/connection.js';
import { valueText } from '../valueText.js';

export type VendorId = 'thought-industries' | 'stackone' | 'learning-builder';

/** A file to import: a built-in sample or one the user picked. */
export interface ImportFile {
  name: string;
  text: string;
}

export interface SampleFile extends ImportFile {
  /** What the sample holds, for the file list ("8 webinars, 4 with known defects"). */
  label: string;
}

/** One row (line, item, template) of a file and what is wrong with it, if anything. */
export interface RowVerdict {
  /** Where it is in the file, in the vendor's terms: "row 3", "line 2", "item 1". */
  position: string;
  /** A short readable identity of the record (id and title). */
  record: string;
  problems: string[];
}

export interface RowReport {
  /** Who judged the rows: the vendor's dry run, the vendor during the import, or this browser. */
  checkedBy: string;
  valid: RowVerdict[];
  invalid: RowVerdict[];
  /** Anything else the vendor said (warnings). */
  notes: string[];
}

export type JobStatus = 'queued' | 'processing' | 'complete' | 'failed';

export interface JobProgress {
  status: JobStatus;
  processed: number;
  total: number;
  errorMessage: string | null;
}

/** What the screen shows once the job ended: the per-row outcome and what the platform now holds. */
export interface ImportOutcome {
  report: RowReport | null;
  records: RecordTable | null;
}

export interface RecordTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

/** An import that was accepted and runs as a background job. */
export interface RunningImport {
  /** The vendor's id for the job or batch. */
  jobId: string;
  /** Per-row verdicts the vendor gave when it accepted the import, if it gives them at that point. */
  report: RowReport | null;
  poll(): Promise<JobProgress>;
  finish(progress: JobProgress): Promise<ImportOutcome>;
}

/**
 * One kind of import the screen offers: its file format and samples, how its dry run works (the
 * vendor's, or a check in the browser where the vendor has none), and how an import starts and is
 * followed to its end.
 */
export interface ImportKind {
  id: string;
  vendor: VendorId;
  label: string;
  /** What one entry of the file is called in progress messages: "row", "course", "record". */
  unit: string;
  /** The file format, for people: "CSV", "JSON", "JSON Lines". */
  format: string;
  /** For the file picker. */
  accept: string;
  samples: SampleFile[];
  dryRun: {
    /** One sentence saying who checks the file and how. */
    how: string;
    run(connection: Connection, file: ImportFile): Promise<RowReport>;
  };
  /**
   * The generator that makes files of this kind (`bulkmock generate <kind>`), and how this kind's
   * reports name the entry at a 0-based index of such a file ("row 3", "item 2"), so that the rows
   * the generator broke can be set beside the rows the vendor reported.
   */
  generator: { kind: GeneratorKind; positionOf: (index: number) => string };
  /** Whether X-Bulkmock-Fail-Job can make this kind's job fail, and if not, why. */
  failure: { supported: true } | { supported: false; why: string };
  start(connection: Connection, file: ImportFile, options: { failJob: string | null }): Promise<RunningImport>;
}

/** Reads a JSON file, with a message naming the file when it is not JSON. */
export function parseJsonFile(file: ImportFile): unknown {
  try {
    return JSON.parse(file.text);
  } catch (error) {
    throw new Error(`${file.name} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** A stored value as a table cell: empty for nothing, JSON for structures. */
export function cellText(value: unknown): string {
  return valueText(value);
}
