/**
 * A job's end effects, as data: what the job writes when it ends, and where. Nothing here is a
 * function, so a stored job can be saved to a file, shared through a store such as Redis, shown by
 * the control API, or compared in a test; `JSON.parse(JSON.stringify(effects))` applies the same.
 *
 * The store applies them exactly once, in the order jobs end, one record write per step
 * (mocks/jobs/jobStore.ts runs the steps in slices).
 */

/** One record a job writes: its id (when it is new), its key in the collection, and its fields (JSON-safe). */
export interface RecordWrite {
  id: string;
  /** The collection's unique key of the record (an `externalId`, a title), when it has one. */
  key?: string;
  fields: Record<string, unknown>;
  /**
   * The record's charge against --max-memory, when its writer estimated it already: a batch's job is
   * admitted for its records' size, and the records are charged the same when the job writes them.
   */
  bytes?: number;
}

/**
 * Writes records into a collection, within a scope (a linked account, or '' for the instance).
 * `match` says which stored record a write replaces:
 * - `key`: the record holding the same key, which keeps its id (an import's upsert by `externalId`);
 *   without one, a new record with the write's id.
 * - `id`: the record with the write's id (a template updated by id or matched at request time).
 * A replaced record keeps its `createdAt`; every written record gets the job's end as `updatedAt`
 * and the job's id as `sourceJobId`.
 */
export interface UpsertEffect {
  kind: 'upsert';
  collection: string;
  scope: string;
  match: 'key' | 'id';
  records: RecordWrite[];
}

/** Removes records by id (a failed job's clean-up, say). */
export interface DeleteEffect {
  kind: 'delete';
  collection: string;
  scope: string;
  ids: string[];
}

export type Effect = UpsertEffect | DeleteEffect;

/** What a job does when it ends: `complete` when it completes, `failed` when it fails. */
export interface JobEffects {
  complete?: Effect[];
  failed?: Effect[];
}

/** A record by address, for what a job holds until it is dropped (a Learning Builder batch). */
export interface RecordRef {
  collection: string;
  scope: string;
  id: string;
}

/** How many steps an effect takes: one per record it writes or removes. */
function effectSteps(effect: Effect): number {
  return effect.kind === 'upsert' ? effect.records.length : effect.ids.length;
}

/** The stores an effect writes to: one call per step. */
export interface EffectTarget {
  /** Writes one record of an upsert effect, stamped with the job's end and id. */
  upsert(effect: UpsertEffect, write: RecordWrite, at: string, sourceJobId: string): void;
  remove(collection: string, scope: string, id: string): void;
}

/**
 * Where a job's effects stand: the next effect and, within it, the next record. Plain numbers, so a
 * half-applied job is as serialisable as the rest.
 */
export interface EffectCursor {
  effect: number;
  item: number;
}

/**
 * Applies up to `budget` steps of `effects` from `cursor` on (moving it), and returns the steps
 * used. The effects are done when `cursor.effect === effects.length`.
 */
export function applySteps(
  effects: readonly Effect[],
  cursor: EffectCursor,
  budget: number,
  target: EffectTarget,
  at: string,
  jobId: string,
): number {
  let used = 0;
  while (used < budget && cursor.effect < effects.length) {
    const effect = effects[cursor.effect]!;
    const size = effectSteps(effect);
    while (used < budget && cursor.item < size) {
      if (effect.kind === 'upsert') target.upsert(effect, effect.records[cursor.item]!, at, jobId);
      else target.remove(effect.collection, effect.scope, effect.ids[cursor.item]!);
      cursor.item += 1;
      used += 1;
    }
    if (cursor.item >= size) {
      cursor.effect += 1;
      cursor.item = 0;
    }
  }
  return used;
}
