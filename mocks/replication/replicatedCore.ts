import { bodyFromBytes, type RequestBody } from '../core/mockRequest.js';
import type { MockCore } from '../core/mockCore.js';
import type { MockResponse } from '../core/mockResponse.js';
import { StoreUnavailableError, type RedisLog } from './redisLog.js';
import { bodyFromChunks } from './requestEntry.js';
import type { ReplicaClock } from './replicaClock.js';
import { ReplicaState, type LoggedBody } from './replicaState.js';

export interface ReplicaOptions {
  /** This replica's own core, made with `clock` in realistic timing (the core keeps its manual clock otherwise). */
  core: MockCore;
  log: RedisLog;
  clock: ReplicaClock;
  /** Where the store is, for health and messages. */
  storeName: string;
  /** Snapshot and trim the log once it holds this many entries. */
  compactEvery?: number;
  /** Bodies larger than this are spooled to Redis in chunks rather than carried in the log entry. */
  inlineBodyLimit?: number;
  report: (line: string) => void;
}

/** A MockCore whose state is shared with every other replica on the same log (see docs/architecture.md). */
export interface ReplicatedCore extends MockCore {
  close(): Promise<void>;
}

const reads = new Set(['GET', 'HEAD']);

/**
 * Joins the log (loading its snapshot, or storing this replica's preloaded state as the first one)
 * and returns a core that answers through it: writes under the lock, appended before they are
 * answered; reads after catching up with the log.
 */
export async function startReplica(options: ReplicaOptions): Promise<ReplicatedCore> {
  const { core, log } = options;
  const inlineLimit = options.inlineBodyLimit ?? defaultInlineBodyLimit;
  try {
    await log.connect();
  } catch (error) {
    throw new Error(`--store: cannot reach Redis at ${options.storeName} (${(error as Error).message})`, {
      cause: error,
    });
  }
  await core.ready;
  const replica = new ReplicaState(options);
  await replica.join();

  return {
    get state() {
      return core.state;
    },
    routes: core.routes,
    prefixes: core.prefixes,
    replay: core.replay,
    get ready() {
      return core.ready;
    },
    unavailable: (request, why) => core.unavailable(request, why),
    reset() {
      throw new Error('a replicated mock is reset through POST /__bulkmock/reset, so that every replica resets');
    },
    advanceClock() {
      throw new Error('a replicated mock moves its clock through POST /__bulkmock/clock/advance');
    },
    async handle(request, origin) {
      if (request.method === 'GET' && request.path === '/__bulkmock/health')
        return withStore(await core.handle(request, origin), log.up, withoutCredentials(options.storeName));
      if (reads.has(request.method)) {
        const ticket = replica.ticket();
        return replica.read(request, origin, ticket);
      }
      let body: LoggedBody;
      try {
        body = await readForLog(request.body, log, inlineLimit);
      } catch (error) {
        if (error instanceof StoreUnavailableError) return core.unavailable(request, error.message);
        // Too large or cut short: the core answers why, and nothing changes.
        return replica.exclusive(() => core.handle({ ...request, body: failing(error) }, origin));
      }
      const local = 'inline' in body ? bodyFromBytes(body.inline) : bodyFromChunks(body.spooled.chunks);
      return replica.write({ ...request, body: local }, body, origin);
    },
    close: () => log.close(),
  };
}

/**
 * Bodies up to this size travel inside their log entry; larger ones are spooled (RedisLog.spoolBody),
 * so that neither the log nor a catch-up's XREAD carries a value of a large upload's size.
 */
const defaultInlineBodyLimit = 256 * 1024;

/**
 * Reads a write's body for the log: whole when it ends within `inlineLimit` bytes, otherwise
 * spooled to the store as it arrives.
 */
async function readForLog(body: RequestBody, log: RedisLog, inlineLimit: number): Promise<LoggedBody> {
  const iterator = body.chunks()[Symbol.asyncIterator]();
  const first: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { inline: Buffer.concat(first, size) };
    first.push(next.value);
    size += next.value.byteLength;
    if (size > inlineLimit) return { spooled: await log.spoolBody(first, iterator) };
  }
}

/** The health answer with the store's state in it. */
function withStore(response: MockResponse, up: boolean, name: string): MockResponse {
  if (response.status !== 200 || response.body.kind !== 'json') return response;
  const value = response.body.value as Record<string, unknown>;
  return {
    ...response,
    body: { kind: 'json', value: { ...value, store: { kind: 'redis', at: name, status: up ? 'up' : 'down' } } },
  };
}

/** The store's address without a user or password, for health. */
function withoutCredentials(address: string): string {
  const url = new URL(address);
  url.username = '';
  url.password = '';
  return url.toString();
}

/** A body whose every reader fails as the client's body did. */
function failing(error: unknown): RequestBody {
  const fail = () => Promise.reject(error instanceof Error ? error : new Error(String(error)));
  return {
    text: fail,
    bytes: fail,
    chunks: () => ({ [Symbol.asyncIterator]: () => ({ next: fail }) }),
  };
}
