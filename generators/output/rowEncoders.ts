import type { KindDefinition, OutputFormat } from '../kinds/kindDefinition.js';
import { csvHeader, csvRecord } from './csvEncoding.js';

/**
 * Turns rows into the text of one output format. Every piece ends with a line break, so that the
 * text can be cut into chunks between rows.
 */
export interface RowEncoder {
  header: string;
  row(value: object, index: number): string;
  footer: string;
}

/**
 * - `csv`: the header the mock expects (the row schema's properties, in the spec's order), then one
 *   record per row. Nested values (StackOne categories, skills, ...) are JSON text in their cell.
 * - `jsonl`: one JSON object per line (the Learning Builder body).
 * - `json`: one JSON document: the vendor's request body where the kind has one
 *   (`{ "templates": [...] }`, `{ "items": [...] }`), otherwise an array; one row per line.
 */
export function createRowEncoder(kind: KindDefinition, format: OutputFormat, count: number): RowEncoder {
  switch (format) {
    case 'csv': {
      const columns = kind.row.columns;
      return {
        header: csvHeader(columns),
        row: (value) => csvRecord(value as Record<string, unknown>, columns),
        footer: '',
      };
    }
    case 'jsonl':
      return { header: '', row: (value) => JSON.stringify(value) + '\n', footer: '' };
    case 'json': {
      const last = count - 1;
      return {
        header: kind.envelope ? `{${JSON.stringify(kind.envelope.property)}:[\n` : '[\n',
        row: (value, index) => JSON.stringify(value) + (index < last ? ',\n' : '\n'),
        footer: kind.envelope ? ']}\n' : ']\n',
      };
    }
  }
}
