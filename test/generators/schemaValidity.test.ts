import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRows } from '../../generators/generateRows.js';
import { generatorKinds, type GeneratorKind } from '../../generators/kinds/kindDefinition.js';
import { kinds } from '../../generators/kinds/kindRegistry.js';
import { createRuleChecker } from '../../mocks/spec/rowRules.js';
import { describeSchemaErrors, SpecValidators } from '../../mocks/spec/schemaValidators.js';

// The same compiled schemas the mock validates with.
const validators = new SpecValidators();
const seeds = fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 });

/**
 * Checks rows the way the mock does: the row schema, then the `x-bulkmock-rules` over the rows that
 * passed it, with uniqueness judged per batch the vendor takes. Returns the problems per index.
 */
function checkLikeTheMock(
  kind: GeneratorKind,
  rows: ReadonlyArray<{ index: number; value: object }>,
): Map<number, string[]> {
  const definition = kinds[kind];
  const validate = validators.schema(definition.row.spec, definition.row.name);
  // StackOne keeps its key unique in code, not in a spec rule; check it the same way.
  const rules =
    definition.row.rules.length > 0 ? definition.row.rules : [{ rule: 'unique' as const, field: definition.key }];
  let checkRules = createRuleChecker(rules);
  const problems = new Map<number, string[]>();
  for (const { index, value } of rows) {
    if (index % definition.batchSize === 0) checkRules = createRuleChecker(rules);
    if (!validate(value)) {
      problems.set(
        index,
        describeSchemaErrors(validate.errors).map((p) => p.message),
      );
      continue;
    }
    const broken = checkRules(value as Record<string, unknown>, index + 1);
    if (broken.length > 0)
      problems.set(
        index,
        broken.map((p) => p.message),
      );
  }
  return problems;
}

describe('generated rows validate against the spec', () => {
  it.each(generatorKinds)('%s: every row of any seed passes the row schema and its rules', (kind) => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 60 }), (seed, count) => {
        const rows = [...generateRows(kind, { count, seed })];
        expect(rows.every((row) => row.defect === undefined)).toBe(true);
        expect(Object.fromEntries(checkLikeTheMock(kind, rows))).toEqual({});
      }),
      { numRuns: 60 },
    );
  });

  it.each(generatorKinds)('%s: with defects, the rows left valid still pass and every broken row fails', (kind) => {
    fc.assert(
      fc.property(
        seeds,
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, count, invalidRate) => {
          const rows = [...generateRows(kind, { count, seed, invalidRate })];
          const problems = checkLikeTheMock(kind, rows);
          const broken = rows.filter((row) => row.defect !== undefined).map((row) => row.index);
          expect([...problems.keys()]).toEqual(broken);
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each([
    'ti-webinar',
    'ti-in-person-event',
    'ti-session-webinar',
    'ti-course-group-in-person-event',
    'ti-user',
  ] as const)('%s: every row also passes as CSV cells, read with the types of the schema', (kind) => {
    const definition = kinds[kind];
    const validate = validators.schema(definition.row.spec, definition.row.name, 'csv');
    fc.assert(
      fc.property(seeds, (seed) => {
        for (const { value } of generateRows(kind, { count: 30, seed })) {
          const cells = Object.fromEntries(Object.entries(value).map(([column, cell]) => [column, String(cell)]));
          expect(validate(cells), JSON.stringify(validate.errors)).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });
});
