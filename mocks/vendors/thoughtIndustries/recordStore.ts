import { estimateFieldsBytes, type MemoryBudget } from '../../core/memoryBudget.js';

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

/** The unique key of a collection's records (an import's `externalId`, a template's title), or undefined. */
export type RecordKey = (fields: Record<string, unknown>) => string | undefined;

interface Collection {
  byId: Map<string, ImportedRecord>;
  /** Key -> id, so that an upsert by key is one look-up, not a search (issue 12: 40,000 rows took 52 s). */
  byKey: Map<string, string>;
}

/** What the Thought Industries imports wrote, per collection, in creation order, indexed by id and by key. */
export class RecordStore {
  private readonly collections = new Map<RecordCollection, Collection>();

  constructor(
    private readonly keys: Readonly<Record<RecordCollection, RecordKey>>,
    private readonly memory?: MemoryBudget,
  ) {}

  private collection(name: RecordCollection): Collection {
    let records = this.collections.get(name);
    if (!records) this.collections.set(name, (records = { byId: new Map(), byKey: new Map() }));
    return records;
  }

  byId(collection: RecordCollection, id: string): ImportedRecord | undefined {
    return this.collection(collection).byId.get(id);
  }

  /** The record whose key is `key`, if any. */
  byKey(collection: RecordCollection, key: string): ImportedRecord | undefined {
    const records = this.collection(collection);
    const id = records.byKey.get(key);
    return id === undefined ? undefined : records.byId.get(id);
  }

  /** Creates the record, or replaces the fields of the one with the same id. */
  write(collection: RecordCollection, id: string, fields: Record<string, unknown>, at: string, sourceJobId: string | null): void {
    const records = this.collection(collection);
    const keyOf = this.keys[collection];
    const existing = records.byId.get(id);
    const oldKey = existing && keyOf(existing.fields);
    const newKey = keyOf(fields);
    if (oldKey !== undefined && oldKey !== newKey && records.byKey.get(oldKey) === id) records.byKey.delete(oldKey);
    // The first record to take a key keeps it, as the search in creation order did.
    if (newKey !== undefined && !records.byKey.has(newKey)) records.byKey.set(newKey, id);
    records.byId.set(id, { id, collection, createdAt: existing?.createdAt ?? at, updatedAt: at, sourceJobId, fields });
    if (existing) this.memory?.credit('records', estimateFieldsBytes(existing.fields));
    this.memory?.charge('records', estimateFieldsBytes(fields));
  }

  list(collection: RecordCollection): ImportedRecord[] {
    return [...this.collection(collection).byId.values()];
  }

  /** How many records a collection holds. */
  count(collection: RecordCollection): number {
    return this.collection(collection).byId.size;
  }

  clear(): void {
    for (const { byId } of this.collections.values()) for (const record of byId.values()) this.memory?.credit('records', estimateFieldsBytes(record.fields));
    this.collections.clear();
  }
}
