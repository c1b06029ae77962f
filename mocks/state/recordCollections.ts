import { entryOverheadBytes, estimateFieldsBytes, type MemoryBudget, type MemoryKind } from '../core/memoryBudget.js';
import type { EffectTarget, RecordWrite, UpsertEffect } from './effects.js';

/** One stored record of any collection: plain data. */
export interface StoredRecord {
  id: string;
  /** The collection's unique key (an `externalId`, a title, an `external_reference`), or null. */
  key: string | null;
  createdAt: string;
  updatedAt: string;
  /** The job that wrote it, or null for a record written at once. */
  sourceJobId: string | null;
  fields: Record<string, unknown>;
}

/**
 * How a collection is charged against --max-memory (docs/limits.md): `fields` is the estimate of a
 * flat import row, `json` the length of the record's JSON text plus the per-entry overhead.
 */
export interface CollectionSettings {
  memory: MemoryKind;
  estimate: 'fields' | 'json';
}

/** A record written at once (not by a job's end effects), with its own charge when the caller knows it better. */
export interface DirectWrite extends RecordWrite {
  sourceJobId?: string | null;
}

/**
 * Named collections of records, each keyed within a scope (a linked account, or '' for the whole
 * instance), in creation order, indexed by id and by key. Every vendor's stored data lives here:
 * Thought Industries' webinars, StackOne's courses per account, Learning Builder's batches.
 */
export interface RecordCollections {
  /** Declares how a collection is charged; a collection never declared is charged as `records` rows. */
  define(collection: string, settings: CollectionSettings): void;
  get(collection: string, scope: string, id: string): StoredRecord | undefined;
  /** The record holding `key`: the first record that took it. */
  byKey(collection: string, scope: string, key: string): StoredRecord | undefined;
  /** Up to `limit` records from `offset`, in creation order, and how many there are. */
  page(collection: string, scope: string, offset: number, limit: number): { total: number; items: StoredRecord[] };
  count(collection: string, scope: string): number;
  /** Creates or replaces the record with the write's id. */
  put(collection: string, scope: string, write: DirectWrite, at: string): void;
  remove(collection: string, scope: string, id: string): void;
  /** Puts a record back as it was exported (timestamps and source kept). */
  restore(collection: string, scope: string, record: StoredRecord & { bytes?: number }): void;
  /** Every collection and scope that holds records, for export. */
  scopes(): Array<{ collection: string; scope: string }>;
  clear(): void;
  /** Counts every change (a write, a removal, a restore, a clear), so a caller can tell whether a request changed anything. */
  readonly version: number;
}

interface Entry extends StoredRecord {
  /** What the record is charged, so that the same amount is credited when it goes. */
  bytes: number;
}

interface Scope {
  byId: Map<string, Entry>;
  /** Key -> id, so that an upsert by key is one look-up, not a search (issue 12: 40,000 rows took 52 s). */
  byKey: Map<string, string>;
}

const defaultSettings: CollectionSettings = { memory: 'records', estimate: 'fields' };
/** Scopes are few (accounts); collection and scope join into one map key. */
const scopeKey = (collection: string, scope: string) => `${collection}\u0000${scope}`;

/** The in-memory record collections: maps in one process, today's speed. */
export class MemoryRecordCollections implements RecordCollections, EffectTarget {
  private readonly scopesByKey = new Map<string, Scope & { collection: string; scope: string }>();
  private readonly settings = new Map<string, CollectionSettings>();
  version = 0;

  constructor(private readonly memory?: MemoryBudget) {}

  define(collection: string, settings: CollectionSettings): void {
    this.settings.set(collection, settings);
  }

  private scope(collection: string, scope: string): Scope {
    const key = scopeKey(collection, scope);
    let found = this.scopesByKey.get(key);
    if (!found) this.scopesByKey.set(key, (found = { collection, scope, byId: new Map(), byKey: new Map() }));
    return found;
  }

  private peek(collection: string, scope: string): Scope | undefined {
    return this.scopesByKey.get(scopeKey(collection, scope));
  }

  get(collection: string, scope: string, id: string): StoredRecord | undefined {
    return this.peek(collection, scope)?.byId.get(id);
  }

