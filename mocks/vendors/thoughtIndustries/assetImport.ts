import { CsvSyntaxError, readCsv } from '../../parsing/parseCsv.js';
import type { Rejection } from '../../spec/requestValidation.js';
import { createRuleChecker } from '../../spec/rowRules.js';
import { describeSchemaErrors, type SpecValidators } from '../../spec/schemaValidators.js';
import { rowColumns as columnsOf, rowRulesOf } from '../../spec/specSchemas.js';

export interface RowError {
  field?: string;
  code: string;
  message: string;
}

export interface AssetReport {
  validRows: Array<{ row: number; values: Record<string, unknown> }>;
  invalidRows: Array<{ row: number; values: Record<string, string>; errors: RowError[] }>;
}

/** The columns of a row schema, in the order the spec lists them: the file's expected header. */
export function rowColumns(rowSchema: string): string[] {
  return columnsOf('thought-industries', rowSchema);
}

/**
 * Validates an import file against a row schema of the spec: the header must list the schema's
 * columns in order; each data row is checked against the schema (cells converted to the schema's
 * types, defaults filled in) and then against its `x-bulkmock-rules`. Every data row ends up in
 * exactly one of the two lists.
 */
export function validateAsset(
  options: { path: string; bytes: Uint8Array; rowSchema: string; maxRows: number },
  validators: SpecValidators,
): AssetReport | Rejection {
  const { path, bytes, rowSchema, maxRows } = options;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { status: 422, code: 'asset_not_csv', message: `${path} is not UTF-8 text; import files are UTF-8 CSV` };
  }
  const columns = rowColumns(rowSchema);
  const validate = validators.schema('thought-industries', rowSchema, 'csv');
  const checkRules = createRuleChecker(rowRulesOf('thought-industries', rowSchema), 'row');
  const report: AssetReport = { validRows: [], invalidRows: [] };
  // Set inside the parser's callback, which TypeScript's narrowing cannot see: read it through a box.
  const header: { problem: ReturnType<typeof compareHeader> } = { problem: null };
  let rows = 0;

  // Rows are judged as they are read, so the file is never held as a table as well as a report.
  const judge = (cells: string[], row: number) => {
    if (cells.length !== columns.length) {
      report.invalidRows.push({
        row,
        values: cellValues(cells, columns),
        errors: [
          {
            code: 'columnCount',
            message: `row ${row} has ${cells.length} cells; the header has ${columns.length} columns`,
          },
        ],
      });
      return;
    }
    // The values are built once; ajv converts them in place to the schema's types.
    const values: Record<string, unknown> = cellValues(cells, columns);
    if (!validate(values)) {
      const errors = describeSchemaErrors(validate.errors).map((p) => ({
        ...(p.field !== null && { field: p.field }),
        code: p.keyword,
        message: p.message,
      }));
      report.invalidRows.push({ row, values: cellValues(cells, columns), errors: orderByColumn(errors, columns) });
      return;
    }
    const ruleProblems = checkRules(values, row);
    if (ruleProblems.length > 0) {
      report.invalidRows.push({
        row,
        values: cellValues(cells, columns),
        errors: ruleProblems.map((p) => ({ field: p.field, code: p.code, message: p.message })),
      });
      return;
    }
    report.validRows.push({ row, values });
  };

  try {
    readCsv(text, (cells, index) => {
      if (index === 0) {
        header.problem = compareHeader(
          cells.map((name) => name.trim()),
          columns,
        );
        return header.problem === null;
      }
      rows = index;
      // Past the limit the rest is only counted, for the answer.
      if (rows <= maxRows) judge(cells, index);
    });
  } catch (error) {
    const line = error instanceof CsvSyntaxError ? error.line : null;
    const row = error instanceof CsvSyntaxError ? error.row : null;
    const message = `${path} is not valid CSV${line !== null ? ` at line ${line}` : ''}${row !== null ? ` (data row ${row})` : ''}: ${(error as Error).message}`;
    return { status: 422, code: 'asset_not_csv', message, ...(row !== null && { details: [{ message, row }] }) };
  }
  if (header.problem !== null) {
    const { message: problem, firstDiffering } = header.problem;
    const message = `${path}: ${problem}`;
    return { status: 422, code: 'asset_header_mismatch', message, details: [{ message, field: firstDiffering }] };
  }
  if (rows === 0) {
    return {
      status: 422,
      code: 'asset_empty',
      message: `${path} holds no data rows; the first line is the header and each following line one row`,
    };
  }
  if (rows > maxRows) {
    return {
      status: 413,
      code: 'too_many_rows',
      message: `${path} holds ${rows} data rows; at most ${maxRows} are accepted per import. Split the file.`,
    };
  }
  return report;
}

/** A row's non-empty cells by column name, trimmed: the row as the file gave it. */
function cellValues(cells: readonly string[], columns: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) {
    const cell = cells[i]?.trim();
    if (cell) values[columns[i]!] = cell;
  }
  return values;
}

/** What is wrong with a header, and the first column (expected name, or the extra one) that differs. */
function compareHeader(
  header: readonly string[],
  columns: readonly string[],
): { message: string; firstDiffering: string } | null {
  if (header.length === columns.length && header.every((name, i) => name === columns[i])) return null;
  const at = columns.findIndex((column, i) => header[i] !== column);
  const firstDiffering = at === -1 ? header[columns.length]! : columns[at]!;
  const missing = columns.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !columns.includes(h));
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (unknown.length > 0) parts.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  if (parts.length === 0) parts.push('the columns are out of order');
  return { message: `the header does not match: ${parts.join('; ')}. Expected: ${columns.join(',')}`, firstDiffering };
}

function orderByColumn(errors: RowError[], columns: readonly string[]): RowError[] {
  const position = (e: RowError) => (e.field === undefined ? -1 : columns.indexOf(e.field.split(/[.[]/)[0]!));
  return [...errors].sort((a, b) => position(a) - position(b));
}
