/** An array of a JSON text that holds more elements than its limit allows. */
export interface OversizedArray {
  /** The array's path from the root: object keys and element indexes. */
  path: Array<string | number>;
  limit: number;
}

/** The most elements the array at `path` may hold (Infinity for no limit). Indexes are numbers. */
export type ArrayLimitAt = (path: ReadonlyArray<string | number>) => number;

/** The limits of a body's arrays: by path, and the smallest of them wherever it applies. */
export interface ArrayLimits {
  at: ArrayLimitAt;
  /** No array may hold more than this (Infinity when no array of the body is limited). */
  smallest: number;
}

interface Frame {
  array: boolean;
  /** The frame's own path segment in its parent (undefined for the root). */
  segment: string | number | undefined;
  /** Object: where the key of the value being read lies in the text (its first byte, -1 for none). */
  keyStart: number;
  keyEnd: number;
  /** Array: the elements begun so far. */
  count: number;
  /** Arrays: whether a value has begun since the last comma (or the opening bracket). */
  open: boolean;
  limit: number;
}

const quote = 0x22,
  backslash = 0x5c,
  comma = 0x2c,
  colon = 0x3a;
const openBrace = 0x7b,
  closeBrace = 0x7d,
  openBracket = 0x5b,
  closeBracket = 0x5d;

/**
 * Finds the first array of a JSON text (as UTF-8 bytes: every byte of a multi-byte character is
 * outside ASCII, so no structural character is ever mistaken) that holds more elements than `limitAt` allows, by one pass
 * over the characters that stops at the first element past a limit, without building the value: a
 * body of 12 million tiny entries is refused for its size in microseconds instead of being parsed
 * (seconds, hundreds of MB) and then validated entry by entry. The text need not be valid JSON: a malformed text is left for
 * JSON.parse to report, and an oversized array found before the fault is reported first. The scan
 * stops, finding nothing, past `maxDepth` levels of nesting.
 *
 * A body with fewer commas than the smallest limit cannot hold an array over any limit (an array of
 * n + 1 elements has n commas), so it is not scanned at all: a usual request costs a count of its
 * commas, which stops at the smallest limit.
 */
export function findOversizedArray(text: Uint8Array, limits: ArrayLimits, maxDepth: number): OversizedArray | null {
  if (fewerCommasThan(text, limits.smallest)) return null;
  const stack: Frame[] = [];
  const path = (): Array<string | number> => stack.slice(1).map((f) => f.segment!);
  // The segment of a value that starts now: its key in an object, its index in an array. A key is
  // decoded only here, when a value inside it opens: most keys hold scalars and are never needed.
  const segmentHere = (): string | number | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return undefined;
    if (top.array) return top.count;
    return top.keyStart === -1 ? undefined : readKey(text, top.keyStart, top.keyEnd);
  };
  const beginValue = () => {
    const top = stack[stack.length - 1];
    if (top?.array && !top.open) {
      top.open = true;
      top.count += 1;
    }
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) {
      const start = i + 1;
      let end = text.indexOf(quote, start);
      // A quote preceded by an odd number of backslashes is escaped.
      while (end !== -1) {
        let slashes = 0;
        for (let j = end - 1; j >= start && text[j] === backslash; j--) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf(quote, end + 1);
      }
      if (end === -1) return null;
      const top = stack[stack.length - 1];
      if (top && !top.array && top.keyStart === -1) {
        top.keyStart = start;
        top.keyEnd = end;
      } else beginValue();
      i = end;
    } else if (c === openBrace || c === openBracket) {
      beginValue();
      const segment = segmentHere();
      const top = stack[stack.length - 1];
      const frame: Frame = {
        array: c === openBracket,
        segment: top?.array ? (segment as number) - 1 : segment,
        keyStart: -1,
        keyEnd: -1,
        count: 0,
        open: false,
        limit: Infinity,
      };
      stack.push(frame);
      // Deeper values are refused for their nesting once parsed; looking up limits there would cost
      // time in proportion to the depth at every bracket.
      if (stack.length > maxDepth) return null;
      if (frame.array) frame.limit = limits.at(path());
    } else if (c === closeBrace || c === closeBracket) {
      stack.pop();
    } else if (c === comma) {
      const top = stack[stack.length - 1];
      if (!top) continue;
      if (top.array) {
        top.open = false;
        // One more element begins: stop here, not at the end of a body of millions.
        if (top.count >= top.limit) return { path: path(), limit: top.limit };
      } else {
        top.keyStart = -1;
      }
    } else if (c !== colon && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      beginValue();
    }
  }
  return null;
}

/** Whether `text` holds fewer than `count` commas, counting no further than `count`. */
function fewerCommasThan(text: Uint8Array, count: number): boolean {
  let seen = 0;
  for (let i = text.indexOf(comma); i !== -1; i = text.indexOf(comma, i + 1)) if (++seen >= count) return false;
  return true;
}

const decoder = new TextDecoder();

function readKey(text: Uint8Array, start: number, end: number): string {
  const raw = decoder.decode(text.subarray(start, end));
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