  byKey(collection: string, scope: string, key: string): StoredRecord | undefined {
    const records = this.peek(collection, scope);
    const id = records?.byKey.get(key);
    return id === undefined ? undefined : records!.byId.get(id);
  }

  page(collection: string, scope: string, offset: number, limit: number): { total: number; items: StoredRecord[] } {
    const records = this.peek(collection, scope);
    if (!records) return { total: 0, items: [] };
    const items: StoredRecord[] = [];
    let i = 0;
    // Map order is creation order; a page walks to its offset without copying the collection.
    for (const record of records.byId.values()) {
      if (i >= offset + limit) break;
      if (i >= offset) items.push(record);
      i += 1;
    }
    return { total: records.byId.size, items };
  }

  count(collection: string, scope: string): number {
    return this.peek(collection, scope)?.byId.size ?? 0;
  }

  put(collection: string, scope: string, write: DirectWrite, at: string): void {
    this.version += 1;
    this.write(collection, scope, write, at, write.sourceJobId ?? null, write.bytes);
  }

  upsert(effect: UpsertEffect, write: RecordWrite, at: string, sourceJobId: string): void {
    this.version += 1;
    const existing =
      effect.match === 'key' && write.key !== undefined
        ? this.byKey(effect.collection, effect.scope, write.key)
        : undefined;
    const stored = existing ? { ...write, id: existing.id } : write;
    this.write(effect.collection, effect.scope, stored, at, sourceJobId, write.bytes);
  }

  private write(
    collection: string,
    scope: string,
    write: RecordWrite,
    at: string,
    sourceJobId: string | null,
    bytes?: number,
  ): void {
    const records = this.scope(collection, scope);
    const { id, fields } = write;
    const key = write.key ?? null;
    const existing = records.byId.get(id);
    if (existing && existing.key !== null && existing.key !== key && records.byKey.get(existing.key) === id)
      records.byKey.delete(existing.key);
    // The first record to take a key keeps it, as the search in creation order did.
    if (key !== null && !records.byKey.has(key)) records.byKey.set(key, id);
    const settings = this.settings.get(collection) ?? defaultSettings;
    const charge = bytes ?? estimate(settings, fields);
    records.byId.set(id, {
      id,
      key,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      sourceJobId,
      fields,
      bytes: charge,
    });
    if (existing) this.memory?.credit(settings.memory, existing.bytes);
    this.memory?.charge(settings.memory, charge);
  }

  remove(collection: string, scope: string, id: string): void {
    this.version += 1;
    const records = this.peek(collection, scope);
    const existing = records?.byId.get(id);
    if (!records || !existing) return;
    records.byId.delete(id);
    if (existing.key !== null && records.byKey.get(existing.key) === id) records.byKey.delete(existing.key);
    this.memory?.credit((this.settings.get(collection) ?? defaultSettings).memory, existing.bytes);
  }

  restore(collection: string, scope: string, record: StoredRecord & { bytes?: number }): void {
    this.version += 1;
    const { bytes, ...plain } = record;
    this.write(
      collection,
      scope,
      { id: plain.id, fields: plain.fields, ...(plain.key !== null && { key: plain.key }) },
      plain.updatedAt,
      plain.sourceJobId,
      bytes,
    );
    const stored = this.peek(collection, scope)!.byId.get(plain.id)!;
    stored.createdAt = plain.createdAt;
  }

  scopes(): Array<{ collection: string; scope: string }> {
    return [...this.scopesByKey.values()]
      .filter((s) => s.byId.size > 0)
      .map(({ collection, scope }) => ({ collection, scope }));
  }

  clear(): void {
    this.version += 1;
    for (const { collection, byId } of this.scopesByKey.values()) {
      const kind = (this.settings.get(collection) ?? defaultSettings).memory;
      for (const record of byId.values()) this.memory?.credit(kind, record.bytes);
    }
    this.scopesByKey.clear();
  }
}

function estimate(settings: CollectionSettings, fields: Readonly<Record<string, unknown>>): number {
  return settings.estimate === 'fields'
    ? estimateFieldsBytes(fields)
    : JSON.stringify(fields).length + entryOverheadBytes.record;
}
