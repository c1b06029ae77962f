import { isManualClock } from '../core/clock.js';
import type { StoredJob } from '../jobs/jobStore.js';
import { clearInstanceState, type InstanceState } from './instanceState.js';
import { createPositionedIds, isPositioned } from './positionedIds.js';
import type { StoredRecord } from './recordCollections.js';

export const stateFormat = 'bulkmock-state';
export const stateVersion = 1;

/** The whole state of one mock instance as one JSON-safe document (issue 17 saves it to a file). */
export interface StateDocument {
  format: typeof stateFormat;
  version: typeof stateVersion;
  /** The id source's seed and how many ids it has drawn. */
  ids: { seed: number; position: number };
  /** The clock's time when it moves by hand; null when it follows the wall clock. */
  clock: { now: number } | null;
  jobs: StoredJob[];
  records: Array<{ collection: string; scope: string; records: Array<StoredRecord & { bytes?: number }> }>;
  /** Uploaded assets (preloaded ones come with the mock's options), bytes in base64. */
  assets: Array<{ path: string; contentType: string; base64: string }>;
}

/** Everything the instance holds, with every due effect applied first. */
export function exportState(state: InstanceState): StateDocument {
  const now = state.clock.now();
  if (!isPositioned(state.ids))
    throw new Error('the id source does not know its position; export the state outside a preload');
  return {
    format: stateFormat,
    version: stateVersion,
    ids: { seed: state.ids.seed, position: state.ids.position },
    clock: isManualClock(state.clock) ? { now } : null,
    jobs: state.jobs.exportJobs(now),
    records: state.records.scopes().map(({ collection, scope }) => ({
      collection,
      scope,
      records: state.records.page(collection, scope, 0, Infinity).items.map((record) => structuredClone(record)),
    })),
    assets: state.assets
      .uploads()
      .map(([path, asset]) => ({ path, contentType: asset.contentType, base64: toBase64(asset.bytes) })),
  };
}

/**
 * Replaces what the instance holds with a document made by `exportState`. The document is checked
 * before anything is touched, so a foreign one is refused whole, never half loaded.
 */
export function importState(state: InstanceState, document: unknown): void {
  const problem = documentProblem(document);
  if (problem) throw new TypeError(`not a bulkmock state document: ${problem}`);
  const doc = document as StateDocument;
  clearInstanceState(state);
  if (doc.clock && isManualClock(state.clock)) state.clock.set(doc.clock.now);
  state.ids = createPositionedIds(doc.ids.seed, doc.ids.position);
  for (const { path, contentType, base64 } of doc.assets)
    state.assets.put(path, { bytes: fromBase64(base64), contentType });
  for (const { collection, scope, records } of doc.records)
    for (const record of records) state.records.restore(collection, scope, record);
  state.jobs.importJobs(doc.jobs, state.clock.now());
}

function documentProblem(document: unknown): string | null {
  if (typeof document !== 'object' || document === null) return 'it is not an object';
  const doc = document as Partial<StateDocument>;
  if (doc.format !== stateFormat) return `format is ${JSON.stringify(doc.format)}, not "${stateFormat}"`;
  if (doc.version !== stateVersion) return `version ${JSON.stringify(doc.version)} is not ${stateVersion}`;
  if (typeof doc.ids?.seed !== 'number' || typeof doc.ids.position !== 'number')
    return 'ids needs a seed and a position';
  if (!Array.isArray(doc.jobs) || !Array.isArray(doc.records) || !Array.isArray(doc.assets))
    return 'jobs, records and assets must be lists';
  return null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
