import { parse } from 'csv-parse/sync';

export interface CsvTable {
  header: string[];
  /** Data rows (the header excluded), each with its 1-based data row number and raw cells. */
  rows: Array<{ row: number; cells: string[] }>;
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    /** The data row (1 = the first row after the header) where reading stopped, when known. */
    readonly row: number | null = null,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Parses an RFC 4180 CSV document: quoted fields with embedded commas, quotes and newlines, CRLF or
 * LF line ends, and a UTF-8 byte order mark. Ragged rows are kept as they are (the caller reports
 * them); blank lines are skipped. A syntax error (a stray quote) throws CsvSyntaxError with its line.
 */
export function parseCsv(text: string): CsvTable {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    // csv-parse counts the records it completed, the header among them, so the failing data row is that count.
    const cause = error as { message?: string; lines?: number; records?: number };
    const row = typeof cause.records === 'number' && cause.records >= 1 ? cause.records : null;
    throw new CsvSyntaxError(cause.message ?? 'the file is not valid CSV', typeof cause.lines === 'number' ? cause.lines : null, row);
  }
  const [header = [], ...data] = records;
  return {
    header: header.map((name) => name.trim()),
    rows: data.map((cells, i) => ({ row: i + 1, cells })),
  };
}
