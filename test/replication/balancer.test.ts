import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  importScenarios,
  movedBackwards,
  terminalStatuses,
  type AcceptedImport,
} from '../../bench/soak/soakScenarios.js';
import { stopAfterUse } from '../support/childProcess.js';
import { freePort, startRedis, type RedisServer } from '../support/redisServer.js';
import { startServe } from '../support/serverProcess.js';
import { useTempDir } from '../support/tempDir.js';
import { client, jobsOn, stackOneCourses } from './support.js';

const haproxyConfig = fileURLToPath(new URL('../../deploy/haproxy.cfg', import.meta.url));

/** Starts Debian's HAProxy with deploy/haproxy.cfg in front of three replicas; fails (not skips) when it is missing. */
async function startBalancer(replicas: string[]): Promise<string> {
  if (spawnSync('haproxy', ['-v']).error)
    throw new Error(
      "haproxy is not installed; the balancer test needs Debian's haproxy: apt-get install -y haproxy (.ci/run installs it)",
    );
  const port = await freePort();
  const env = {
    ...process.env,
    BULKMOCK_LISTEN: `127.0.0.1:${port}`,
    ...Object.fromEntries(replicas.map((url, i) => [`BULKMOCK_REPLICA_${i + 1}`, new URL(url).host])),
  };
  const child = stopAfterUse(
    spawn('haproxy', ['-db', '-f', haproxyConfig], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let output = '';
  child.stderr.on('data', (text: Buffer) => (output += text.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Ready once it answers through to a replica.
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`haproxy ended: ${output}`);
    const health = await fetch(`${url}/__bulkmock/health`).catch(() => null);
    if (health?.status === 200) return url;
    if (attempt > 200) throw new Error(`haproxy did not answer: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('three replicas on one Redis behind HAProxy', () => {
  const dir = useTempDir('redis-balancer');
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis(dir.path);
  });

  it('runs imports of every vendor through the balancer, one replica killed mid-run: no job lost, none moving backwards, every record on every replica', async () => {
    const timing = ['--timing', 'realistic', '--base-delay', '300', '--per-row', '5'];
    const replicas = await Promise.all(
      [1, 2, 3].map(() =>
        startServe([
          '--store',
          redis.url,
          '--store-prefix',
          'balanced',
          '--insecure-control',
          '--log',
          'none',
          ...timing,
        ]),
      ),
    );
    const balancer = await startBalancer(replicas.map((replica) => replica.url));

    const accepted: AcceptedImport[] = [];
    const backwards: string[] = [];
    const clients = Array.from({ length: 6 }, (_, i) => client(balancer, 100 + i));
    let killed = false;
    await Promise.all(
      clients.map(async (each) => {
        for (let round = 0; round < 3; round += 1) {
          for (const scenario of importScenarios) {
            // An upload or import the balancer could not deliver is not acknowledged; the client moves on.
            const prepared = await scenario.prepare?.(each).then(
              () => true,
              () => false,
            );
            if (prepared === false) continue;
            const job = await scenario.start(each, false);
            if (!job) continue;
            accepted.push(job);
            if (accepted.length === 20 && !killed) {
              killed = true;
              replicas[1]!.process.child.kill('SIGKILL');
            }
            // Poll to the end: each poll may land on another replica; a status never goes back.
            let last: string | null = null;
            while (!terminalStatuses.has(last ?? '')) {
              const status = await job.readStatus();
              if (status === null) continue;
              if (last !== null && movedBackwards(last, status))
                backwards.push(`${job.scenario} ${job.id}: ${last} -> ${status}`);
              last = status;
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
          }
        }
      }),
    );
    expect(killed).toBe(true);
    expect(backwards).toEqual([]);
    const ids = accepted.map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const survivor of [replicas[0]!, replicas[2]!]) {
      const listed = await jobsOn(survivor);
      const byId = new Map(listed.map((job) => [job.id, job.status]));
      for (const id of ids) expect(byId.get(id), `job ${id} on ${survivor.url}`).toBe('complete');
    }
    expect(await jobsOn(replicas[2]!)).toEqual(await jobsOn(replicas[0]!));
    const courses = await stackOneCourses(replicas[0]!);
    expect((courses as { data: unknown[] }).data.length).toBeGreaterThan(0);
    expect(await stackOneCourses(replicas[2]!)).toEqual(courses);
    for (const survivor of [replicas[0]!, replicas[2]!])
      expect(survivor.process.stderr()).not.toMatch(/DIVERGED|rebuilding/);
  }, 300_000);
});
