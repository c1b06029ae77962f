import type { RowSchemaFacts } from '../schema/rowSchema.js';

export const generatorKinds = [
  'ti-webinar',
  'ti-in-person-event',
  'ti-certificate-template',
  'stackone-course',
  'stackone-content',
  'lb-record',
  'ti-session-webinar',
  'ti-course-group-in-person-event',
  'ti-user',
] as const;
export type GeneratorKind = (typeof generatorKinds)[number];

export const outputFormats = ['csv', 'jsonl', 'json'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** Everything the generator, the defects and the writers need to know about one kind of input. */
export interface KindDefinition<T extends object = object> {
  name: GeneratorKind;
  /** One line for `bulkmock generate --list`. */
  summary: string;
  /** The spec's schema of one row: its columns, constraints and `x-bulkmock-rules`. */
  row: RowSchemaFacts;
  defaultFormat: OutputFormat;
  /** The request body a JSON document is shaped as (`{ "templates": [...] }`); null: a plain array. */
  envelope: { property: string; maxItems: number | null } | null;
  /** The field no two rows may share (the duplicate-key defect copies it). */
  key: string;
  /**
   * How many rows the vendor takes in one file or request. A duplicate key always repeats a row of
   * the same batch, so that it is still caught when the rows are sent in batches of this size.
   */
  batchSize: number;
  /** Makes the row factory of a seed: called with 0, 1, 2, ... in order, it returns fresh rows. */
  createRows(seed: number): (index: number) => T;
}
