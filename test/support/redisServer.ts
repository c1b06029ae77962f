import type { ChildProcess } from 'node:child_process';
import { freePort, launchRedis, requireRedisServer } from '../../bench/support/redisProcess.js';
import { stopAfterUse, stopChild } from './childProcess.js';

export { freePort };

/** A redis-server of the test's own: its own port and folder, stopped after use. */
export interface RedisServer {
  port: number;
  url: string;
  /** Stops it (SIGTERM: it writes its append-only file and exits). */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder, with what it had stored. */
  restart(): Promise<void>;
}

/**
 * Starts redis-server on a free port with its files in `dir`. Every write is appended and synced
 * (appendfsync always), so a restart keeps everything a client was told was stored.
 */
export async function startRedis(dir: string): Promise<RedisServer> {
  requireRedisServer();
  const port = await freePort();
  let child = await launch(port, dir);
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    stop: () => stopChild(child),
    async restart() {
      await stopChild(child);
      child = await launch(port, dir);
    },
  };
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  return launchRedis(port, dir).then(stopAfterUse);
}
