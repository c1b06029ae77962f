import { describe, expect, it } from 'vitest';
import { clearInstanceState, type InstanceState } from '../../mocks/state/instanceState.js';
import { exportState, importState } from '../../mocks/state/stateDocument.js';
import { job, memoryState, onComplete, rows, upsert } from './support.js';

/** What a reader sees: every record of every scope, every job's state, the next id. */
function observe(state: InstanceState) {
  const now = state.clock.now();
  state.jobs.settle(now);
  return {
    records: state.records.scopes().map(({ collection, scope }) => ({
      collection,
      scope,
      items: state.records
        .page(collection, scope, 0, Infinity)
        .items.map(({ id, key, createdAt, updatedAt, sourceJobId, fields }) => ({
          id,
          key,
          createdAt,
          updatedAt,
          sourceJobId,
          fields,
        })),
    })),
    jobs: state.jobs.list(now).map((j) => ({ id: j.id, status: j.state.status, processed: j.state.processed })),
    asset: new TextDecoder().decode(state.assets.get('/imports/a.csv')?.bytes),
  };
}

/** A state with a finished job, a running one whose effects are still to come, an upload and drawn ids. */
function busyState() {
  const made = memoryState();
  const { state, clock } = made;
  const t0 = clock.now();
  state.ids.uuid();
  state.ids.uuid();
  state.assets.put('imports/a.csv', {
    bytes: new TextEncoder().encode('externalId,title\n1,x\n'),
    contentType: 'text/csv',
  });
  state.jobs.add(job('done', t0, 2), onComplete(upsert(rows('D', 2))), t0);
  state.jobs.add(
    job('running', t0, 100),
    onComplete(upsert(rows('D', 1, 'from the running job')), upsert(rows('C', 1), 'key', 'test.courses', 'acct')),
    t0,
  );
  clock.advance(10);
  return made;
}

describe('the whole instance state as one JSON document', () => {
  it('round-trips through JSON: a fresh state that imports it reads the same, now and after the running job ends', () => {
    const original = busyState();
    const document = JSON.parse(JSON.stringify(exportState(original.state))) as unknown;
    const copy = memoryState();
    importState(copy.state, document);
    expect(observe(copy.state)).toEqual(observe(original.state));
    expect(copy.state.ids.uuid()).toBe(original.state.ids.uuid());
    expect(copy.clock.now()).toBe(original.clock.now());
    for (const made of [original, copy]) {
      made.clock.advance(200);
      made.state.jobs.settle(made.clock.now());
    }
    expect(observe(copy.state)).toEqual(observe(original.state));
    expect(copy.state.records.byKey('test.webinars', '', 'D-0')?.fields.title).toBe('from the running job');
    expect(copy.memory.usage().byKind).toEqual(original.memory.usage().byKind);
  });

  it('refuses a foreign document whole, leaving the state as it was', () => {
    const { state } = busyState();
    const before = observe(state);
    expect(() => importState(state, { format: 'something-else', version: 1 })).toThrow(
      /not a bulkmock state document: format/,
    );
    expect(() => importState(state, { format: 'bulkmock-state', version: 99 })).toThrow(/version 99/);
    expect(observe(state)).toEqual(before);
  });

  it('clears to empty (but for preloaded assets) on reset', () => {
    const { state, memory } = busyState();
    clearInstanceState(state);
    expect(state.jobs.size).toBe(0);
    expect(state.records.scopes()).toEqual([]);
    expect(state.assets.get('imports/a.csv')).toBeUndefined();
    expect(memory.usedBytes).toBe(0);
  });
});
