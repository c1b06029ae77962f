const needsQuotes = /[",\r\n]/;

/**
 * One CSV cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, with
 * quotes doubled. Absent and null values are empty cells (the mock reads an empty cell as an absent
 * field). Objects and arrays (nested StackOne values) are written as JSON text.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : JSON.stringify(value);
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 ends records with CRLF; the mock accepts CRLF and LF alike. */
const csvLineEnd = '\r\n';

/** One CSV record: the cells of `columns`, in order, taken from a row object. */
export function csvRecord(row: Readonly<Record<string, unknown>>, columns: readonly string[]): string {
  let line = csvCell(row[columns[0]!]);
  for (let i = 1; i < columns.length; i++) line += ',' + csvCell(row[columns[i]!]);
  return line + csvLineEnd;
}

/** The header record: the column names, in order. */
export function csvHeader(columns: readonly string[]): string {
  return columns.map(csvCell).join(',') + csvLineEnd;
}
