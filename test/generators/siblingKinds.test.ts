import { describe, expect, it } from 'vitest';
import { generateRows } from '../../generators/generateRows.js';
import type { GeneratorKind } from '../../generators/kinds/kindDefinition.js';
import type { RowTypes } from '../../generators/kinds/kindRegistry.js';

const values = <K extends GeneratorKind>(kind: K, count: number, seed: number) =>
  [...generateRows(kind, { count, seed })].map((row) => row.value as RowTypes[K]);

describe('the sibling kinds of Thought Industries', () => {
  it('ti-session-webinar: every session belongs to a course group webinar ti-webinar writes with the same seed, four to a webinar', () => {
    const webinars = new Set(values('ti-webinar', 10, 42).map((w) => w.externalId));
    const sessions = values('ti-session-webinar', 40, 42);
    expect(sessions.every((s) => webinars.has(s.courseGroupExternalId))).toBe(true);
    expect(new Set(sessions.map((s) => s.courseGroupExternalId)).size).toBe(10);
    expect(sessions.some((s) => 'slug' in s)).toBe(false);
  });

  it('ti-session-webinar: sessions are not copies of the webinars of the same seed', () => {
    const [webinar] = values('ti-webinar', 1, 42);
    const [session] = values('ti-session-webinar', 1, 42);
    expect(session!.startDate).not.toBe(webinar!.startDate);
  });

  it('ti-course-group-in-person-event: the slug is made from the title, the language is that of the venue city', () => {
    for (const group of values('ti-course-group-in-person-event', 50, 9)) {
      expect(group.externalId).toMatch(/^CGE-/);
      if (group.slug !== undefined) expect(group.title.toLowerCase()).toContain(group.slug.split('-')[0]);
      expect(group.language).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    }
  });

  it('ti-user: e-mail addresses stay unique in a large file, though names repeat', () => {
    const users = values('ti-user', 5000, 3);
    expect(new Set(users.map((u) => u.email)).size).toBe(5000);
    expect(new Set(users.map((u) => [u.firstName, u.lastName].join(' '))).size).toBeLessThan(5000);
  });
});
