import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHar } from '../../mocks/replay/har.js';
import { HarFileWriter, readHarFile } from '../../recording/harFile.js';
import { startRecordingProxy, type RecordingProxy } from '../../recording/recordingProxy.js';
import { useTempDir } from '../support/tempDir.js';
import { standInKeys, startStandInPlatform, type StandInPlatform } from './standInPlatform.js';

const dir = useTempDir('proxy');

async function proxyTo(
  upstream: string,
  file: string,
  options: { allowWrites?: boolean; bodyLimit?: number; vendor?: 'thought-industries' | 'stackone' } = {},
): Promise<RecordingProxy> {
  const writer = await HarFileWriter.create(dir.file(file), { name: 'bulkmock', version: 'test' }, 'test');
  return startRecordingProxy({
    vendor: options.vendor ?? 'thought-industries',
    upstream: new URL(upstream),
    writer,
    port: 0,
    allowWrites: options.allowWrites,
    bodyLimit: options.bodyLimit,
  });
}

describe('recording proxy in front of a non-local upstream', () => {
  // 127.0.0.2 is this machine too, but it is not one of the addresses the contract suite counts as local.
  let standIn: StandInPlatform;
  beforeAll(async () => {
    standIn = await startStandInPlatform({ host: '127.0.0.2' });
  });
  afterAll(() => standIn.close());
  const ti = { authorization: `Bearer ${standInKeys.thoughtIndustries}`, 'content-type': 'application/json' };
  const bulk = '/incoming/v2/content/courseGroup/webinar/bulk';

  it('refuses a write with a 403 that says why, and never lets it reach the platform', async () => {
    const proxy = await proxyTo(standIn.url, 'refused.har');
    const before = standIn.received.length;
    const response = await fetch(`${proxy.url}${bulk}`, {
      method: 'POST',
      headers: ti,
      body: JSON.stringify({ bulkImportAssetPath: 'imports/a.csv' }),
    });
    expect(response.status).toBe(403);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('write_refused');
    expect(error.message).toContain('forwards only reads and dry runs to a non-local upstream (127.0.0.2)');
    expect(error.message).toContain('--allow-writes');
    expect(error.message).toContain('"dryRun": true');
    expect(standIn.received.length).toBe(before);
    await proxy.close();
    expect(proxy.stats).toEqual({ recorded: 0, withViolations: 0, refused: 1 });
    expect((await readHarFile(dir.file('refused.har'))).log.entries).toEqual([]);
  });

  it('forwards reads and dry runs, and writes once --allow-writes is given', async () => {
    const safe = await proxyTo(standIn.url, 'safe.har');
    const dry = await fetch(`${safe.url}${bulk}`, {
      method: 'POST',
      headers: ti,
      body: JSON.stringify({ bulkImportAssetPath: 'imports/a.csv', dryRun: true }),
    });
    expect(dry.status).toBe(200);
    const read = await fetch(`${safe.url}/incoming/v2/jobs/00000000-0000-4000-8000-000000000999`, { headers: ti });
    expect(read.status).toBe(404);
    await safe.close();
    const open = await proxyTo(standIn.url, 'writes.har', { allowWrites: true });
    expect(
      (
        await fetch(`${open.url}${bulk}`, {
          method: 'POST',
          headers: ti,
          body: JSON.stringify({ bulkImportAssetPath: 'imports/a.csv' }),
        })
      ).status,
    ).toBe(200);
    await open.close();
  });
});

describe('recording proxy before an upstream that does not answer', () => {
  it('answers 502 naming the upstream, and records nothing', async () => {
    // A port that was free a moment ago: nothing listens there.
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as AddressInfo).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    const proxy = await proxyTo(`http://127.0.0.1:${port}`, 'down.har');
    const response = await fetch(`${proxy.url}/incoming/v2/ping?api_key=should-not-be-printed`);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      `could not reach http://127.0.0.1:${port}`,
    );
    await proxy.close();
    expect((await readHarFile(dir.file('down.har'))).log.entries).toEqual([]);
  });
});

describe('recording proxy with large and compressed answers', () => {
  let upstream: Server;
  let url: string;
  const big = Buffer.alloc(3 * 1024 * 1024, 'a');
  const json = JSON.stringify({ data: { APIBackgroundJob: { id: 'x', status: 'complete' } } });
  beforeAll(async () => {
    upstream = createServer((req, res) => {
      if (req.url === '/big') {
        // Written in pieces, as a large answer would be.
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < big.length; i += 64 * 1024) res.write(big.subarray(i, i + 64 * 1024));
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(json));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

  it('streams a body longer than the HAR limit through whole, and cuts it in the HAR with a comment', async () => {
    const proxy = await proxyTo(url, 'big.har', { bodyLimit: 1024 * 1024 });
    const response = await fetch(`${proxy.url}/big`);
    expect(Buffer.from(await response.arrayBuffer()).equals(big)).toBe(true);
    await proxy.close();
    const [entry] = (await readHarFile(dir.file('big.har'))).log.entries;
    expect(entry!.response.content.text).toHaveLength(1024 * 1024);
    expect(entry!.response.content.size).toBe(big.length);
    expect(entry!.response.content.comment).toContain(
      `bulkmock-truncated: only the first 1048576 bytes of ${big.length} were recorded`,
    );
  });

  it('hands a compressed answer on compressed, and records its text', async () => {
    const proxy = await proxyTo(url, 'gzip.har');
    const { request } = await import('node:http');
    const raw = await new Promise<Buffer>((resolve) => {
      request(`${proxy.url}/gzip`, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c)).on('end', () => resolve(Buffer.concat(parts)));
      }).end();
    });
    expect(raw.equals(gzipSync(json))).toBe(true);
    await proxy.close();
    expect((await readHarFile(dir.file('gzip.har'))).log.entries[0]!.response.content.text).toBe(json);
  });

  it('keeps the HAR file valid after every exchange, so a killed recording keeps what it had', async () => {
    const proxy = await proxyTo(url, 'live.har');
    for (let i = 1; i <= 3; i++) {
      await (await fetch(`${proxy.url}/gzip`)).text();
      await proxy.idle();
      // Read while the proxy still runs, as after a SIGKILL.
      expect(parseHar(JSON.parse(await readFile(dir.file('live.har'), 'utf8'))).log.entries).toHaveLength(i);
    }
    await proxy.close();
  });
});
