import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMockServer, type RunningServer } from '../../../mocks/adapters/http/httpServer.js';
import type { CreateMockOptions } from '../../../mocks/builtInVendors.js';
import { startReplicatedMock } from '../../../mocks/replication/replicatedMock.js';
import { startRedis, type RedisServer } from '../../support/redisServer.js';

/** A mock served over real HTTP on an ephemeral port, on one store, that can be restarted. */
export interface MockOnStore {
  /** Its base URL (it may change on a restart). */
  readonly url: string;
  /** Stops the process's hold on the state and starts again on the same store, with the same options. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One way to keep a mock's state. The conformance suite runs every test once per store, with the
 * store's own set-up (a server it needs) before them and its tear-down after.
 */
export interface StoreUnderTest {
  name: string;
  setUp?(): Promise<void>;
  tearDown?(): Promise<void>;
  start(options: CreateMockOptions): Promise<MockOnStore>;
}

/** The default: maps in this process. A restart keeps the same instance, which is what memory can promise. */
const memoryStore: StoreUnderTest = {
  name: 'in-memory',
  async start(options) {
    const running = await startMockServer({ port: 0, mock: options });
    return { url: running.url, restart: () => Promise.resolve(), close: () => running.close() };
  },
};

/** `--state-file`: a restart closes the server (which saves the file) and starts a new one that loads it. */
const snapshotFileStore: StoreUnderTest = {
  name: 'snapshot file',
  async start(options) {
    const folder = await mkdtemp(path.join(tmpdir(), 'bulkmock-conformance-'));
    const stateFile = { path: path.join(folder, 'state.json'), saveIntervalMs: 0 };
    let running: RunningServer = await startMockServer({ port: 0, mock: options, stateFile });
    return {
      get url() {
        return running.url;
      },
      async restart() {
        await running.close();
        running = await startMockServer({ port: 0, mock: options, stateFile });
        if (!running.loadedState) throw new Error('the restarted server found no state file');
      },
      async close() {
        await running.close();
        await rm(folder, { recursive: true, force: true });
      },
    };
  },
};

/**
 * `--store redis://`: one redis-server of the suite's own, a key prefix per mock. A restart closes
 * the replica and starts a new one on the same prefix, which loads the snapshot and replays the log.
 */
function redisStore(): StoreUnderTest {
  let folder = '';
  let redis: RedisServer | null = null;
  let mocks = 0;
  return {
    name: 'Redis',
    async setUp() {
      folder = await mkdtemp(path.join(tmpdir(), 'bulkmock-conformance-redis-'));
      redis = await startRedis(folder);
    },
    async tearDown() {
      await redis?.stop();
      await rm(folder, { recursive: true, force: true });
    },
    async start(options) {
      if (!redis) throw new Error('the Redis store was not set up');
      const store = { url: redis.url, prefix: `conformance-${++mocks}`, report: () => undefined };
      const open = async () => {
        const core = await startReplicatedMock(options, store);
        return { core, running: await startMockServer({ port: 0, core }) };
      };
      let replica = await open();
      const stop = async () => {
        await replica.running.close();
        await replica.core.close();
      };
      return {
        get url() {
          return replica.running.url;
        },
        async restart() {
          await stop();
          replica = await open();
        },
        close: stop,
      };
    },
  };
}

export const stores: readonly StoreUnderTest[] = [memoryStore, snapshotFileStore, redisStore()];
