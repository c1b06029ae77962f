import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayNestDeeperThan, nestsDeeperThan } from '../../mocks/parsing/jsonDepth.js';

const encoder = new TextEncoder();
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('the nesting of a JSON body', () => {
  it('counts a scalar as 0 levels and each array or object as one more', () => {
    expect(nestsDeeperThan(7, 0)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(nested(3)), 2)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(nested(3)), 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it('measures thousands of levels without exhausting the stack', () => {
    expect(nestsDeeperThan(JSON.parse(nested(20_000)), 64)).toBe(true);
  });

  it('needs no second look at a text with no more opening brackets than the limit', () => {
    expect(mayNestDeeperThan(encoder.encode('{"a":[1,{"b":2}],"c":[]}'), 4)).toBe(false);
    expect(mayNestDeeperThan(encoder.encode('{"a":[1,{"b":2}],"c":[]}'), 3)).toBe(true);
    // Brackets inside strings are counted too: a cheap bound may only err towards a second look.
    expect(mayNestDeeperThan(encoder.encode('{"a":"[[[["}'), 3)).toBe(true);
  });

  it('never rules out a value that nests deeper than the limit', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (json, limit) => {
        if (nestsDeeperThan(JSON.parse(json), limit)) expect(mayNestDeeperThan(encoder.encode(json), limit)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
