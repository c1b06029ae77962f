import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeSegment,
  formatPointer,
  parsePointer,
  pointerToField,
  unescapeSegment,
  valueAtPointer,
} from '../../../mocks/spec/jsonPointer.js';

describe('JSON pointers (RFC 6901)', () => {
  it('escapes ~ as ~0 and / as ~1 inside a key, and reads them back', () => {
    expect(escapeSegment('/jobs/{id}')).toBe('~1jobs~1{id}');
    expect(escapeSegment('a~b')).toBe('a~0b');
    expect(unescapeSegment('~1jobs~1{id}')).toBe('/jobs/{id}');
    // ~01 is an escaped ~ followed by 1, not an escaped /.
    expect(unescapeSegment('~01')).toBe('~1');
  });

  it('gives back the same keys for any keys it formatted', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '/', '~', '0', '1', 'é', ' ') })), (keys) => {
        expect(parsePointer(formatPointer(keys))).toEqual(keys);
      }),
    );
  });

  it('names the whole value with the empty pointer and an empty key with /', () => {
    expect(formatPointer([])).toBe('');
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/')).toEqual(['']);
    expect(formatPointer(['items', 2, 'title'])).toBe('/items/2/title');
  });

  it('refuses text that is not a pointer', () => {
    expect(() => parsePointer('items/2')).toThrow('"items/2" is not a JSON pointer');
  });

  it('reads the value at a pointer, and undefined where the path does not lead', () => {
    const value = { data: { 'a/b': [{ '~x': 1 }] } };
    expect(valueAtPointer(value, '/data/a~1b/0/~0x')).toBe(1);
    expect(valueAtPointer(value, '')).toBe(value);
    expect(valueAtPointer(value, '/data/missing/deeper')).toBeUndefined();
    expect(valueAtPointer(value, '/data/a~1b/0/~0x/below-a-number')).toBeUndefined();
  });

  it('names a field the way error messages do', () => {
    expect(pointerToField('/items/2/title')).toBe('items[2].title');
    expect(pointerToField('/0/name')).toBe('[0].name');
    expect(pointerToField('/a~1b')).toBe('a/b');
    expect(pointerToField('')).toBeNull();
  });
});
