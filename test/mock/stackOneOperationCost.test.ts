import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * What each StackOne operation of issue 16 costs in vendor-specific code (handler and vendor
 * definition, not the spec): its line in the simulator's operation map plus the record family it
 * names (courses.ts, content.ts). The handlers themselves are generic (upsertHandlers.ts), so a new
 * family's operations should stay a few lines each; a bespoke handler would show up here.
 */
const folder = new URL('../../mocks/vendors/stackOne/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, folder), 'utf8');
/** Lines that hold code: not blank, not a comment. */
const codeLines = (text: string) =>
  text.split('\n').filter((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('//') && !trimmed.startsWith('/*') && !trimmed.startsWith('*');
  }).length;

const simulator = read('stackOneSimulator.ts');
const genericHandlers = ['batchUpsertHandler', 'singleUpsertHandler', 'listHandler'];
const families: Record<string, string> = { courses: 'courses.ts', content: 'content.ts' };

function costOf(operationId: string): { handler: string; family: string; lines: number } {
  const entry = new RegExp(`^\\s*${operationId}: (\\w+)\\((\\w+)[,)]`, 'm').exec(simulator);
  if (!entry) throw new Error(`${operationId} is not in the operation map as a generic handler over a family`);
  const [, handler, family] = entry as unknown as [string, string, string];
  return { handler, family, lines: 1 + codeLines(read(families[family]!)) };
}

describe('vendor-specific lines per new StackOne operation', () => {
  const added = ['upsertCourse', 'batchUpsertContent', 'upsertContent', 'listContent'];

  it.each(added)('%s is a generic handler over a record family, in a few lines', (operationId) => {
    const cost = costOf(operationId);
    expect(genericHandlers).toContain(cost.handler);
    // One map entry plus the family's definition, shared by the family's three operations.
    expect(cost.lines).toBeLessThanOrEqual(15);
  });

  it('costs the content family one definition file for its three operations', () => {
    const content = ['batchUpsertContent', 'upsertContent', 'listContent'].map(costOf);
    expect(new Set(content.map((c) => c.family))).toEqual(new Set(['content']));
    expect(content.map((c) => c.lines)).toEqual([content[0]!.lines, content[0]!.lines, content[0]!.lines]);
  });
});
