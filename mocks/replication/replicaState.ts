import { isManualClock } from '../core/clock.js';
import type { MockRequest } from '../core/mockRequest.js';
import type { MockCore } from '../core/mockCore.js';
import type { MockResponse } from '../core/mockResponse.js';
import { isPositioned } from '../state/positionedIds.js';
import { exportState, importState } from '../state/stateDocument.js';
import { StoreUnavailableError, type LoggedEntry, type RedisLog, type SpooledBody } from './redisLog.js';
import type { ReplicaClock } from './replicaClock.js';
import { entryRequest, type RequestEntry } from './requestEntry.js';

/** A write's body as the log takes it: in the entry, or spooled to the store beforehand. */
export type LoggedBody = { inline: Uint8Array } | { spooled: SpooledBody };

/** A logged settlement: no request, only `jobs.flush(now)` (its time and place come with it). */
const settleEntry = { method: 'SETTLE', path: '', query: '', headers: {}, origin: '', body: new Uint8Array(0) };

/** Entries read per XREAD while catching up. */
const readBatch = 256;
const defaultCompactEvery = 1_000;

/** This replica's place in the log and what it may no longer trust. */
export class ReplicaState {
  private readonly core: MockCore;
  private readonly log: RedisLog;
  private readonly clock: ReplicaClock;
  private readonly report: (line: string) => void;
  private readonly compactEvery: number;
  /** The last log entry applied here. */
  private applied = '0-0';
  /** Set when the local state may be ahead of or apart from the log: rebuilt before the next request. */
  private stale = false;
  /** Catch-ups started so far, and the number of the last one that finished: reads share them. */
  private catchUpsStarted = 0;
  private lastCaughtUp = 0;
  /** One request at a time touches the core: a write's lock and catch-up must not interleave with a read. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The requests of this replica that take the shared lock, one after the other. */
  private lockQueue: Promise<unknown> = Promise.resolve();

  constructor(options: {
    core: MockCore;
    log: RedisLog;
    clock: ReplicaClock;
    compactEvery?: number;
    report: (line: string) => void;
  }) {
    this.core = options.core;
    this.log = options.log;
    this.clock = options.clock;
    this.report = options.report;
    this.compactEvery = options.compactEvery ?? defaultCompactEvery;
  }

  /** Runs `task` after every earlier one has finished. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The first replica stores its (preloaded) state as the snapshot; a later one loads it and the log after it. */
  async join(): Promise<void> {
    // A replica started right after one died holding the lock waits for it to expire.
    const token = await this.log.lock({ untilExpiry: true });
    if (token === null) throw new StoreUnavailableError('another replica held the write lock through start-up');
    try {
      const snapshot = await this.log.snapshot();
      if (snapshot === null) {
        if ((await this.log.length()) > 0)
          throw new Error('the store holds a log but no snapshot: not a bulkmock log; use another --store-prefix');
        await this.storeSnapshot('0-0');
        this.report('store: first replica on this prefix; its preloaded state is the snapshot others start from');
      } else {
        const entries = await this.rebuild();
        this.report(`store: joined; loaded the snapshot and ${entries} log entries after it`);
      }
    } finally {
      await this.log.unlock(token).catch(() => undefined);
    }
  }

  /** Taken when a read arrives: a catch-up started after it has seen every write acknowledged before it. */
  ticket(): number {
    return this.catchUpsStarted;
  }

  /**
   * Brings the local state up to the log's head (rebuilding first when it cannot be trusted). With a
   * read's ticket, a catch-up that started after the read arrived is enough: reads queued behind
   * one another share one XREAD, and still see every write acknowledged before they arrived.
   */
  async current(ticket?: number): Promise<void> {
    if (!this.stale && ticket !== undefined && this.lastCaughtUp > ticket) return;
    if (this.stale) {
      await this.rebuild();
      return;
    }
    try {
      await this.catchUp();
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      this.report(`store: ${(error as Error).message}; rebuilding this replica from the snapshot and the log`);
      await this.rebuild();
    }
  }

