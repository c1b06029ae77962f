import { entryOverheadBytes } from '../../core/memoryBudget.js';
import type { JobEffects } from '../../state/effects.js';
import type { CollectionSettings, StoredRecord } from '../../state/recordCollections.js';

/** StackOne's courses live in one collection of the instance state, one scope per linked account (`x-account-id`). */
export const coursesCollection = 'stackone.courses';

/** Charged as their JSON text plus the per-entry overhead (docs/limits.md). */
export const coursesSettings: CollectionSettings = { memory: 'courses', estimate: 'json' };

/** A course's estimated size before it is stored, for --max-memory admission. */
export function estimateCourse(course: Readonly<Record<string, unknown>>): number {
  return JSON.stringify(course).length + entryOverheadBytes.record;
}

/** A course as the list endpoint returns it: the upserted item (with its ids) plus its timestamps. */
export function toCourse(record: StoredRecord): Record<string, unknown> {
  return { ...record.fields, created_at: record.createdAt, updated_at: record.updatedAt };
}

/** The id a course with this reference has in the account (its latest upsert's), if it is stored. */
export function courseId(record: StoredRecord | undefined): string | undefined {
  const id = record?.fields.id;
  return typeof id === 'string' ? id : undefined;
}

/** What a batch writes when its job completes: each accepted item upserted by `external_reference` in the account. */
export function courseUpserts(
  account: string,
  planned: ReadonlyArray<{ item: Record<string, unknown>; id: string }>,
): JobEffects {
  return {
    complete: [
      {
        kind: 'upsert',
        collection: coursesCollection,
        scope: account,
        match: 'key',
        records: planned.map(({ item, id }) => {
          const { external_reference: sent } = item;
          // Validated as a string by the item schema; anything else is written as its JSON text.
          const reference = typeof sent === 'string' ? sent : JSON.stringify(sent);
          return { id, key: reference, fields: { ...item, external_reference: reference, id, remote_id: id } };
        }),
      },
    ],
  };
}
