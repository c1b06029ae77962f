import { Redis } from 'ioredis';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../../generators/index.js';
import { startMockServer, type RunningServer } from '../../mocks/adapters/http/httpServer.js';
import { spoolChunkBytes } from '../../mocks/replication/redisLog.js';
import { startReplicatedMock } from '../../mocks/replication/replicatedMock.js';
import type { ReplicatedCore } from '../../mocks/replication/replicatedCore.js';
import { startRedis, type RedisServer } from '../support/redisServer.js';
import { useTempDir } from '../support/tempDir.js';

const inlineBodyLimit = 64 * 1024;
const tiAuth = { authorization: 'Bearer spool-key' };
const stackOne = {
  authorization: `Basic ${Buffer.from('key:').toString('base64')}`,
  'x-account-id': 'spool',
  'content-type': 'application/json',
};

describe('large bodies on the shared store: spooled in chunks, never one value of their size', () => {
  const dir = useTempDir('redis-spool');
  let redis: RedisServer;
  let direct: Redis;
  const opened: Array<{ server: RunningServer; core: ReplicatedCore }> = [];
  beforeAll(async () => {
    redis = await startRedis(dir.path);
    direct = new Redis(redis.url);
    return () => direct.disconnect();
  });
  afterEach(async () => {
    for (const { server, core } of opened.splice(0)) {
      await server.close();
      await core.close();
    }
  });

  async function replica(prefix: string, compactEvery = 1_000): Promise<string> {
    const core = await startReplicatedMock(
      { timing: { mode: 'manual' }, seed: 11 },
      { url: redis.url, prefix, compactEvery, inlineBodyLimit, report: () => undefined },
    );
    const server = await startMockServer({ core, port: 0 });
    opened.push({ server, core });
    return server.url;
  }

  /** A webinar CSV of about 3 MiB, from the project's generator. */
  const bigCsv = async () => (await fixtureText({ kind: 'ti-webinar', count: 12_000, seed: 3 })).text;

  const upload = (url: string, path: string, csv: string) =>
    fetch(`${url}/__bulkmock/assets/${path}`, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv });

  const dryRun = async (url: string, path: string) => {
    const answer = await fetch(`${url}/incoming/v2/content/courseGroup/webinar/bulk`, {
      method: 'POST',
      headers: { ...tiAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ bulkImportAssetPath: path, dryRun: true }),
    });
    expect(answer.status).toBe(200);
    const report = Object.values(
      ((await answer.json()) as { data: Record<string, { validRows: unknown[]; invalidRows: unknown[] }> }).data,
    )[0]!;
    return { valid: report.validRows.length, invalid: report.invalidRows.length };
  };

  const bodyKeys = (prefix: string) => direct.keys(`${prefix}:body:*`);

  it('an upload larger than the inline limit is stored as a list of chunks of at most 1 MiB, and every replica reads the same asset', async () => {
    const csv = await bigCsv();
    expect(Buffer.byteLength(csv)).toBeGreaterThan(2 * spoolChunkBytes);
    const [writer, reader] = [await replica('spool'), await replica('spool')];
    expect((await upload(writer, 'big/webinars.csv', csv)).status).toBe(201);

    // The log entry carries the body's key, not the body.
    const entries = (await direct.xrangeBuffer('spool:log', '-', '+')).map(([, pairs]) => pairs);
    for (const pairs of entries) {
      const bodyAt = pairs.findIndex((field, i) => i % 2 === 0 && field.toString() === 'b');
      expect(pairs[bodyAt + 1]!.byteLength).toBeLessThanOrEqual(inlineBodyLimit);
    }
    const [key, ...others] = await bodyKeys('spool');
    expect(others).toEqual([]);
    const chunks = await direct.lrangeBuffer(key!, 0, -1);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const chunk of chunks) expect(chunk.byteLength).toBeLessThanOrEqual(spoolChunkBytes + 64 * 1024);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(csv);
    // Taken by its entry: it no longer expires.
    expect(await direct.pttl(key!)).toBe(-1);

    const onWriter = await dryRun(writer, 'big/webinars.csv');
    expect(onWriter.valid + onWriter.invalid).toBe(12_000);
    expect(await dryRun(reader, 'big/webinars.csv')).toEqual(onWriter);
    const state = async (url: string) => (await fetch(`${url}/__bulkmock/state`)).json();
    expect(await state(reader)).toEqual(await state(writer));
  });

  it('a large write that changes nothing leaves no body behind', async () => {
    const url = await replica('refused');
    const csv = await bigCsv();
    // A Learning Builder batch without its API key: 401, nothing stored, nothing logged.
    const refused = await fetch(`${url}/API/WorkflowImportQueue/CreateBatch?workflowType=License`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: csv,
    });
    expect(refused.status).toBe(401);
    expect(await direct.xlen('refused:log')).toBe(0);
    expect(await bodyKeys('refused')).toEqual([]);
  });

  it('compaction drops the bodies of the entries it trims, and a replica started later has the asset from the snapshot', async () => {
    const first = await replica('trimmed', 3);
    expect((await upload(first, 'big/trimmed.csv', await bigCsv())).status).toBe(201);
    expect(await bodyKeys('trimmed')).toHaveLength(1);
    for (let n = 0; n < 6; n += 1) {
      const answer = await fetch(`${first}/unified/lms/courses/batch`, {
        method: 'POST',
        headers: stackOne,
        body: JSON.stringify({ items: [{ external_reference: `course-${n}`, title: `Course ${n}` }] }),
      });
      expect(answer.status).toBe(202);
    }
    expect(await bodyKeys('trimmed')).toEqual([]);
    expect(await direct.zcard('trimmed:bodies')).toBe(0);
    const late = await replica('trimmed', 3);
    expect(await dryRun(late, 'big/trimmed.csv')).toEqual(await dryRun(first, 'big/trimmed.csv'));
  });
});
