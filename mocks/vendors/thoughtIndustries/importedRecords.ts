import type { StoredRecord } from '../../state/recordCollections.js';

export type RecordCollection = 'webinars' | 'inPersonEvents' | 'certificateTemplates';
export const recordCollectionNames: readonly RecordCollection[] = ['webinars', 'inPersonEvents', 'certificateTemplates'];

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
export const titleKey = (title: unknown) => (typeof title === 'string' || typeof title === 'number' ? String(title) : '').trim().toLowerCase();

/** Imports upsert by `externalId`; certificate templates are matched by title. */
export function recordKey(collection: RecordCollection, fields: Readonly<Record<string, unknown>>): string | undefined {
  if (collection === 'certificateTemplates') return titleKey(fields.title);
  const { externalId } = fields;
  return externalId === undefined ? undefined : typeof externalId === 'string' ? externalId : JSON.stringify(externalId);
}

export function toImportedRecord(collection: RecordCollection, record: StoredRecord): ImportedRecord {
  const { id, createdAt, updatedAt, sourceJobId, fields } = record;
  return { id, collection, createdAt, updatedAt, sourceJobId, fields };
}
