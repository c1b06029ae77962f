import { describe, expect, it } from 'vitest';
import {
  generateCertificateTemplates,
  generateInPersonEventRows,
  generateLearningBuilderRecords,
  generateStackOneCourses,
  generateWebinarRows,
} from '../../generators/index.js';
import { isoDuration } from '../../generators/kinds/stackOneCourse.js';
import { localTimestamp, referenceInstant, utcOffset } from '../../generators/time/sessionCalendar.js';

const daysAfterReference = (isoDate: string) =>
  (Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) -
    referenceInstant) /
  86_400_000;

describe('session times', () => {
  it.each([
    ['America/New_York', '2027-03-12', '-05:00'],
    ['America/New_York', '2027-03-15', '-04:00'],
    ['America/Phoenix', '2027-07-01', '-07:00'],
    ['Europe/London', '2027-01-15', '+00:00'],
    ['Europe/London', '2027-07-01', '+01:00'],
    ['Asia/Kolkata', '2027-05-03', '+05:30'],
    ['Australia/Sydney', '2027-01-15', '+11:00'],
    ['Australia/Sydney', '2027-07-01', '+10:00'],
    ['UTC', '2027-07-01', 'Z'],
  ])('%s on %s is at UTC%s', (zone, date, offset) => {
    expect(utcOffset(zone, daysAfterReference(date))).toBe(offset);
  });

  it('writes RFC 3339 with the local time and the offset of the zone that day', () => {
    expect(localTimestamp(daysAfterReference('2027-03-09'), 11 * 60, 'America/New_York')).toBe(
      '2027-03-09T11:00:00-05:00',
    );
    expect(localTimestamp(daysAfterReference('2027-04-06'), 9 * 60 + 30, 'Europe/Berlin')).toBe(
      '2027-04-06T09:30:00+02:00',
    );
  });

  it.each([
    ['webinars', () => generateWebinarRows({ count: 500, seed: 12 })],
    ['in-person events', () => generateInPersonEventRows({ count: 500, seed: 12 })],
  ])('schedules %s on weekdays after the reference date, in daytime, ending after they start', (_, rows) => {
    for (const { value } of rows()) {
      const { startDate, endDate } = value as { startDate: string; endDate: string };
      expect(Date.parse(startDate)).toBeGreaterThan(referenceInstant);
      expect(Date.parse(endDate)).toBeGreaterThan(Date.parse(startDate));
      expect([1, 2, 3, 4, 5]).toContain(new Date(`${startDate.slice(0, 10)}T12:00:00Z`).getUTCDay());
      expect(Number(startDate.slice(11, 13))).toBeGreaterThanOrEqual(8);
      expect(Number(endDate.slice(11, 13))).toBeLessThanOrEqual(20);
    }
  });
});

describe('catalogue values', () => {
  it('gives in-person events a venue whose city, country and time zone agree', () => {
    const zones: Record<string, string> = {
      US: 'America/',
      CA: 'America/',
      GB: 'Europe/London',
      DE: 'Europe/Berlin',
      FR: 'Europe/Paris',
      AU: 'Australia/',
      IN: 'Asia/Kolkata',
    };
    for (const row of generateInPersonEventRows({ count: 300, seed: 5 })) {
      if (row.defect) throw new Error('no defects were asked for');
      const { value } = row;
      const prefix = zones[value.country];
      if (prefix) expect(value.timeZone.startsWith(prefix)).toBe(true);
      expect(value.venueName.length).toBeGreaterThan(3);
      expect(value.addressLine1.length).toBeGreaterThan(5);
    }
  });

  it('reads like a learning catalogue, not placeholder text', () => {
    const everything = JSON.stringify([
      ...generateWebinarRows({ count: 200, seed: 8 }),
      ...generateInPersonEventRows({ count: 200, seed: 8 }),
      ...generateCertificateTemplates({ count: 200, seed: 8 }),
      ...generateStackOneCourses({ count: 200, seed: 8 }),
      ...generateLearningBuilderRecords({ count: 200, seed: 8 }),
    ]);
    // Whole words only: the address floremenard@... is a real-looking name, not placeholder text.
    expect(everything.match(/\b(lorem|ipsum|dolor)\b/gi)).toBeNull();
    expect(everything.match(/"string"|undefined|NaN|\[object Object\]/g)).toBeNull();
  });

  it("keeps names and addresses consistent: the presenter's e-mail is made of the presenter's name", () => {
    for (const row of generateWebinarRows({ count: 200, seed: 21 })) {
      if (row.defect) throw new Error('no defects were asked for');
      const { value } = row;
      if (!value.instructorEmail || !value.instructorName) continue;
      const last = value.instructorName
        .split(' ')
        .at(-1)!
        .normalize('NFKD')
        .replace(/[^A-Za-z0-9]/g, '')
        .toLowerCase();
      expect(value.instructorEmail.split('@')[0]).toContain(last);
    }
  });

  it('writes StackOne durations in ISO 8601', () => {
    expect(isoDuration(45)).toBe('PT45M');
    expect(isoDuration(390)).toBe('PT6H30M');
    expect(isoDuration(960)).toBe('PT16H');
  });

  it('gives every StackOne course categories, content and languages', () => {
    for (const row of generateStackOneCourses({ count: 100, seed: 2 })) {
      if (row.defect) throw new Error('no defects were asked for');
      const { value } = row;
      expect(value.categories?.length).toBeGreaterThan(0);
      expect(value.content?.length).toBeGreaterThan(0);
      expect(value.languages?.[0]?.value).toMatch(/^[a-z]{2}[_-][A-Z]{2}$/);
    }
  });

  it('dates Learning Builder completions in the year before the reference date', () => {
    for (const row of generateLearningBuilderRecords({ count: 300, seed: 4 })) {
      if (row.defect) throw new Error('no defects were asked for');
      const { value } = row;
      const completed = Date.parse(`${value.CompletionDate}T00:00:00Z`);
      expect(completed).toBeLessThan(referenceInstant);
      expect(completed).toBeGreaterThanOrEqual(referenceInstant - 366 * 86_400_000);
    }
  });
});
