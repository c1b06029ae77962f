import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The measure of the plugin architecture (issue 16): a new operation of a vendor should need its
 * spec and a few lines of vendor code, not a subsystem. This counts, per new Thought Industries
 * operation, the code lines (no blank or comment lines) of its handler and of its entry in the
 * vendor definition; what the operations share (importJob.ts, assetImport.ts, assetUrl.ts) is not
 * theirs.
 */
const source = (file: string) =>
  readFileSync(new URL(`../../mocks/vendors/thoughtIndustries/${file}`, import.meta.url), 'utf8');

function codeLines(text: string): number {
  let inComment = false;
  let count = 0;
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (inComment) inComment = !line.includes('*/');
    else if (line.startsWith('/*')) inComment = !line.includes('*/');
    else if (line !== '' && !line.startsWith('//')) count++;
  }
  return count;
}

/** The lines of `text` from the one that starts with `start` to the first after it that starts with `end`. */
function block(text: string, start: string, end: string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.trimStart().startsWith(start));
  expect(from, `a line starting ${start}`).toBeGreaterThanOrEqual(0);
  const to = lines.findIndex((l, i) => i > from && l.trimStart().startsWith(end));
  return lines.slice(from, to + 1).join('\n');
}

const definition = source('thoughtIndustriesSimulator.ts');
/** The operation's entry in the vendor definition's operations map: one line each, `id: handler` or `id,`. */
const definitionLine = (operationId: string) => {
  const lines = definition.split('\n').filter((l) => new RegExp(`^\\s+${operationId}[:,]`).test(l));
  expect(lines, `${operationId} in the operations of the definition`).toHaveLength(1);
  return 1;
};
const handlers = source('assetImportHandlers.ts');

const sizes: Array<[operationId: string, lines: number, atMost: number]> = [
  [
    'bulkImportSessionWebinars',
    codeLines(block(handlers, 'bulkImportSessionWebinars: {', '},')) + definitionLine('bulkImportSessionWebinars'),
    10,
  ],
  [
    'bulkImportCourseGroupInPersonEvents',
    codeLines(block(handlers, 'bulkImportCourseGroupInPersonEvents: {', '},')) +
      definitionLine('bulkImportCourseGroupInPersonEvents'),
    10,
  ],
  ['bulkImportUsers', codeLines(source('usersImport.ts')) + definitionLine('bulkImportUsers'), 60],
];

describe('the vendor code each new Thought Industries operation needed', () => {
  it.each(sizes)('%s: %i lines (handler and definition), at most %i', (_, lines, atMost) => {
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThanOrEqual(atMost);
  });
});
