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
  records: JsonLine[];
  problems: JsonLinesProblem[];
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
  options: { maxLineLength: number },
): Promise<JsonLinesResult> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const records: JsonLine[] = [];
  const problems: JsonLinesProblem[] = [];
  let pending = '';
  let line = 0;
  let skippingOverlong = false;

  const take = (text: string) => {
    line += 1;
    if (skippingOverlong) {
      skippingOverlong = false;
      return;
    }
    handleLine(text.endsWith('\r') ? text.slice(0, -1) : text, line, records, problems);
  };

  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new InvalidUtf8Error(line + 1);
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      take(pending + text.slice(start, nl));
      pending = '';
      start = nl + 1;
    }
    pending += text.slice(start);
    if (!skippingOverlong && pending.length > options.maxLineLength) {
      problems.push({ line: line + 1, message: `line ${line + 1} is longer than ${options.maxLineLength} characters` });
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
  return { records, problems, lines: line };
}

function handleLine(text: string, line: number, records: JsonLine[], problems: JsonLinesProblem[]): void {
  if (text.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    problems.push({ line, message: `line ${line} is not valid JSON: ${(error as Error).message}` });
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ line, message: `line ${line} must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` });
    return;
  }
  records.push({ line, value: value as Record<string, unknown> });
}
