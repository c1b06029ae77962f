import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { readHarFile } from '../../recording/harFile.js';
import { standInKeys, startStandInPlatform, type StandInPlatform } from './standInPlatform.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a bulkmock command from the sources; resolves `ready` with its output once `marker` is printed. */
function startCli(args: string[], marker: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/run.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      if (out.includes(marker)) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`bulkmock ${args[0]} exited with ${code}: ${err}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<{ code: number | null; out: () => string; err: () => string }>((resolve) => child.once('close', (code) => resolve({ code, out: () => out, err: () => err })));
  return { child, ready, exited };
}

async function runMain(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
let standIn: StandInPlatform;
let har: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bulkmock-record-cli-'));
  standIn = await startStandInPlatform();
  har = path.join(dir, 'ti.har');
});
afterAll(async () => {
  await standIn.close();
  await rm(dir, { recursive: true, force: true });
});

const ti = { authorization: `Bearer ${standInKeys.thoughtIndustries}`, 'content-type': 'application/json' };

describe('bulkmock record, fidelity --har and serve --replay from the command line', () => {
  it('records through the proxy, prints violations as they happen, and closes the HAR on SIGTERM', async () => {
    const record = startCli(['record', 'thought-industries', '--upstream', standIn.url, '--port', '0', '--out', har], 'writes are forwarded');
    const banner = await record.ready;
    const base = /on (http:\/\/127\.0\.0\.1:\d+) to/.exec(banner)![1]!;
    const started = (await (await fetch(`${base}/incoming/v2/content/courseGroup/webinar/bulk`, { method: 'POST', headers: ti, body: JSON.stringify({ bulkImportAssetPath: 'imports/a.csv' }) })).json()) as { data: { APIBulkCourseGroupWebinarImport: { backgroundJob: { id: string } } } };
    const jobId = started.data.APIBulkCourseGroupWebinarImport.backgroundJob.id;
    for (let i = 0; i < 3; i++) await (await fetch(`${base}/incoming/v2/jobs/${jobId}`, { headers: ti })).text();
    record.child.kill('SIGTERM');
    const { code, out } = await record.exited;
    expect(code).toBe(0);
    expect(out()).toContain('! response /data/APIBackgroundJob/status: getBackgroundJob 200: data.APIBackgroundJob.status must be one of');
    expect(out()).toContain(`recorded 4 exchange(s) to ${har}: 1 broke the spec, 0 refused`);
    expect((await readHarFile(har)).log.entries).toHaveLength(4);
  });

  it('fidelity --har exits 1 on a contradiction and prints it in the chosen format', async () => {
    const text = await runMain(['fidelity', '--har', har]);
    expect(text.code).toBe(1);
    expect(text.out).toContain('thought-industries#/components/schemas/BackgroundJobStatus');
    const json = await runMain(['fidelity', '--har', har, '--format', 'json']);
    expect((JSON.parse(json.out) as { contradictions: boolean }).contradictions).toBe(true);
    const specsAlone = await runMain(['fidelity', '--format', 'json']);
    expect(specsAlone.code).toBe(0);
    expect(specsAlone.out).not.toContain('contradictions');
    const missing = await runMain(['fidelity', '--har', path.join(dir, 'nope.har')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read');
  });

  it('record refuses an upstream with a path, and a missing --out, with usage errors', async () => {
    expect((await runMain(['record', 'stackone', '--upstream', 'https://api.stackone.com/unified', '--out', har])).err).toContain('--upstream must be an origin without a path');
    expect((await runMain(['record', 'stackone', '--upstream', 'https://api.stackone.com'])).code).toBe(2);
  });

  it('serve --replay --replay-only answers the recording and 404s the rest, naming the closest recording', async () => {
    const serve = startCli(['serve', '--port', '0', '--timing', 'instant', '--log', 'none', '--replay', har, '--replay-only'], '(--replay-only)');
    const banner = await serve.ready;
    expect(banner).toContain(`replaying 4 recorded exchange(s) from ${har}; anything else gets 404 (--replay-only)`);
    const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!;
    const replayed = await fetch(`${base}/incoming/v2/content/courseGroup/webinar/bulk`, { method: 'POST', headers: { ...ti, authorization: 'Bearer someone-else' }, body: JSON.stringify({ bulkImportAssetPath: 'imports/a.csv' }) });
    expect(replayed.headers.get('x-bulkmock-replay')).toBe(`${har}#0`);
    const other = await fetch(`${base}/incoming/v2/content/courseGroup/webinar/bulk`, { method: 'POST', headers: ti, body: JSON.stringify({ bulkImportAssetPath: 'imports/b.csv' }) });
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: { message: string } }).error.message).toContain(`the closest recording is ${har}#0`);
    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  });
});
