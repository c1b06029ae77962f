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
    const cause = error as { message?: string; lines?: number };
    throw new CsvSyntaxError(cause.message ?? 'the file is not valid CSV', typeof cause.lines === 'number' ? cause.lines : null);
  }
  const [header = [], ...data] = records;
  return {
    header: header.map((name) => name.trim()),
    rows: data.map((cells, i) => ({ row: i + 1, cells })),
  };
}
