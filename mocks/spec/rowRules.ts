import type { JsonSchema } from './openApiDocument.js';
import { rfc3339Instant } from './rfc3339Instant.js';

/**
 * Rules JSON Schema cannot state, carried as data on a row schema in the spec
 * (`x-bulkmock-rules`), so that the mock and the generators read the same rules:
 *   { rule: after, field: endDate, than: startDate }   the field's instant is later than the other's
 *   { rule: unique, field: externalId }                 no two rows of one import share the value
 */
export type RowRule = { rule: 'after'; field: string; than: string } | { rule: 'unique'; field: string };

export interface RuleProblem {
  field: string;
  code: 'after' | 'unique';
  message: string;
}

export function readRowRules(schema: JsonSchema | undefined): RowRule[] {
  const rules = schema?.['x-bulkmock-rules'];
  if (!Array.isArray(rules)) return [];
  return rules.map((raw, i) => {
    const rule = raw as Record<string, unknown>;
    if (rule.rule === 'after' && typeof rule.field === 'string' && typeof rule.than === 'string')
      return { rule: 'after', field: rule.field, than: rule.than };
    if (rule.rule === 'unique' && typeof rule.field === 'string') return { rule: 'unique', field: rule.field };
    throw new Error(`x-bulkmock-rules[${i}] is not a rule bulkmock knows: ${JSON.stringify(raw)}`);
  });
}

/**
 * Checks rows one by one, in file order. Uniqueness is judged against earlier rows only: the first
 * row with a value is fine, each later one is a duplicate that names the first, as `<unitName>
 * <position>` (`row 3`), or by its position alone when `unitName` is null (a label such as `item 2`).
 */
export function createRuleChecker(rules: readonly RowRule[], unitName: string | null = 'row') {
  const seen = new Map<string, Map<string, number | string>>();
  for (const rule of rules) if (rule.rule === 'unique') seen.set(rule.field, new Map());
  const named = (position: number | string) => (unitName === null ? String(position) : `${unitName} ${position}`);

  return (row: Readonly<Record<string, unknown>>, position: number | string): RuleProblem[] => {
    const problems: RuleProblem[] = [];
    for (const rule of rules) {
      if (rule.rule === 'after') {
        const end = rfc3339Instant(cellText(row[rule.field]));
        const start = rfc3339Instant(cellText(row[rule.than]));
        if (Number.isFinite(end) && Number.isFinite(start) && end <= start) {
          problems.push({ field: rule.field, code: 'after', message: `${rule.field} must be after ${rule.than}` });
        }
      } else {
        const value = row[rule.field];
        if (value === undefined || value === null || value === '') continue;
        const key = cellText(value);
        const values = seen.get(rule.field)!;
        const first = values.get(key);
        if (first === undefined) values.set(key, position);
        else
          problems.push({
            field: rule.field,
            code: 'unique',
            message: `${rule.field} "${key}" is already used by ${named(first)}`,
          });
      }
    }
    return problems;
  };
}

/** A value as the text a rule compares: a cell as it is, a number or boolean as written, anything else as JSON. */
function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value === undefined || value === null ? '' : JSON.stringify(value);
}
