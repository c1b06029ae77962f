import type { components } from '../../openapi/generated/bulkmock-control.js';
import { isManualClock } from '../core/clock.js';
import { describeSchemaErrors, SpecValidators } from '../spec/schemaValidators.js';
import { clearInstanceState, type InstanceState } from './instanceState.js';
import { createPositionedIds, isPositioned } from './positionedIds.js';

const stateFormat = 'bulkmock-state';
const stateVersion = 1;

/**
 * The whole state of one mock instance as one JSON-safe document: `StateDocument` in
 * openapi/bulkmock-control.yaml, where its format is described and versioned. The job table and the
 * record collections hand their data out in this shape, so tsc checks that they and the spec agree.
 */
export type StateDocument = components['schemas']['StateDocument'];

/** A document that cannot be loaded, with what is wrong and where. */
export class StateDocumentError extends TypeError {
  constructor(readonly problem: string) {
    super(`not a bulkmock state document: ${problem}`);
    this.name = 'StateDocumentError';
  }
}

/** What a loaded document brought in. */
export interface ImportedCounts {
  jobs: number;
  records: number;
  assets: number;
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
      // A shallow copy: a write replaces a stored record whole (recordCollections.ts), it never edits
      // one, and structuredClone per record made an export of 100,000 records take seconds.
      records: state.records.page(collection, scope, 0, Infinity).items.map((record) => ({ ...record })),
    })),
    assets: state.assets
      .uploads()
      .map(([path, asset]) => ({ path, contentType: asset.contentType, base64: toBase64(asset.bytes) })),
  };
}

/**
 * Replaces what the instance holds with a document made by `exportState`. The document is checked
 * whole (its schema, then what a schema cannot say) and its assets decoded before anything is
 * touched, so a foreign or corrupt one is refused with a StateDocumentError, never half loaded.
 */
export function importState(state: InstanceState, document: unknown): ImportedCounts {
  const doc = checkStateDocument(document);
  const assets = doc.assets.map(({ path, contentType, base64 }) => ({
    path,
    contentType,
    bytes: decodeAsset(path, base64),
  }));
  clearInstanceState(state);
  if (doc.clock && isManualClock(state.clock)) state.clock.set(doc.clock.now);
  state.ids = createPositionedIds(doc.ids.seed, doc.ids.position);
  for (const { path, contentType, bytes } of assets) state.assets.put(path, { bytes, contentType });
  let records = 0;
  for (const scope of doc.records) {
    for (const record of scope.records) state.records.restore(scope.collection, scope.scope, record);
    records += scope.records.length;
  }
  state.jobs.importJobs(doc.jobs, state.clock.now());
  return { jobs: doc.jobs.length, records, assets: assets.length };
}

let validators: SpecValidators | undefined;

/** The document as a StateDocument, or a StateDocumentError naming the first problems and where they are. */
function checkStateDocument(document: unknown): StateDocument {
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new StateDocumentError('it is not a JSON object');
  // The format and version first: a foreign document is named as such, not listed field by field.
  const { format, version } = document as { format?: unknown; version?: unknown };
  if (format !== stateFormat)
    throw new StateDocumentError(`format is ${JSON.stringify(format) ?? 'missing'}, not "${stateFormat}"`);
  if (version !== stateVersion)
    throw new StateDocumentError(
      `version ${JSON.stringify(version) ?? '(missing)'} is not ${stateVersion}, the one this bulkmock reads`,
    );
  validators ??= new SpecValidators();
  const validate = validators.schema('control', 'StateDocument');
  if (!validate(document)) {
    const problems = describeSchemaErrors(validate.errors).slice(0, 5);
    throw new StateDocumentError(problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; '));
  }
  const doc = document as StateDocument;
  const problem = duplicateProblem(doc);
  if (problem) throw new StateDocumentError(problem);
  return doc;
}

/** What the schema cannot say: ids that must be unique. */
function duplicateProblem(doc: StateDocument): string | null {
  const jobIds = new Set<string>();
  for (const [i, { job }] of doc.jobs.entries()) {
    if (jobIds.has(job.id)) return `/jobs/${i}/job/id: job ${job.id} is listed twice`;
    jobIds.add(job.id);
  }
  const scopes = new Set<string>();
  for (const [i, { collection, scope, records }] of doc.records.entries()) {
    const name = `${collection}\u0000${scope}`;
    if (scopes.has(name)) return `/records/${i}: collection ${collection}, scope "${scope}" is listed twice`;
    scopes.add(name);
    const ids = new Set<string>();
    for (const [j, record] of records.entries()) {
      if (ids.has(record.id)) return `/records/${i}/records/${j}/id: record ${record.id} is listed twice`;
      ids.add(record.id);
    }
  }
  const paths = new Set<string>();
  for (const [i, asset] of doc.assets.entries()) {
    if (paths.has(asset.path)) return `/assets/${i}/path: asset ${asset.path} is listed twice`;
    paths.add(asset.path);
  }
  return null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function decodeAsset(path: string, base64: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new StateDocumentError(`the bytes of asset ${path} are not base64`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
