import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { StateDocument } from '../state/stateDocument.js';
import { decodeEntry, encodeEntry, type RequestEntry } from './requestEntry.js';

/** A log entry and its stream id. */
export interface LoggedEntry {
  id: string;
  entry: RequestEntry;
}

/** A body stored as a list of chunks: its key, and the chunks as stored. */
export interface SpooledBody {
  key: string;
  chunks: Buffer[];
}

/** The state at one point of the log: what a replica joining later loads before it reads the log. */
export interface StoredSnapshot {
  /** The last log entry the snapshot includes ('0-0': none). */
  covers: string;
  /** The clock's time the snapshot was taken at. */
  now: number;
  state: StateDocument;
}

/** Thrown when Redis cannot be reached or refuses a command: the request gets a 503. */
export class StoreUnavailableError extends Error {
  constructor(what: string, cause?: unknown) {
    super(`the shared store (Redis) is unavailable: ${what}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

// Appends only while this replica holds the lock and the log ends where it thinks (a fence: a
// replica whose lock expired, or that missed an entry, cannot fork the log).
const appendScript = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return redis.error_reply('bulkmock: the write lock was lost') end
local last = redis.call('xrevrange', KEYS[2], '+', '-', 'COUNT', 1)
local head = '0-0'
if #last > 0 then head = last[1][1] end
if head ~= ARGV[2] then return redis.error_reply('bulkmock: the log moved on to ' .. head) end
local id = redis.call('xadd', KEYS[2], '*', unpack(ARGV, 4))
if KEYS[4] then
  -- A spooled body lives as long as its entry: kept past its TTL, dropped when the log is trimmed past it.
  if redis.call('persist', KEYS[4]) == 0 and redis.call('exists', KEYS[4]) == 0 then
    return redis.error_reply('bulkmock: the spooled body ' .. KEYS[4] .. ' is gone')
  end
  redis.call('zadd', KEYS[3], tonumber(string.match(id, '^(%d+)')), KEYS[4])
end
local length = redis.call('xlen', KEYS[2])
-- Released here when the writer has nothing more to do under it (no snapshot due).
local release = tonumber(ARGV[3])
if release >= 0 and length <= release then
  redis.call('del', KEYS[1])
  return {id, length, 1}
end
return {id, length, 0}`;

// Drops the spooled bodies of entries older than the trimmed log's first millisecond.
const dropBodiesScript = `
local old = redis.call('zrangebyscore', KEYS[1], '-inf', '(' .. ARGV[1])
for _, key in ipairs(old) do redis.call('del', key) end
redis.call('zremrangebyscore', KEYS[1], '-inf', '(' .. ARGV[1])
return #old`;

const unlockScript = `
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0`;

/** How long a lock lives if its holder dies; a write holds it for one request's handling. */
const lockTtlMs = 15_000;
/** How long a write waits for the lock before it is answered 503. */
const lockWaitMs = 5_000;
/** A spooled body no entry took (its replica died first) expires after this. */
const spoolTtlMs = 3_600_000;
/** Chunks of a spooled body are gathered up to this size: one RPUSH, one list item each. */
export const spoolChunkBytes = 1 << 20;

/**
 * The Redis side of the replicated state: one stream of writes (`<prefix>:log`), the write lock
 * (`<prefix>:lock`) and the last snapshot (`<prefix>:snapshot`). Commands fail at once while Redis
 * is unreachable (no offline queue), and the client reconnects by itself.
 */
export class RedisLog {
  private readonly redis: Redis;
  private readonly keys: { log: string; lock: string; snapshot: string; bodies: string; prefix: string };
  /** Why the last connection failed, reported once per outage. */
  private lastError: string | null = null;

  constructor(url: string, prefix: string, report: (line: string) => void) {
    this.keys = {
      log: `${prefix}:log`,
      lock: `${prefix}:lock`,
      snapshot: `${prefix}:snapshot`,
      bodies: `${prefix}:bodies`,
      prefix,
    };
    this.redis = new Redis(url, {
      lazyConnect: true,
      // RESP2: XREAD answers as a list of [stream, entries], the shape read() expects, on any Redis version.
      protocol: 2,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 100, 1_000),
    });
    // Reported once per outage: the connection closing, then why reconnecting fails, then its return.
    this.redis.on('close', () => {
      if (this.lastError !== null) return;
      this.lastError = 'the connection closed';
      report(`store: lost the connection to Redis at ${url}; vendor requests get 503 until it returns`);
    });
    this.redis.on('error', (error: Error) => {
      if (this.lastError === error.message) return;
      this.lastError = error.message;
      report(`store: Redis at ${url} is unreachable (${error.message})`);
    });
    this.redis.on('ready', () => {
      if (this.lastError !== null) report(`store: Redis at ${url} is back`);
      this.lastError = null;
    });
  }

  /** Connects, or rejects at the first failure (at start a replica refuses to run without its store). */
  async connect(): Promise<void> {
    let onError: ((error: Error) => void) | undefined;
    const failed = new Promise<never>((_, reject) => {
      onError = (error) => reject(error);
      this.redis.once('error', onError);
    });
    try {
      await Promise.race([this.redis.connect(), failed]);
    } catch (error) {
      this.redis.disconnect();
      throw error;
    } finally {
      this.redis.off('error', onError!);
    }
  }

  /** Whether commands can be sent now. */
  get up(): boolean {
    return this.redis.status === 'ready';
  }

  /**
   * Takes the write lock, waiting up to a few seconds (a request) or, `untilExpiry`, long enough for
   * the lock of a replica that died holding it to expire (a replica starting); null when another
   * replica kept it all that time.
   */
  async lock({ untilExpiry = false } = {}): Promise<string | null> {
    const token = randomUUID();
    const deadline = Date.now() + (untilExpiry ? lockTtlMs : 0) + lockWaitMs;
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      const taken = await this.command('take the write lock', () =>
        this.redis.set(this.keys.lock, token, 'PX', lockTtlMs, 'NX'),
      );
      if (taken === 'OK') return token;
      if (Date.now() + pause > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  async unlock(token: string): Promise<void> {
    await this.command('release the write lock', () => this.redis.eval(unlockScript, 1, this.keys.lock, token));
  }

  /** Up to `count` entries after `after`, oldest first. */
  async read(after: string, count: number): Promise<LoggedEntry[]> {
    const reply = (await this.command('read the log', () =>
      this.redis.callBuffer('XREAD', 'COUNT', count, 'STREAMS', this.keys.log, after),
    )) as Array<[Buffer, Array<[Buffer, Buffer[]]>]> | null;
    const items = reply?.[0]?.[1] ?? [];
    return items.map(([id, pairs]) => ({ id: id.toString('latin1'), entry: decodeEntry(pairs) }));
  }

  /**
   * Appends `entry` after `after` while holding the lock `token`; returns its id and the log's
   * length. With `releaseUpTo`, the lock is released in the same round trip unless the log is then
   * longer than that (a snapshot is due, which needs the lock): `released` says which.
   */
  async append(
    token: string,
    entry: RequestEntry,
    releaseUpTo = -1,
  ): Promise<{ id: string; length: number; released: boolean }> {
    const keys = [this.keys.lock, this.keys.log, this.keys.bodies, ...(entry.bodyKey ? [entry.bodyKey] : [])];
    const [id, length, released] = (await this.command('append to the log', () =>
      this.redis.eval(
        appendScript,
        keys.length,
        ...keys,
        token,
        entry.after,
        String(releaseUpTo),
        ...encodeEntry(entry),
      ),
    )) as [string, number, number];
    return { id, length, released: released === 1 };
  }

  /**
   * Stores a large body in Redis as it arrives, as a list of chunks of about 1 MiB (never one value
   * of the body's size), starting with `first`. Resolves with its key and the chunks as stored (the
   * replica that received the body runs them through its own core). The key expires unless an entry
   * takes it (append); a failure reading the body drops what was stored and rethrows.
   */
  async spoolBody(first: readonly Uint8Array[], rest: AsyncIterator<Uint8Array>): Promise<SpooledBody> {
    const key = `${this.keys.prefix}:body:${randomUUID()}`;
    const chunks: Buffer[] = [];
    let pending: Uint8Array[] = [...first];
    let pendingBytes = pending.reduce((sum, part) => sum + part.byteLength, 0);
    const push = async () => {
      if (pendingBytes === 0) return;
      const chunk = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      chunks.push(chunk);
      await this.command('store a request body', async () => {
        await this.redis.rpush(key, chunk);
        if (chunks.length === 1) await this.redis.pexpire(key, spoolTtlMs);
      });
    };
    try {
      for (;;) {
        if (pendingBytes >= spoolChunkBytes) await push();
        const next = await rest.next();
        if (next.done) break;
        pending.push(next.value);
        pendingBytes += next.value.byteLength;
      }
      await push();
    } catch (error) {
      await this.dropBody(key);
      throw error;
    }
    return { key, chunks };
  }

  /** A spooled body's chunks, read one list item at a time; throws when the body is gone. */
  async readBody(key: string): Promise<Buffer[]> {
    const length = await this.command('read a request body', () => this.redis.llen(key));
    if (length === 0) throw new Error(`the spooled body ${key} is missing from the store`);
    const chunks: Buffer[] = [];
    for (let i = 0; i < length; i++) {
      const [chunk] = await this.command('read a request body', () => this.redis.lrangeBuffer(key, i, i));
      if (chunk === undefined) throw new Error(`the spooled body ${key} lost its chunk ${i}`);
      chunks.push(chunk);
    }
    return chunks;
  }

  /** Drops a spooled body no entry took (a write that changed nothing, or was not logged). */
  async dropBody(key: string): Promise<void> {
    await this.redis.del(key).catch(() => undefined);
  }

  async length(): Promise<number> {
    return this.command('read the log length', () => this.redis.xlen(this.keys.log));
  }

  async snapshot(): Promise<StoredSnapshot | null> {
    const text = await this.command('read the snapshot', () => this.redis.get(this.keys.snapshot));
    if (text === null) return null;
    return JSON.parse(text) as StoredSnapshot;
  }

  /** Stores a snapshot and drops the log entries before the one it covers (the lock holder's job). */
  async storeSnapshot(snapshot: StoredSnapshot): Promise<void> {
    await this.command('store a snapshot', async () => {
      await this.redis.set(this.keys.snapshot, JSON.stringify(snapshot));
      if (snapshot.covers === '0-0') return;
      await this.redis.xtrim(this.keys.log, 'MINID', snapshot.covers);
      await this.redis.eval(dropBodiesScript, 1, this.keys.bodies, snapshot.covers.split('-')[0]!);
    });
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }

  /** Runs one command; a refusal of our own scripts is kept, anything else becomes StoreUnavailableError. */
  private async command<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error && error.message.includes('bulkmock:')) throw error;
      throw new StoreUnavailableError(`could not ${what} (${(error as Error).message})`, error);
    }
  }
}
