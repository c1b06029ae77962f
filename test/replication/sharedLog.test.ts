import { Redis } from 'ioredis';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { startReplicatedMock } from '../../mocks/replication/replicatedMock.js';
import type { ReplicatedCore } from '../../mocks/replication/replicatedCore.js';
import { startRedis, type RedisServer } from '../support/redisServer.js';
import { useTempDir } from '../support/tempDir.js';

const stackOne = {
  authorization: `Basic ${Buffer.from('key:').toString('base64')}`,
  'x-account-id': 'compaction',
  'content-type': 'application/json',
};

describe('the shared log: snapshots, trimming and divergence', () => {
  const dir = useTempDir('redis-compaction');
  let redis: RedisServer;
  const opened: Array<{ server: RunningServer; core: ReplicatedCore }> = [];
  beforeAll(async () => {
    redis = await startRedis(dir.path);
  });
  afterEach(async () => {
    for (const { server, core } of opened.splice(0)) {
      await server.close();
      await core.close();
    }
  });

  async function replica(lines: string[], prefix = 'compaction') {
    const core = await startReplicatedMock(
      { timing: { mode: 'manual' }, seed: 7 },
      { url: redis.url, prefix, compactEvery: 5, report: (line) => lines.push(line) },
    );
    const server = await startMockServer({ core, port: 0 });
    opened.push({ server, core });
    return server.url;
  }

  async function importCourse(url: string, n: number): Promise<number> {
    const answer = await fetch(`${url}/unified/lms/courses/batch`, {
      method: 'POST',
      headers: stackOne,
      body: JSON.stringify({ items: [{ external_reference: `course-${n}`, title: `Course ${n}` }] }),
    });
    return answer.status;
  }

  const jobs = async (url: string) =>
    ((await (await fetch(`${url}/__bulkmock/jobs`)).json()) as { jobs: unknown[] }).jobs;

  it('past its threshold: a replica that fell behind the trim rebuilds from the snapshot, and one started later loads it, both with every job', async () => {
    const writerLines: string[] = [];
    const laggardLines: string[] = [];
    const writer = await replica(writerLines);
    const laggard = await replica(laggardLines);
    for (let n = 0; n < 12; n += 1) expect(await importCourse(writer, n)).toBe(202);

    const direct = new Redis(redis.url);
    try {
      // Trimmed: the log holds only what came after the last snapshot (and the entry it covers).
      expect(await direct.xlen('compaction:log')).toBeLessThan(6);
      const snapshot = JSON.parse((await direct.get('compaction:snapshot'))!) as { covers: string };
      expect(snapshot.covers).not.toBe('0-0');
    } finally {
      direct.disconnect();
    }

    const everyJob = await jobs(writer);
    expect(everyJob).toHaveLength(12);
    expect(await jobs(laggard)).toEqual(everyJob);
    expect(laggardLines.join('\n')).toMatch(/rebuilding this replica/);
    const lateLines: string[] = [];
    const late = await replica(lateLines);
    expect(await jobs(late)).toEqual(everyJob);
    expect(lateLines.join('\n')).toMatch(/joined; loaded the snapshot/);
    expect([...writerLines, ...laggardLines, ...lateLines].join('\n')).not.toMatch(/DIVERGED/);
  });

  it('never serves a state that disagrees with the log: an entry whose ids differ here is reported DIVERGED and reads get 503', async () => {
    const lines: string[] = [];
    const url = await replica(lines, 'diverged');
    expect(await importCourse(url, 1)).toBe(202);
    const direct = new Redis(redis.url);
    try {
      const [[head]] = (await direct.xrevrange('diverged:log', '+', '-', 'COUNT', 1)) as [[string, string[]]];
      // The same import again, but logged as if it had drawn a thousand ids.
      await direct.xadd(
        'diverged:log',
        '*',
        'm',
        'POST',
        'p',
        '/unified/lms/courses/batch',
        'q',
        '',
        'h',
        JSON.stringify(stackOne),
        'o',
        url,
        'b',
        JSON.stringify({ items: [{ external_reference: 'course-2', title: 'Course 2' }] }),
        'n',
        String(Date.parse('2026-01-05T09:00:00.000Z')),
        'i',
        '1000',
        'a',
        head,
      );
    } finally {
      direct.disconnect();
    }
    const read = await fetch(`${url}/unified/lms/courses`, { headers: stackOne });
    expect(read.status).toBe(503);
    expect(lines.join('\n')).toMatch(/DIVERGED: log entry .* left the ids at \d+ here, at 1000 where it was written/);
  });
});
