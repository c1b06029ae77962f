import { beforeAll, describe, expect, it } from 'vitest';
import {
  importScenarios,
  movedBackwards,
  terminalStatuses,
  type AcceptedImport,
} from '../../bench/soak/soakScenarios.js';
import { launchBalancer } from '../../bench/support/balancerProcess.js';
import { stopAfterUse } from '../support/childProcess.js';
import { startRedis, type RedisServer } from '../support/redisServer.js';
import { startServe } from '../support/serverProcess.js';
import { useTempDir } from '../support/tempDir.js';
import { client, jobsOn, stackOneCourses } from './support.js';

/** Starts Debian's HAProxy with deploy/haproxy.cfg in front of the replicas; fails (not skips) when it is missing. */
async function startBalancer(replicas: string[]): Promise<string> {
  const balancer = await launchBalancer(replicas);
  stopAfterUse(balancer.child);
  return balancer.url;
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
