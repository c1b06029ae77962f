import { describe, expect, it } from 'vitest';
import type { JobEffects } from '../../mocks/state/effects.js';
import { job, memoryState, onComplete, rows, upsert } from './support.js';

const titles = (state: ReturnType<typeof memoryState>['state'], collection = 'test.webinars') =>
  state.records.page(collection, '', 0, Infinity).items.map((r) => r.fields.title);

describe("a job's end effects, applied by the store", () => {
  it('writes nothing before the job ends, and everything once it has', () => {
    const { state, clock } = memoryState();
    const t0 = clock.now();
    state.jobs.add(job('a', t0, 3), onComplete(upsert(rows('A', 3))), t0);
    expect(state.records.count('test.webinars', '')).toBe(0);
    expect(state.jobs.get('a', t0 + 2)!.state.status).toBe('processing');
    clock.advance(3);
    expect(state.jobs.get('a', clock.now())!.state.status).toBe('complete');
    expect(state.records.count('test.webinars', '')).toBe(3);
    const record = state.records.byKey('test.webinars', '', 'A-1')!;
    expect(record).toMatchObject({
      id: 'A-id-1',
      sourceJobId: 'a',
      createdAt: new Date(t0 + 3).toISOString(),
      updatedAt: new Date(t0 + 3).toISOString(),
    });
  });

  it('applies them exactly once, however often the store is read after the end', () => {
    const { state, clock, runScheduled } = memoryState();
    const t0 = clock.now();
    state.jobs.add(job('a', t0, 2), onComplete(upsert(rows('A', 2))), t0);
    clock.advance(10);
    for (let i = 0; i < 5; i++) state.jobs.settle(clock.now());
    state.jobs.flush(clock.now());
    runScheduled();
    // A later write by another job must not be undone by a second application of the first.
    state.records.put(
      'test.webinars',
      '',
      { id: 'A-id-0', key: 'A-0', fields: { externalId: 'A-0', title: 'changed by hand' } },
      'later',
    );
    clock.advance(10);
    state.jobs.list(clock.now());
    runScheduled();
    expect(titles(state)).toEqual(['changed by hand', 'A title']);
  });

  it('applies the jobs that ended in the order they ended, not the order they were made', () => {
    const { state, clock } = memoryState();
    const t0 = clock.now();
    // "slow" is made first but ends last: its title wins.
    state.jobs.add(job('slow', t0, 50), onComplete(upsert(rows('X', 3, 'slow'))), t0);
    state.jobs.add(job('fast', t0, 5), onComplete(upsert(rows('X', 3, 'fast'))), t0);
    clock.advance(100);
    state.jobs.settle(clock.now());
    expect(titles(state)).toEqual(['slow', 'slow', 'slow']);
    // An upsert by key keeps the id of the record that first took the key.
    expect(state.records.byKey('test.webinars', '', 'X-0')).toMatchObject({ id: 'X-id-0', sourceJobId: 'slow' });
  });

  it('among many running jobs, applies at each moment exactly those that ended, by end time and then by creation', () => {
    const { state, clock } = memoryState();
    const t0 = clock.now();
    // 300 jobs with scattered lengths, many sharing an end time; each writes its id to one key.
    const lengths = Array.from({ length: 300 }, (_, i) => 1 + ((i * 37) % 60));
    lengths.forEach((length, i) =>
      state.jobs.add(job(`j${i}`, t0, length), onComplete(upsert(rows('K', 1, `j${i}`))), t0),
    );
    for (let elapsed = 0; elapsed <= 60; elapsed += 7) {
      state.jobs.flush(t0 + elapsed);
      const ended = lengths.map((length, i) => ({ length, i })).filter(({ length }) => length <= elapsed);
      // The last applied is the one that ended last, and of those the last created.
      const last = ended.reduce<{ length: number; i: number } | null>(
        (best, each) => (best === null || each.length >= best.length ? each : best),
        null,
      );
      expect(titles(state)).toEqual(last === null ? [] : [`j${last.i}`]);
    }
  });

  it('applies a first slice at once and the rest in scheduled slices, reading processing until every record is readable', () => {
    const { state, clock, tasks, runScheduled } = memoryState({ stepsPerSlice: 10 });
    const t0 = clock.now();
    state.jobs.add(job('big', t0, 25), onComplete(upsert(rows('B', 25))), t0);
    clock.advance(25);
    const during = state.jobs.get('big', clock.now())!;
    expect(during.state.status).toBe('processing');
    expect(state.records.count('test.webinars', '')).toBe(10);
    expect(during.state.processed).toBe(10);
    expect(tasks).toHaveLength(1);
    // Requests meanwhile leave the work to the scheduled slice.
    state.jobs.get('big', clock.now());
    expect(state.records.count('test.webinars', '')).toBe(10);
    expect(runScheduled()).toBe(2);
    expect(state.records.count('test.webinars', '')).toBe(25);
    expect(state.jobs.get('big', clock.now())!.state.status).toBe('complete');
  });

  it('counts slices in record writes, not time, so the same calls give the same partial results', () => {
    const partial = () => {
      const { state, clock } = memoryState({ stepsPerSlice: 7 });
      const t0 = clock.now();
      state.jobs.add(job('one', t0, 4), onComplete(upsert(rows('P', 4))), t0);
      state.jobs.add(job('two', t0, 6), onComplete(upsert(rows('Q', 6))), t0);
      clock.advance(10);
      state.jobs.settle(clock.now());
      return state.records.page('test.webinars', '', 0, Infinity).items.map((r) => r.key);
    };
    expect(partial()).toEqual(['P-0', 'P-1', 'P-2', 'P-3', 'Q-0', 'Q-1', 'Q-2']);
    expect(partial()).toEqual(partial());
  });

  it('forgets effects still to apply when cleared mid-apply: a slice scheduled before does nothing', () => {
    const { state, clock, tasks, runScheduled } = memoryState({ stepsPerSlice: 10 });
    const t0 = clock.now();
    state.jobs.add(job('big', t0, 30), onComplete(upsert(rows('C', 30))), t0);
    clock.advance(30);
    state.jobs.settle(clock.now());
    expect(state.records.count('test.webinars', '')).toBe(10);
    state.jobs.clear();
    state.records.clear();
    // A new job after the clear gets its own slices; the one scheduled before the clear stays idle.
    state.jobs.add(job('after', clock.now(), 20), onComplete(upsert(rows('N', 20))), clock.now());
    clock.advance(20);
    state.jobs.settle(clock.now());
    expect(state.records.count('test.webinars', '')).toBe(10);
    expect(tasks).toHaveLength(2);
    tasks.shift()!();
    expect(state.records.count('test.webinars', '')).toBe(10);
    runScheduled();
    expect(state.records.page('test.webinars', '', 0, Infinity).items.every((r) => r.key!.startsWith('N-'))).toBe(true);
    expect(state.records.count('test.webinars', '')).toBe(20);
  });

  it("applies a failed job's `failed` effects and never its `complete` ones", () => {
    const { state, clock } = memoryState();
    const t0 = clock.now();
    const effects: JobEffects = {
      complete: [upsert(rows('OK', 2))],
      failed: [upsert(rows('ERR', 1), 'id', 'test.failures')],
    };
    state.jobs.add(job('f', t0, 10, { failure: { message: 'broken', atFraction: 0.5 } }), effects, t0);
    clock.advance(10);
    expect(state.jobs.get('f', clock.now())!.state).toMatchObject({ status: 'failed', errorMessage: 'broken' });
    expect(state.records.count('test.webinars', '')).toBe(0);
    expect(state.records.count('test.failures', '')).toBe(1);
  });

  it('replaces by id with match "id", moving the key to the new title', () => {
    const { state, clock } = memoryState();
    const t0 = clock.now();
    state.jobs.add(
      job('create', t0, 0),
      onComplete(upsert([{ id: 't1', key: 'old', fields: { title: 'Old' } }], 'id')),
      t0,
    );
    state.jobs.add(
      job('rename', t0, 0),
      onComplete(upsert([{ id: 't1', key: 'new', fields: { title: 'New' } }], 'id')),
      t0,
    );
    expect(state.records.count('test.webinars', '')).toBe(1);
    expect(state.records.byKey('test.webinars', '', 'old')).toBeUndefined();
    expect(state.records.byKey('test.webinars', '', 'new')).toMatchObject({ id: 't1', fields: { title: 'New' } });
  });

  it('applies effects that went through JSON exactly as the originals', () => {
    const run = (roundTrip: boolean) => {
      const { state, clock } = memoryState({ stepsPerSlice: 3 });
      const t0 = clock.now();
      const effects: JobEffects = onComplete(
        upsert(rows('J', 5)),
        upsert(
          [{ id: 'acct-1', key: 'ref', fields: { nested: { list: [1, 'two', null] } } }],
          'key',
          'test.courses',
          'account-9',
        ),
      );
      state.jobs.add(job('j', t0, 5), roundTrip ? (JSON.parse(JSON.stringify(effects)) as JobEffects) : effects, t0);
      clock.advance(5);
      state.jobs.flush(clock.now());
      return state.records.scopes().map(({ collection, scope }) => state.records.page(collection, scope, 0, Infinity));
    };
    expect(run(true)).toEqual(run(false));
    expect(run(false).flatMap((p) => p.items)).toHaveLength(6);
  });

  it('keeps nothing that is not data in a stored job', () => {
    const { state, clock } = memoryState();
    const t0 = clock.now();
    state.jobs.add(job('running', t0, 100), onComplete(upsert(rows('D', 2))), t0);
    state.jobs.add(job('done', t0, 1), onComplete(upsert(rows('E', 2))), t0);
    clock.advance(50);
    const exported = state.jobs.exportJobs(clock.now());
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    expect(exported.map((s) => [s.job.id, s.settled, s.effects === null])).toEqual([
      ['running', false, false],
      ['done', true, true],
    ]);
  });
});

