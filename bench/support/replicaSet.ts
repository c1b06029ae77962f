import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { launchBalancer } from './balancerProcess.js';
import { startBulkmock } from './benchServers.js';
import type { ChildServer } from './childServer.js';
import { freePort, launchRedis, requireRedisServer } from './redisProcess.js';

/** Replicas of `bulkmock serve` sharing one Redis of their own, behind HAProxy (docs/deploy.md). */
export interface ReplicaSet {
  /** Where clients send everything: the balancer's base URL, or the only replica's without one. */
  url: string;
  replicas: ChildServer[];
  /** The Redis address the replicas share. */
  storeUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts a redis-server on a free port in a temporary folder, `count` replicas on it (built dist/,
 * each with `flags`), and, unless `balancer` is false, HAProxy with deploy/haproxy.cfg in front.
 * stop() ends all of it and removes the folder.
 */
export async function startReplicaSet(
  count: number,
  flags: readonly string[],
  { balancer = true, heapReport = false }: { balancer?: boolean; heapReport?: boolean } = {},
): Promise<ReplicaSet> {
  requireRedisServer();
  const dir = await mkdtemp(path.join(tmpdir(), 'bulkmock-replicas-'));
  const children: ChildProcess[] = [];
  const replicas: ChildServer[] = [];
  // A bench that ends by an error must not leave Redis, the balancer or a replica running.
  const killAll = () => {
    for (const pid of [...replicas.map((r) => r.pid), ...children.map((c) => c.pid)])
      if (pid !== undefined)
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
  };
  process.once('exit', killAll);
  const stop = async () => {
    process.off('exit', killAll);
    await Promise.all(replicas.map((replica) => replica.stop()));
    await Promise.all(children.map((child) => stopProcess(child)));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    children.push(await launchRedis(port, dir));
    const storeUrl = `redis://127.0.0.1:${port}/0`;
    const shared = ['--store', storeUrl, '--store-prefix', 'bench', '--insecure-control', ...flags];
    // One at a time: the first stores its preloaded state as the log's snapshot, the others join it.
    for (let i = 0; i < count; i++) replicas.push(await startBulkmock(shared, { heapReport }));
    if (!balancer) return { url: replicas[0]!.url, replicas, storeUrl, stop };
    const front = await launchBalancer(replicas.map((replica) => replica.url));
    children.push(front.child);
    return { url: front.url, replicas, storeUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A single Redis-backed `bulkmock serve` (no balancer), for comparing one server with the in-memory one. */
export async function startRedisBackedBulkmock(flags: readonly string[] = []): Promise<ChildServer> {
  const set = await startReplicaSet(1, flags, { balancer: false });
  const [replica] = set.replicas;
  return { ...replica!, name: 'bulkmock serve --store redis', stop: () => set.stop() };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
