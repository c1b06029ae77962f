import { entryOverheadBytes } from '../../core/memoryBudget.js';
import { valueAtKeys } from '../../spec/jsonPointer.js';
import { documents } from '../../spec/specRegistry.js';
import type { JobEffects, RecordWrite } from '../../state/effects.js';
import type { CollectionSettings, StoredRecord } from '../../state/recordCollections.js';

/**
 * One family of StackOne unified LMS records (courses, content): everything the generic batch,
 * single-upsert and list handlers (upsertHandlers.ts) need to know about it. A family is data.
 */
export interface UnifiedRecordFamily {
  /** The instance state's collection; one scope per linked account (`x-account-id`). */
  collection: string;
  settings: CollectionSettings;
  /** The item's schema in stackone-lms.yaml: its top-level properties are what is stored. */
  itemSchema: string;
  /** How messages name one record and several: `course`/`courses`, `content item`/`content items`. */
  noun: string;
  plural: string;
  /** The job type of a batch, in StackOne's operation naming (`lms_batch_upsert_course`). */
  jobType: string;
  /** The `message` of a single upsert's answer. */
  upsertedMessage: string;
}

/** A family with the properties of its item schema read once from the spec. */
export interface UnifiedRecordKind extends UnifiedRecordFamily {
  readonly storedProperties: ReadonlySet<string>;
}

/** Reads the family's item schema from the spec; throws at start-up if the spec lost it. */
export function defineRecordFamily(family: UnifiedRecordFamily): UnifiedRecordKind {
  const properties = valueAtKeys(documents.stackone, ['components', 'schemas', family.itemSchema, 'properties']);
  if (typeof properties !== 'object' || properties === null)
    throw new Error(`stackone-lms.yaml has no properties for ${family.itemSchema}`);
  return { ...family, storedProperties: new Set(Object.keys(properties)) };
}

/**
 * The fields of an item that are stored: the schema's own properties. The spec's rule is that
 * servers ignore fields they do not know, so unknown top-level fields are dropped, not refused.
 */
export function storedFields(
  kind: UnifiedRecordKind,
  item: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name in item) if (kind.storedProperties.has(name) && Object.hasOwn(item, name)) fields[name] = item[name];
  return fields;
}

/**
 * A record's estimated size for --max-memory (docs/limits.md): the JSON text of the fields sent that
 * the schema knows, plus the overhead (which covers the `id` and `remote_id` the mock adds).
 */
export function estimateRecord(fields: Readonly<Record<string, unknown>>): number {
  return JSON.stringify(fields).length + entryOverheadBytes.record;
}

/** A record as a list returns it: its fields, and the store's timestamps where the client sent none. */
export function listedRecord(record: StoredRecord): Record<string, unknown> {
  const { fields } = record;
  return {
    ...fields,
    created_at: fields.created_at ?? record.createdAt,
    updated_at: fields.updated_at ?? record.updatedAt,
  };
}

/** The id the record with this reference has in the account, if one is stored. */
export function storedId(record: StoredRecord | undefined): string | undefined {
  const id = record?.fields.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The write of one item under its id: keyed by `external_reference`, with `id` and `remote_id` set.
 * `fields` are the item's stored fields when the caller has them already (they become the record's).
 */
export function recordWrite(
  kind: UnifiedRecordKind,
  item: Readonly<Record<string, unknown>>,
  id: string,
  fields: Record<string, unknown> = storedFields(kind, item),
): RecordWrite {
  const { external_reference: sent } = item;
  // Validated as a string by the item schema; anything else is written as its JSON text.
  const reference = typeof sent === 'string' ? sent : JSON.stringify(sent);
  // Set on the stored fields, not spread over them: the same keys in the same order, without a copy.
  fields.external_reference = reference;
  fields.id = id;
  fields.remote_id = id;
  return { id, key: reference, fields };
}

/** An accepted item of a batch: its stored fields, their estimated size (what its job was admitted for) and its id. */
export interface PlannedUpsert {
  item: Record<string, unknown>;
  fields: Record<string, unknown>;
  bytes: number;
  id: string;
}

/** What a batch writes when its job completes: each accepted item upserted by `external_reference` in the account. */
export function batchUpserts(
  kind: UnifiedRecordKind,
  account: string,
  planned: ReadonlyArray<PlannedUpsert>,
): JobEffects {
  return {
    complete: [
      {
        kind: 'upsert',
        collection: kind.collection,
        scope: account,
        match: 'key',
        records: planned.map(({ item, id, fields, bytes }) => {
          const write = recordWrite(kind, item, id, fields);
          write.bytes = bytes;
          return write;
        }),
      },
    ],
  };
}
