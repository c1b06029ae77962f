export type RecordCollection = 'webinars' | 'inPersonEvents' | 'certificateTemplates';

/** One stored record (`ImportedRecord` in the spec). */
export interface ImportedRecord {
  id: string;
  collection: RecordCollection;
  createdAt: string;
  updatedAt: string;
  sourceJobId: string | null;
  fields: Record<string, unknown>;
}

/** What the Thought Industries imports wrote, per collection, in creation order. */
export class RecordStore {
  private readonly collections = new Map<RecordCollection, Map<string, ImportedRecord>>();

  private collection(name: RecordCollection): Map<string, ImportedRecord> {
    let records = this.collections.get(name);
    if (!records) this.collections.set(name, (records = new Map()));
    return records;
  }

  byId(collection: RecordCollection, id: string): ImportedRecord | undefined {
    return this.collection(collection).get(id);
  }

  find(collection: RecordCollection, predicate: (record: ImportedRecord) => boolean): ImportedRecord | undefined {
    for (const record of this.collection(collection).values()) if (predicate(record)) return record;
    return undefined;
  }

  /** Creates the record, or replaces the fields of the one with the same id. */
  write(collection: RecordCollection, id: string, fields: Record<string, unknown>, at: string, sourceJobId: string | null): void {
    const records = this.collection(collection);
    const existing = records.get(id);
    records.set(id, { id, collection, createdAt: existing?.createdAt ?? at, updatedAt: at, sourceJobId, fields });
  }

  list(collection: RecordCollection): ImportedRecord[] {
    return [...this.collection(collection).values()];
  }

  clear(): void {
    this.collections.clear();
  }
}
