import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rfc3339Instant } from '../../mocks/spec/rfc3339Instant.js';

const two = (n: number) => String(n).padStart(2, '0');

/** RFC 3339 date-times, odd corners included: days past a month's end, hour 24, second 60, lower-case t and z, long fractions. */
const dateTimes = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
    t: fc.constantFrom('T', 't'),
    zone: fc.oneof(
      fc.constantFrom('Z', 'z'),
      fc
        .record({
          sign: fc.constantFrom('+', '-'),
          h: fc.integer({ min: 0, max: 25 }),
          m: fc.integer({ min: 0, max: 61 }),
        })
        .map(({ sign, h, m }) => `${sign}${two(h)}:${two(m)}`),
    ),
  })
  .map(
    ({ year, month, day, hour, minute, second, fraction, t, zone }) =>
      `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}${t}${two(hour)}:${two(minute)}:${two(second)}${fraction === undefined ? '' : `.${fraction}`}${zone}`,
  );

describe('reading the instant of a date-time for the row rule "after"', () => {
  it('agrees with Date.parse on RFC 3339 date-times, odd corners included', () => {
    fc.assert(
      fc.property(dateTimes, (text) => Object.is(rfc3339Instant(text), Date.parse(text))),
      { numRuns: 5000, seed: 20261201 },
    );
  });

  it('agrees with Date.parse on anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => Object.is(rfc3339Instant(text), Date.parse(text))),
      { numRuns: 2000, seed: 20261201 },
    );
    for (const text of [
      '2027-03-09',
      '2027-03-09T11:00',
      '2027-03-09 11:00:00Z',
      '2027-03-09T11:00:00',
      '2027-03-09T11:00:00.Z',
      '',
    ])
      expect(Object.is(rfc3339Instant(text), Date.parse(text))).toBe(true);
  });
});