  /**
   * Takes the shared write lock, then runs `task` alone in this replica while holding it. The wait
   * for the lock happens outside this replica's queue, so that its reads go on meanwhile. `task`
   * clears `held.token` when its append released the lock.
   */
  private underLock<T>(task: (held: { token: string | null }) => Promise<T>): Promise<T> {
    // One request of this replica at a time waits for the shared lock; the others wait here,
    // without polling Redis.
    const run = this.lockQueue.then(
      () => this.lockedTask(task),
      () => this.lockedTask(task),
    );
    this.lockQueue = run.catch(() => undefined);
    return run;
  }

  private async lockedTask<T>(task: (held: { token: string | null }) => Promise<T>): Promise<T> {
    const token = await this.log.lock();
    if (token === null) throw new StoreUnavailableError('another replica held the shared write lock for too long');
    const held: { token: string | null } = { token };
    try {
      return await this.exclusive(() => task(held));
    } finally {
      if (held.token !== null) await this.log.unlock(held.token).catch(() => undefined);
    }
  }

  /**
   * Handles a write under the lock and appends it to the log before it is answered. A spooled body
   * that no entry takes (the write changed nothing, or failed) is dropped from the store.
   */
  async write(request: MockRequest, body: LoggedBody, origin: string | undefined): Promise<MockResponse> {
    let logged = false;
    try {
      return await this.underLock((held) => this.writeLogged(request, body, origin, held, () => (logged = true)));
    } catch (error) {
      return this.core.unavailable(request, (error as Error).message);
    } finally {
      if (!logged && 'spooled' in body) await this.log.dropBody(body.spooled.key);
    }
  }

  private async writeLogged(
    request: MockRequest,
    body: LoggedBody,
    origin: string | undefined,
    held: { token: string | null },
    onLogged: () => void,
  ): Promise<MockResponse> {
    // Caught up under the lock only: one XREAD per write, not one before and one after taking it.
    await this.current();
    const { state } = this.core;
    const now = state.clock.now();
    this.clock.pin(now);
    try {
      state.jobs.flush(now);
      const before = this.fingerprint();
      const response = await this.core.handle(request, origin);
      await this.core.ready;
      if (this.fingerprint() === before) return response;
      const entry: RequestEntry = {
        method: request.method,
        path: request.path,
        query: request.query.toString(),
        headers: { ...request.headers },
        origin: origin ?? '',
        ...('inline' in body ? { body: body.inline } : { body: new Uint8Array(0), bodyKey: body.spooled.key }),
        now,
        idsAfter: this.position(),
        after: this.applied,
      };
      // Past the threshold, and after a reset (whose log before it no replica needs again), the
      // lock is kept for the snapshot; otherwise the append releases it in the same round trip.
      const reset = request.method === 'POST' && request.path === '/__bulkmock/reset';
      let appended: { id: string; length: number; released: boolean };
      try {
        appended = await this.log.append(held.token!, entry, reset ? 0 : this.compactEvery);
      } catch (error) {
        // The local state holds a write the log does not: never serve it.
        this.stale = true;
        this.report(`store: a write could not be logged (${(error as Error).message}); rebuilding this replica`);
        return this.core.unavailable(request, `the write was not stored: ${(error as Error).message}`);
      }
      onLogged();
      this.applied = appended.id;
      this.clock.raise(now);
      if (appended.released) held.token = null;
      else await this.storeSnapshot(appended.id).catch(() => undefined);
      return response;
    } finally {
      this.clock.unpin();
    }
  }

  /**
   * Answers a read after catching up. In realistic timing a read that would apply a job's end
   * effects (its end has passed on the wall clock) logs that settlement first, so that every replica
   * applies it at the same point of the log, never between a write's time and its arrival here.
   */
  async read(request: MockRequest, origin: string | undefined, ticket: number): Promise<MockResponse> {
    const { state } = this.core;
    try {
      const answered = await this.exclusive(async () => {
        await this.current(ticket);
        if (isManualClock(state.clock)) return this.core.handle(request, origin);
        const now = state.clock.now();
        return state.jobs.dueBy(now) ? null : this.answerAt(now, request, origin);
      });
      if (answered) return answered;
      // A settlement is due: logged under the lock, which is waited for outside the queue.
      return await this.underLock(async (held) => this.answerAt(await this.settleLogged(held), request, origin));
    } catch (error) {
      return this.core.unavailable(request, (error as Error).message);
    }
  }

  /** Answers with the clock held at `now`. */
  private async answerAt(now: number, request: MockRequest, origin: string | undefined): Promise<MockResponse> {
    this.clock.pin(now);
    try {
      return await this.core.handle(request, origin);
    } finally {
      this.clock.unpin();
    }
  }

