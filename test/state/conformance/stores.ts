import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMockServer, type RunningServer } from '../../../mocks/adapters/http/httpServer.js';
import type { CreateMockOptions } from '../../../mocks/builtInVendors.js';

/** A mock served over real HTTP on an ephemeral port, on one store, that can be restarted. */
export interface MockOnStore {
  /** Its base URL (it may change on a restart). */
  readonly url: string;
  /** Stops the process's hold on the state and starts again on the same store, with the same options. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One way to keep a mock's state. The conformance suite runs every test once per store; a Redis
 * store joins the list as a third entry whose restart starts a new server on the same Redis.
 */
export interface StoreUnderTest {
  name: string;
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

export const stores: readonly StoreUnderTest[] = [memoryStore, snapshotFileStore];