describe('eviction and memory with effects as data', () => {
  it('drops the oldest finished jobs past the limit, never a running one or one with effects to apply', () => {
    const { state, clock, runScheduled } = memoryState({ maxJobs: 2, stepsPerSlice: 2 });
    const t0 = clock.now();
    state.jobs.add(job('running', t0, 1_000), onComplete(upsert(rows('R', 1))), t0);
    state.jobs.add(job('applying', t0, 1), onComplete(upsert(rows('S', 5))), t0);
    clock.advance(1);
    state.jobs.add(job('third', clock.now(), 0), null, clock.now());
    // Over the limit, but nothing is droppable yet: "applying" still has records to write.
    expect(state.jobs.has('running') && state.jobs.has('applying') && state.jobs.has('third')).toBe(true);
    runScheduled();
    state.jobs.add(job('fourth', clock.now(), 0), null, clock.now());
    expect(['running', 'applying', 'third', 'fourth'].filter((id) => state.jobs.has(id))).toEqual([
      'running',
      'fourth',
    ]);
    expect(state.records.count('test.webinars', '')).toBe(5);
  });

  it('drops the oldest created finished job first, even when a younger one finished before it', () => {
    const { state, clock } = memoryState({ maxJobs: 2 });
    const t0 = clock.now();
    state.jobs.add(job('old-and-slow', t0, 10), null, t0);
    state.jobs.add(job('young-and-fast', t0 + 1, 1), null, t0 + 1);
    clock.advance(20);
    state.jobs.add(job('newest', clock.now(), 0), null, clock.now());
    expect(['old-and-slow', 'young-and-fast', 'newest'].filter((id) => state.jobs.has(id))).toEqual([
      'young-and-fast',
      'newest',
    ]);
    // A job added again under the same id keeps its first place.
    state.jobs.add(job('young-and-fast', clock.now(), 0), null, clock.now());
    state.jobs.add(job('latest', clock.now(), 0), null, clock.now());
    expect(['young-and-fast', 'newest', 'latest'].filter((id) => state.jobs.has(id))).toEqual(['newest', 'latest']);
  });

  it('removes the records a dropped job holds, and credits them', () => {
    const { state, clock, memory } = memoryState({ maxJobs: 1 });
    const t0 = clock.now();
    state.records.define('test.batches', { memory: 'batches', estimate: 'json' });
    state.records.put('test.batches', '', { id: 'b1', fields: { lines: 3 }, bytes: 500 }, 'now');
    state.jobs.add({ ...job('b1', t0, 0), holds: [{ collection: 'test.batches', scope: '', id: 'b1' }] }, null, t0);
    expect(memory.usage().byKind.batches).toBe(500);
    state.jobs.add(job('b2', t0, 0), null, t0);
    expect(state.jobs.has('b1')).toBe(false);
    expect(state.records.get('test.batches', '', 'b1')).toBeUndefined();
    expect(memory.usage().byKind.batches).toBe(0);
  });

  it("charges a job's payload until its effects are applied, then charges the records instead", () => {
    const { state, clock, memory } = memoryState();
    const t0 = clock.now();
    state.jobs.add(job('p', t0, 2, { payloadBytes: 4_000 }), onComplete(upsert(rows('M', 2))), t0);
    const whileRunning = memory.usage().byKind;
    expect(whileRunning.jobs).toBe(1_024 + 4_000);
    expect(whileRunning.records).toBe(0);
    clock.advance(2);
    state.jobs.settle(clock.now());
    const after = memory.usage().byKind;
    expect(after.jobs).toBe(1_024);
    expect(after.records).toBeGreaterThan(0);
    state.jobs.clear();
    state.records.clear();
    expect(memory.usedBytes).toBe(0);
  });

  it('makes room under --max-memory by dropping finished jobs, oldest first', () => {
    const { state, clock, memory } = memoryState({ memoryLimit: 3 * 1_024 });
    const t0 = clock.now();
    for (const id of ['j1', 'j2', 'j3']) state.jobs.add(job(id, t0, 0), null, t0);
    expect(memory.fits(1_024)).toBe(false);
    expect(state.jobs.dropFinished(t0, () => memory.fits(2_048))).toBe(2);
    expect(['j1', 'j2', 'j3'].filter((id) => state.jobs.has(id))).toEqual(['j3']);
    expect(memory.usage().evictedJobs).toBe(2);
  });
});
