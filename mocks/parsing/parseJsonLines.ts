import { maxJsonDepth, nestsDeeperThan } from './jsonDepth.js';
import { Utf8PieceDecoder } from './utf8Pieces.js';

export interface JsonLine {
  /** 1-based line number in the body. */
  line: number;
  value: Record<string, unknown>;
}

export interface JsonLinesProblem {
  line: number;
  message: string;
}

export interface JsonLinesResult {
  /** The first `maxRecords` records. */
  records: JsonLine[];
  /** Every non-blank line, parsed or not: compare it with `maxRecords`. */
  recordCount: number;
  /** The first `maxProblems` problems. */
  problems: JsonLinesProblem[];
  problemCount: number;
  /** Characters of the lines kept as records: their text, for --max-memory's estimate. */
  recordText: number;
  /** Lines seen, blank ones included. */
  lines: number;
}

export class InvalidUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`the body is not valid UTF-8 (at line ${line})`);
    this.name = 'InvalidUtf8Error';
  }
}

/**
 * Reads a JSON Lines body chunk by chunk, so a large upload is parsed as it arrives instead of being
 * held whole next to its parsed form. Blank lines are skipped; a line that is not a JSON object is
 * reported by number, never dropped silently.
 */
export async function parseJsonLines(
  chunks: AsyncIterable<Uint8Array>,
  options: { maxLineLength: number; maxRecords?: number; maxProblems?: number },
): Promise<JsonLinesResult> {
  const decoder = new Utf8PieceDecoder();
  const maxRecords = options.maxRecords ?? Infinity;
  const maxProblems = options.maxProblems ?? Infinity;
  const records: JsonLine[] = [];
  const problems: JsonLinesProblem[] = [];
  let recordCount = 0;
  let recordText = 0;
  let problemCount = 0;
  // Size before content: lines past the limits are counted, never parsed or kept.
  const report = (problem: JsonLinesProblem) => {
    problemCount += 1;
    if (problems.length < maxProblems) problems.push(problem);
  };
  let pending = '';
  let line = 0;
  let skippingOverlong = false;
  const overlong = (at: number) => `line ${at} is longer than ${options.maxLineLength} characters`;

  const take = (text: string) => {
    line += 1;
    if (skippingOverlong) {
      skippingOverlong = false;
      return;
    }
    const content = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    // A long line that arrived whole in one chunk is measured here; one spread over chunks, below.
    if (content.trim() === '') return;
    recordCount += 1;
    if (content.length > options.maxLineLength) report({ line, message: overlong(line) });
    else if (recordCount <= maxRecords && problemCount < maxProblems) {
      handleLine(content, line, records, report);
      recordText += content.length;
    }
  };

  const read = (text: string) => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      take(pending + text.slice(start, nl));
      pending = '';
      start = nl + 1;
    }
    pending += text.slice(start);
    if (!skippingOverlong && pending.length > options.maxLineLength) {
      report({ line: line + 1, message: overlong(line + 1) });
      recordCount += 1;
      skippingOverlong = true;
      pending = '';
    } else if (skippingOverlong) {
      pending = '';
    }
  };

  for await (const chunk of chunks) {
    const linesBefore = line;
    const pieces = decoder.decode(chunk);
    for (;;) {
      let piece: IteratorResult<string>;
      try {
        piece = pieces.next();
      } catch {
        throw new InvalidUtf8Error(linesBefore + 1 + countNewlines(chunk, validUtf8Prefix(chunk)));
      }
      if (piece.done) break;
      read(piece.value);
    }
  }
  let rest: string;
  try {
    rest = decoder.end();
  } catch {
    throw new InvalidUtf8Error(line + 1);
  }
  read(rest);
  if (pending.length > 0 || skippingOverlong) take(pending);
  return { records, recordCount, problems, problemCount, recordText, lines: line };
}

/** How many leading bytes of a chunk read as UTF-8 (a sequence cut at the end counts as valid). */
function validUtf8Prefix(bytes: Uint8Array): number {
  const valid = (length: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (valid(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) count += 1;
  return count;
}

function handleLine(
  text: string,
  line: number,
  records: JsonLine[],
  report: (problem: JsonLinesProblem) => void,
): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    report({ line, message: `line ${line} is not valid JSON: ${(error as Error).message}` });
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report({
      line,
      message: `line ${line} must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
    });
    return;
  }
  if (nestsDeeperThan(value, maxJsonDepth)) {
    report({
      line,
      message: `line ${line} nests objects and arrays more than ${maxJsonDepth} levels deep, which bulkmock does not accept`,
    });
    return;
  }
  records.push({ line, value: value as Record<string, unknown> });
}