  /** Under the lock: applies every due end effect at the wall clock's time and logs it; returns that time. */
  private async settleLogged(held: { token: string | null }): Promise<number> {
    await this.current();
    const { state } = this.core;
    const now = state.clock.now();
    // Another replica may have logged it meanwhile.
    if (!state.jobs.dueBy(now)) return now;
    state.jobs.flush(now);
    const entry: RequestEntry = { ...settleEntry, now, idsAfter: this.position(), after: this.applied };
    let appended: { id: string; released: boolean };
    try {
      // Released by the append itself unless a snapshot is due, as for a write.
      appended = await this.log.append(held.token!, entry, this.compactEvery);
    } catch (error) {
      this.stale = true;
      throw error;
    }
    this.applied = appended.id;
    this.clock.raise(now);
    if (appended.released) held.token = null;
    else await this.storeSnapshot(appended.id).catch(() => undefined);
    return now;
  }

  /** Applies every entry after the last one applied. */
  private async catchUp(): Promise<number> {
    const number = ++this.catchUpsStarted;
    let count = 0;
    for (;;) {
      const entries = await this.log.read(this.applied, readBatch);
      for (const logged of entries) await this.apply(logged);
      count += entries.length;
      if (entries.length < readBatch) break;
    }
    this.lastCaughtUp = Math.max(this.lastCaughtUp, number);
    return count;
  }

  /** Runs a logged write through the core, at its time, with injected faults off, and checks it drew the same ids. */
  private async apply({ id, entry }: LoggedEntry): Promise<void> {
    if (entry.after !== this.applied)
      throw new Error(`log entry ${id} follows ${entry.after}, but this replica last applied ${this.applied}`);
    const { state } = this.core;
    if (isManualClock(state.clock) && state.clock.now() !== entry.now)
      throw new Error(
        `log entry ${id} was handled at ${entry.now}, but the shared clock here reads ${state.clock.now()}`,
      );
    const { settings } = state;
    const errorRate = settings.errorRate;
    this.clock.pin(entry.now);
    settings.errorRate = 0;
    try {
      state.jobs.flush(entry.now);
      if (entry.method !== settleEntry.method) {
        const spooled = entry.bodyKey === undefined ? undefined : await this.log.readBody(entry.bodyKey);
        await this.core.handle(entryRequest(entry, spooled), entry.origin || undefined);
        await this.core.ready;
      }
    } finally {
      settings.errorRate = errorRate;
      this.clock.unpin();
    }
    this.applied = id;
    this.clock.raise(entry.now);
    if (this.position() !== entry.idsAfter) {
      this.stale = true;
      throw new Error(
        `DIVERGED: log entry ${id} (${entry.method} ${entry.path}) left the ids at ${this.position()} here, at ${entry.idsAfter} where it was written`,
      );
    }
  }

  /** Replaces the local state with the snapshot, then applies the log after it. Returns the entries applied. */
  private async rebuild(): Promise<number> {
    const snapshot = await this.log.snapshot();
    if (snapshot === null) throw new StoreUnavailableError('the snapshot is missing from the store');
    this.clock.pin(snapshot.now);
    try {
      importState(this.core.state, snapshot.state);
    } finally {
      this.clock.unpin();
    }
    this.clock.raise(snapshot.now);
    this.applied = snapshot.covers;
    this.stale = false;
    try {
      return await this.catchUp();
    } catch (error) {
      this.stale = true;
      throw error;
    }
  }

  /** Stores the local state as the snapshot covering `covers`, and trims the log before it. */
  private async storeSnapshot(covers: string): Promise<void> {
    const { state } = this.core;
    const now = state.clock.now();
    this.clock.pin(now);
    try {
      await this.log.storeSnapshot({ covers, now, state: exportState(state) });
    } finally {
      this.clock.unpin();
    }
  }

  private position(): number {
    const { ids } = this.core.state;
    return isPositioned(ids) ? ids.position : -1;
  }

  /** What a write can change: ids drawn, jobs, records, assets, the manual clock. */
  private fingerprint(): string {
    const { state } = this.core;
    return `${this.position()}:${state.jobs.version}:${state.records.version}:${state.assets.version}:${state.clock.now()}`;
  }
}
