import { specFiles } from '../../mocks/spec/specRegistry.js';
import type { RowSchemaFacts } from '../schema/rowSchema.js';

/** The field of the row schema's `unique` rule in `x-bulkmock-rules`. */
export function uniqueKeyOf(row: RowSchemaFacts): string {
  const rule = row.rules.find((r) => r.rule === 'unique');
  if (!rule) throw new Error(`${specFiles[row.spec]}: ${row.name} has no unique rule in x-bulkmock-rules`);
  return rule.field;
}
