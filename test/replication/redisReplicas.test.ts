import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { terminalStatuses } from '../../bench/soak/soakScenarios.js';
import { freePort, startRedis, type RedisServer } from '../support/redisServer.js';
import { useTempDir } from '../support/tempDir.js';
import { spawnServe, startServe, type ServeProcess } from '../support/serverProcess.js';
import { advanceClock, client, importEveryVendor, jobsOn, stackOneCourses, startReplica } from './support.js';

const hour = 3_600_000;
/** Starting replicas (each a tsx process) and running imports takes a while on a busy machine. */
const slow = 180_000;

/** Nothing a replica writes to its standard error may say it diverged from the log or rebuilt itself. */
/** A job's status as the control API reports it on one replica. */
async function readJob(baseUrl: string, id: string): Promise<string | null> {
  const answer = await fetch(`${baseUrl}/__bulkmock/jobs/${id}`);
  return answer.status === 200 ? ((await answer.json()) as { status: string }).status : null;
}

function expectNoDivergence(replicas: ServeProcess[]): void {
  for (const replica of replicas) expect(replica.process.stderr()).not.toMatch(/DIVERGED|rebuilding/);
}

describe('bulkmock serve --store redis://…: replicas share one state', () => {
  const dir = useTempDir('redis-replicas');
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis(dir.path);
  });

  it(
    'an import of every vendor through one replica is polled to its end through the others, with ids unique across replicas and one shared manual clock',
    async () => {
      const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(() => startReplica(redis.url, 'every-vendor')));
      // Three clients write at once, each through its own replica: the ids drawn must not collide.
      const clients = [a!, b!, c!].map((replica, index) => client(replica.url, index + 1));
      const accepted = (await Promise.all(clients.map((each) => importEveryVendor(each)))).flat();
      const ids = accepted.map((job) => job.id);
      expect(new Set(ids).size).toBe(ids.length);

      const before = await Promise.all([a!, b!, c!].map((replica) => jobsOn(replica)));
      expect(before[0]!.map((job) => job.id)).toEqual(expect.arrayContaining(ids));
      expect(before[1]).toEqual(before[0]);
      expect(before[2]).toEqual(before[0]);
      // Certificate templates end in their answer; the imports wait for the clock.
      expect(before[0]!.filter((job) => job.status === 'queued')).toHaveLength(12);

      // The clock moves through A; the jobs are complete when read through B and C.
      expect((await advanceClock(a!, hour)).status).toBe(200);
      for (const [index, poller] of [b!, c!].entries()) {
        const through = clients[index]!;
        through.baseUrl = poller.url;
        for (const job of accepted.filter((each) => !each.scenario.startsWith('learning builder')))
          expect(await job.readStatus()).toBe('complete');
      }
      const lists = await Promise.all([a!, b!, c!].map((replica) => jobsOn(replica)));
      expect(lists[0]!.filter((job) => ids.includes(job.id)).every((job) => terminalStatuses.has(job.status))).toBe(
        true,
      );
      expect(lists[1]).toEqual(lists[0]);
      expect(lists[2]).toEqual(lists[0]);

      const courses = await Promise.all([a!, b!, c!].map((replica) => stackOneCourses(replica)));
      expect((courses[0] as { data: unknown[] }).data).toHaveLength(9);
      expect(courses[1]).toEqual(courses[0]);
      expect(courses[2]).toEqual(courses[0]);
      expectNoDivergence([a!, b!, c!]);
    },
    slow,
  );

  it(
    "applies a job's end effects exactly once, and alike, when many readers on every replica read it at its end",
    async () => {
      const replicas = await Promise.all(['a', 'b', 'c'].map(() => startReplica(redis.url, 'end-readers')));
      const writer = client(replicas[0]!.url, 7);
      await importEveryVendor(writer);
      // The end arrives by a logged write; then every replica is read at once, by many readers.
      expect((await advanceClock(replicas[1]!, hour)).status).toBe(200);
      const reads = await Promise.all(
        replicas.flatMap((replica) => Array.from({ length: 8 }, () => stackOneCourses(replica))),
      );
      for (const read of reads) expect(read).toEqual(reads[0]);
      expect((reads[0] as { data: unknown[] }).data).toHaveLength(3);
      // A write after the settlement draws the same ids on every replica (a replica that settled
      // differently would fail its id check and say DIVERGED).
      await importEveryVendor(client(replicas[2]!.url, 8));
      const lists = await Promise.all(replicas.map((replica) => jobsOn(replica)));
      expect(lists[1]).toEqual(lists[0]);
      expect(lists[2]).toEqual(lists[0]);
      expectNoDivergence(replicas);
    },
    slow,
  );

  it(
    "applies a job's end effects once, and alike, in realistic timing, when readers on every replica poll across its end on the wall clock",
    async () => {
      const timing = ['--timing', 'realistic', '--base-delay', '400', '--per-row', '0'];
      const replicas = await Promise.all(
        ['a', 'b', 'c'].map(() =>
          startServe([
            '--store',
            redis.url,
            '--store-prefix',
            'wall-clock',
            '--insecure-control',
            '--log',
            'none',
            ...timing,
          ]),
        ),
      );
      const accepted = await importEveryVendor(client(replicas[0]!.url, 21));
      // Readers on every replica poll until every job has ended: each replica settles at its own reads.
      await Promise.all(
        replicas.map(async (poller) => {
          for (const job of accepted) {
            let status: string | null = null;
            while (!terminalStatuses.has(status ?? '')) status = await readJob(poller.url, job.id);
            expect(status).toBe('complete');
          }
        }),
      );
      const courses = await Promise.all(replicas.map((replica) => stackOneCourses(replica)));
      expect((courses[0] as { data: unknown[] }).data).toHaveLength(3);
      expect(courses[1]).toEqual(courses[0]);
      expect(courses[2]).toEqual(courses[0]);
      await importEveryVendor(client(replicas[1]!.url, 22));
      const lists = await Promise.all(replicas.map((replica) => jobsOn(replica)));
      expect(lists[1]!.map((job) => job.id)).toEqual(lists[0]!.map((job) => job.id));
      expect(lists[2]!.map((job) => job.id)).toEqual(lists[0]!.map((job) => job.id));
      expectNoDivergence(replicas);
    },
    slow,
  );

  it(
    'loses nothing it acknowledged when a replica is killed with SIGKILL in the middle of a run',
    async () => {
      const [doomed, survivor] = await Promise.all(['a', 'b'].map(() => startReplica(redis.url, 'sigkill')));
      const writer = client(doomed!.url, 9);
      const acknowledged: string[] = [];
      let stopped: unknown = null;
      const run = (async () => {
        for (;;) {
          const jobs = await importEveryVendor(writer).catch((error: unknown) => {
            stopped = error;
            return null;
          });
          if (!jobs) return;
          acknowledged.push(...jobs.map((job) => job.id));
        }
      })();
      // Kill it while imports are in flight (a run that stops on its own before that fails below).
      while (acknowledged.length < 10 && stopped === null) await new Promise((resolve) => setImmediate(resolve));
      expect(stopped, 'the imports stopped before the replica was killed').toBeNull();
      doomed!.process.child.kill('SIGKILL');
      await run;
      expect(acknowledged.length).toBeGreaterThanOrEqual(10);

      const late = await startReplica(redis.url, 'sigkill');
      for (const replica of [survivor!, late]) {
        const ids = (await jobsOn(replica)).map((job) => job.id);
        expect(ids).toEqual(expect.arrayContaining(acknowledged));
      }
      expectNoDivergence([survivor!, late]);
    },
    slow,
  );
});

