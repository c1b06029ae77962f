import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOversizedArray, type ArrayLimits } from '../../mocks/parsing/jsonArraySizes.js';

// templates: at most 3; items[*].tags: at most 1; nothing else is limited.
const limits: ArrayLimits = {
  at: (path) => {
    const shape = path.map((s) => (typeof s === 'number' ? '*' : s)).join('/');
    return shape === 'templates' ? 3 : shape === 'items/*/tags' ? 1 : Infinity;
  },
  smallest: 1,
};
const encoder = new TextEncoder();
const find = (text: string) => findOversizedArray(encoder.encode(text), limits, 64);

describe('finding an oversized array before parsing', () => {
  it('finds nothing when every array is within its limit, empty arrays included', () => {
    expect(find('{"templates":[1,{"a":[1,2,3,4]},[5,6,7,8]],"other":[1,2,3,4,5]}')).toBeNull();
    expect(find('{"templates":[],"items":[{"tags":[]},{"tags":["x"]}]}')).toBeNull();
  });

  it('names the path and the limit of the first array over it', () => {
    expect(find('{"templates":[0,0,0,0]}')).toEqual({ path: ['templates'], limit: 3 });
    expect(find('{"items":[{"tags":["a"]},{"x":[1,2],"tags":["a", "b"]}]}')).toEqual({
      path: ['items', 1, 'tags'],
      limit: 1,
    });
  });

  it('is not misled by brackets, commas and escaped quotes inside strings, by escaped keys or by multi-byte characters', () => {
    expect(find('{"tëmplates":[1,2,3,4],"templates":["日本,語","🎉[",","]}')).toBeNull();
    expect(find('{"t\\"x":"[,,,]","templates":["a,b","c\\\\",",\\"]"]}')).toBeNull();
    expect(find('{"templ\\u0061tes":[1,2,3,4]}')).toEqual({ path: ['templates'], limit: 3 });
  });

  it('stops at the first element over the limit of a body of millions', () => {
    expect(find(`{"templates":[${'0,'.repeat(2_000_000)}0]}`)).toEqual({ path: ['templates'], limit: 3 });
  });

  it('gives up, finding nothing, past the nesting limit (that is refused once parsed)', () => {
    expect(find(`{"templates":${'['.repeat(100)}${']'.repeat(100)}}`)).toBeNull();
  });

  it('does not scan a body with fewer commas than the smallest limit, which no array can exceed', () => {
    // Told (wrongly) that no array may hold fewer than 5 elements, it trusts the count of 4 commas.
    const text = encoder.encode('{"templates":[0,0,0,0,0]}');
    expect(findOversizedArray(text, { ...limits, smallest: 5 }, 64)).toBeNull();
    expect(findOversizedArray(text, { ...limits, smallest: 4 }, 64)).toEqual({ path: ['templates'], limit: 3 });
  });

  it('finds the same array with the comma count as by scanning every body', () => {
    // Every array limited to `limit`: the count may skip a body only when the scan finds nothing in it.
    const bodies = fc.json({ maxDepth: 4 });
    fc.assert(
      fc.property(bodies, fc.integer({ min: 0, max: 6 }), (json, limit) => {
        const text = encoder.encode(json);
        const everyArray: ArrayLimits = { at: () => limit, smallest: limit };
        const scanned = findOversizedArray(text, { ...everyArray, smallest: 0 }, 64);
        expect(findOversizedArray(text, everyArray, 64)).toEqual(scanned);
      }),
      { numRuns: 500 },
    );
  });
});
