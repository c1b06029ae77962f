import { createMockCore, type CreateMockOptions } from '../builtInVendors.js';
import { defaultSettings } from '../core/mockSettings.js';
import { RedisLog } from './redisLog.js';
import { createReplicaClock } from './replicaClock.js';
import { startReplica, type ReplicatedCore } from './replicatedCore.js';

export interface SharedStoreOptions {
  /** `redis://host:port/db` */
  url: string;
  /** Namespaces the keys, so that several mocks share one Redis. */
  prefix: string;
  /** Snapshot and trim the log past this many entries. */
  compactEvery?: number;
  /** Bodies larger than this are spooled to Redis in chunks (default 256 KiB). */
  inlineBodyLimit?: number;
  report: (line: string) => void;
}

/**
 * Makes the built-in vendors' core as `createMockCore` does, and joins it to the shared log in
 * Redis: every replica started with the same options and store serves the same state.
 */
export async function startReplicatedMock(mock: CreateMockOptions, store: SharedStoreOptions): Promise<ReplicatedCore> {
  const clock = createReplicaClock();
  // Realistic timing reads the wall clock, held still while a logged write is handled; the manual
  // clock of manual and instant timing stays the core's own, moved only by logged writes.
  const realistic = (mock.timing?.mode ?? defaultSettings.timing.mode) === 'realistic';
  const core = createMockCore({ ...mock, ...(realistic && { clock }) });
  return startReplica({
    core,
    log: new RedisLog(store.url, store.prefix, store.report),
    clock,
    storeName: store.url,
    ...(store.compactEvery !== undefined && { compactEvery: store.compactEvery }),
    ...(store.inlineBodyLimit !== undefined && { inlineBodyLimit: store.inlineBodyLimit }),
    report: store.report,
  });
}
