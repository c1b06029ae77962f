import type { components } from '../../../openapi/generated/thought-industries.js';
import type { JobEffects } from '../../state/effects.js';
import type { StoredRecord } from '../../state/recordCollections.js';

/** The collections the spec lists (`ImportedRecordCollection`): one per import, plus certificate templates. */
export type RecordCollection = components['schemas']['ImportedRecordCollection'];
/** Where a collection lives in the instance state; Thought Industries keeps one scope per instance. */
export const recordCollection = (collection: RecordCollection) => `thought-industries.${collection}`;
export const recordScope = '';

/** One stored record as the control API lists it (`ImportedRecord` in the spec). */
export interface ImportedRecord {
  id: string;
  collection: RecordCollection;
  createdAt: string;
  updatedAt: string;
  sourceJobId: string | null;
  fields: Record<string, unknown>;
}

/** Templates are matched by title, case-insensitive and trimmed: the key of the template collection. */
export const titleKey = (title: unknown) =>
  (typeof title === 'string' || typeof title === 'number' ? String(title) : '').trim().toLowerCase();

const keyText = (value: unknown): string | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);

export function toImportedRecord(collection: RecordCollection, record: StoredRecord): ImportedRecord {
  const { id, createdAt, updatedAt, sourceJobId, fields } = record;
  return { id, collection, createdAt, updatedAt, sourceJobId, fields };
}

/**
 * What a full import writes when its job completes: each valid row upserted by its key field (the
 * row schema's `unique` rule: `externalId`, or `email` for users). `newId` is called once per row,
 * in row order, now: ids do not depend on when the job ends.
 */
export function importUpserts(
  collection: RecordCollection,
  keyField: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  newId: () => string,
): JobEffects {
  const records = rows.map((fields) => {
    const key = keyText(fields[keyField]);
    return { id: newId(), ...(key !== undefined && { key }), fields };
  });
  return {
    complete: [{ kind: 'upsert', collection: recordCollection(collection), scope: recordScope, match: 'key', records }],
  };
}

/** What a certificate template call writes: each planned template by the id the plan chose. */
export function templateUpserts(writes: ReadonlyArray<{ id: string; fields: Record<string, unknown> }>): JobEffects {
  const records = writes.map(({ id, fields }) => ({ id, key: titleKey(fields.title), fields }));
  return {
    complete: [
      {
        kind: 'upsert',
        collection: recordCollection('certificateTemplates'),
        scope: recordScope,
        match: 'id',
        records,
      },
    ],
  };
}
