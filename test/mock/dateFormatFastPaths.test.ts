import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainValidDate, isPlainValidDateTime, speedUpDateFormats } from '../../mocks/spec/dateFormatFastPaths.js';

const two = (n: number) => String(n).padStart(2, '0');

/** Date-times of the plain shape, odd corners included: day 0 and days past a month's end, hour 24, second 60, offsets past 23:59. */
const dateTimes = fc
  .record({
    // Century years and year 0 often: the leap-year rule turns on them.
    year: fc.oneof(fc.constantFrom(0, 1900, 2000, 2024, 2027, 2100, 2400), fc.integer({ min: 0, max: 9999 })),
    month: fc.oneof(fc.constant(2), fc.integer({ min: 0, max: 13 })),
    day: fc.oneof(fc.constantFrom(28, 29, 30, 31), fc.integer({ min: 0, max: 32 })),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.option(fc.stringMatching(/^\d{0,4}$/), { nil: undefined }),
    t: fc.constantFrom('T', 't', ' '),
    zone: fc.oneof(
      fc.constantFrom('Z', 'z', ''),
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

/** One of those with a character replaced by one that could belong to a date-time, or by a stray one. */
const nearDateTimes = fc
  .tuple(dateTimes, fc.nat(), fc.constantFrom(...'0123456789-:.TtZz+ \nx٣'))
  .map(([text, at, char]) => text.slice(0, at % text.length) + char + text.slice((at % text.length) + 1));

/** The date part of those, and near misses of it. */
const dates = fc.oneof(dateTimes, nearDateTimes).map((text) => text.slice(0, 10 + (text.length % 2)));

/** ajv-formats' own format (full mode), and the same format behind the fast path. */
function formats(name: 'date' | 'date-time') {
  const plain = new Ajv2020();
  addFormats.default(plain);
  const fast = new Ajv2020();
  addFormats.default(fast);
  speedUpDateFormats(fast);
  const validate = (ajv: Ajv2020) => (ajv.formats[name] as { validate: (text: string) => boolean }).validate;
  return { library: validate(plain), fast: validate(fast) };
}

describe('the date format with its fast path', () => {
  const { library, fast } = formats('date');

  it('accepts and refuses exactly what ajv-formats does', () => {
    fc.assert(
      fc.property(fc.oneof(dates, fc.string({ maxLength: 12 })), (text) => fast(text) === library(text)),
      { numRuns: 20_000, seed: 20261203 },
    );
    expect(['2026-05-14', '2028-02-29', '2027-02-29', '2026-5-14'].map((text) => isPlainValidDate(text))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('the date-time format with its fast path', () => {
  const { library, fast } = formats('date-time');

  it('accepts and refuses exactly what ajv-formats does, on date-times and near misses', () => {
    fc.assert(
      fc.property(fc.oneof(dateTimes, nearDateTimes), (text) => fast(text) === library(text)),
      { numRuns: 20_000, seed: 20261203 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => fast(text) === library(text)),
      { numRuns: 2_000, seed: 20261203 },
    );
  });

  it('answers the usual shapes itself, and leaves leap seconds and other shapes to the library', () => {
    for (const text of ['2027-03-09T11:00:00-05:00', '2028-02-29T23:59:59.250Z', '2000-02-29t11:00:00z'])
      expect(isPlainValidDateTime(text)).toBe(true);
    for (const text of [
      '2027-02-29T11:00:00Z',
      '2100-02-29T11:00:00Z',
      '2027-04-31T11:00:00Z',
      '2027-03-09T24:00:00Z',
      '2027-03-09T11:00:00+24:00',
      '2027-03-09T11:00:00.Z',
    ])
      expect([isPlainValidDateTime(text), library(text)]).toEqual([false, false]);
    // Valid, but not the fast path's to judge: a leap second, a space for the T.
    for (const text of ['2016-12-31T23:59:60Z', '2027-03-09 11:00:00Z'])
      expect([isPlainValidDateTime(text), fast(text), library(text)]).toEqual([false, true, true]);
  });
});