describe('bulkmock serve --store redis://… while Redis is down', () => {
  const dir = useTempDir('redis-outage');
  let redis: RedisServer;
  beforeAll(async () => {
    await mkdir(dir.path, { recursive: true });
    redis = await startRedis(dir.path);
  });

  it(
    "answers the vendor's 503 with Retry-After and reports the store down, then recovers by itself when Redis returns",
    async () => {
      const replica = await startReplica(redis.url, 'outage');
      const before = await importEveryVendor(client(replica.url, 11));

      await redis.stop();
      const read = await fetch(`${replica.url}/unified/lms/courses`, {
        headers: { authorization: `Basic ${Buffer.from('key:').toString('base64')}`, 'x-account-id': 'acc' },
      });
      expect(read.status).toBe(503);
      expect(read.headers.get('retry-after')).toMatch(/^\d+$/);
      const write = await fetch(
        `${replica.url}/API/WorkflowImportQueue/CreateBatch?importProcessId=4182&fileName=a.jsonl&creationPath=LH`,
        {
          method: 'POST',
          headers: { authorization: 'apikey key', 'content-type': 'application/x-ndjson' },
          body: '{"FirstName":"Ada"}\n',
        },
      );
      expect(write.status).toBe(503);
      expect(write.headers.get('retry-after')).toMatch(/^\d+$/);
      const health = await (await fetch(`${replica.url}/__bulkmock/health`)).json();
      expect(health.store).toMatchObject({ kind: 'redis', status: 'down' });

      await redis.restart();
      // The client reconnects by itself, within about a second; until then health says down.
      let store = 'down';
      for (let attempt = 0; attempt < 200 && store !== 'up'; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        store = ((await (await fetch(`${replica.url}/__bulkmock/health`)).json()) as { store: { status: string } })
          .store.status;
      }
      expect(store).toBe('up');
      const after = await importEveryVendor(client(replica.url, 12));
      const ids = (await jobsOn(replica)).map((job) => job.id);
      expect(ids).toEqual(expect.arrayContaining([...before, ...after].map((job) => job.id)));
      expect(replica.process.stderr()).toContain('lost the connection to Redis');
      expect(replica.process.stderr()).toContain('is back');
    },
    slow,
  );

  it('refuses to start when Redis cannot be reached, naming the address, and refuses an address that is not Redis', async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}/0`;
    const refused = await spawnServe(['--store', nobody, '--insecure-control']).exited;
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`--store: cannot reach Redis at ${nobody}`);
    const foreign = await spawnServe(['--store', 'http://127.0.0.1:6379']).exited;
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('is not a Redis address, such as redis://127.0.0.1:6379/0');
  });

  it('refuses a shared store without a control token, and a state file beside it, before connecting', async () => {
    const store = `redis://127.0.0.1:${await freePort()}/0`;
    const open = await spawnServe(['--store', store]).exited;
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('with --store, every replica and every client of that store shares');
    expect(open.stderr).toContain('--control-token or BULKMOCK_CONTROL_TOKEN');
    const both = await spawnServe(['--store', store, '--control-token', 't', '--state-file', 'state.json']).exited;
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--state-file and --store do not go together');
  });
});
