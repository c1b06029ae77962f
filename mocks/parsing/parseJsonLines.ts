import { maxJsonDepth, nestsDeeperThan } from './jsonDepth.js';

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
  /** The first `maxRecords` records (all of them when there are no more). */
  records: JsonLine[];
  /** Records read, including those past `maxRecords` that were counted but not kept. */
  recordCount: number;
  /** The first `maxProblems` problems. */
  problems: JsonLinesProblem[];
  /** Problems found, including those past `maxProblems` that were counted but not described. */
  problemCount: number;
  /** Lines seen, blank ones included. */
  lines: number;
}

export interface JsonLinesOptions {
  maxLineLength: number;
  /** Records kept; later ones are only counted (the caller refuses such a body anyway). Default: all. */
  maxRecords?: number;
  /** Problems described; later ones are only counted. Default: all. */
  maxProblems?: number;
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
 * reported by number, never dropped silently. Past `maxRecords` records and `maxProblems` problems
 * lines are only counted, so a body of millions of tiny lines costs time linear in its size and
 * memory bounded by the limits, not by the number of lines.
 */
export async function parseJsonLines(chunks: AsyncIterable<Uint8Array>, options: JsonLinesOptions): Promise<JsonLinesResult> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const sink: LineSink = { records: [], recordCount: 0, problems: [], problemCount: 0, maxRecords: options.maxRecords ?? Infinity, maxProblems: options.maxProblems ?? Infinity };
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
    if (content.length > options.maxLineLength) addProblem(sink, line, overlong(line));
    else handleLine(content, line, sink);
  };

  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new InvalidUtf8Error(line + 1 + countNewlines(chunk, validUtf8Prefix(chunk)));
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      take(pending + text.slice(start, nl));
      pending = '';
      start = nl + 1;
    }
    pending += text.slice(start);
    if (!skippingOverlong && pending.length > options.maxLineLength) {
      addProblem(sink, line + 1, overlong(line + 1));
      skippingOverlong = true;
      pending = '';
    } else if (skippingOverlong) {
      pending = '';
    }
  }
  try {
    pending += decoder.decode();
  } catch {
    throw new InvalidUtf8Error(line + 1);
  }
  if (pending.length > 0 || skippingOverlong) take(pending);
  return { records: sink.records, recordCount: sink.recordCount, problems: sink.problems, problemCount: sink.problemCount, lines: line };
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

interface LineSink {
  records: JsonLine[];
  recordCount: number;
  problems: JsonLinesProblem[];
  problemCount: number;
  maxRecords: number;
  maxProblems: number;
}

function addProblem(sink: LineSink, line: number, message: string | (() => string)): void {
  sink.problemCount += 1;
  if (sink.problems.length < sink.maxProblems) sink.problems.push({ line, message: typeof message === 'string' ? message : message() });
}

/** Whether a character code is JSON whitespace (what JSON.parse skips around a value). */
function isJsonSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function endsWithBrace(text: string): boolean {
  let last = text.length - 1;
  while (last > 0 && isJsonSpace(text.charCodeAt(last))) last -= 1;
  return text.charCodeAt(last) === 125; /* } */
}

function handleLine(text: string, line: number, sink: LineSink): void {
  let first = 0;
  while (first < text.length && isJsonSpace(text.charCodeAt(first))) first += 1;
  if (first === text.length) return;
  // A line that cannot be an object is a problem whatever it holds. Once the described problems are
  // full it is only counted: JSON.parse throwing costs microseconds a line, which for millions of
  // two-byte lines set the pace of the whole upload.
  if (sink.problems.length >= sink.maxProblems && !(text.charCodeAt(first) === 123 /* { */ && endsWithBrace(text))) {
    sink.problemCount += 1;
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    addProblem(sink, line, `line ${line} is not valid JSON: ${(error as Error).message}`);
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    addProblem(sink, line, () => `line ${line} must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
    return;
  }
  if (nestsDeeperThan(value, maxJsonDepth)) {
    addProblem(sink, line, `line ${line} nests objects and arrays more than ${maxJsonDepth} levels deep, which bulkmock does not accept`);
    return;
  }
  sink.recordCount += 1;
  if (sink.records.length < sink.maxRecords) sink.records.push({ line, value: value as Record<string, unknown> });
}
