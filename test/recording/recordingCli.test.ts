import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHarFile } from '../../recording/harFile.js';
import { runCli } from '../support/cliOutput.js';
import { spawnCli } from '../support/cliProcess.js';
import { startServe } from '../support/serverProcess.js';
import { useTempDir } from '../support/tempDir.js';
import { standInKeys, startStandInPlatform, type StandInPlatform } from './standInPlatform.js';

const dir = useTempDir('record-cli');
let standIn: StandInPlatform;
let har: string;
beforeAll(async () => {
  standIn = await startStandInPlatform();
  har = dir.file('ti.har');
});
afterAll(async () => {
  await standIn.close();
});

const ti = { authorization: `Bearer ${standInKeys.thoughtIndustries}`, 'content-type': 'application/json' };

describe('bulkmock record, fidelity --har and serve --replay from the command line', () => {
  it('records through the proxy, prints violations as they happen, and closes the HAR on SIGTERM', async () => {
    const record = spawnCli(['record', 'thought-industries', '--upstream', standIn.url, '--port', '0', '--out', har]);
    const banner = await record.waitForOutput('writes are forwarded');
    const base = /on (http:\/\/127\.0\.0\.1:\d+) to/.exec(banner)![1]!;
    const started = (await (
      await fetch(`${base}/incoming/v2/content/courseGroup/webinar/bulk`, {
        method: 'POST',
        headers: ti,
        body: JSON.stringify({ bulkImportAssetPath: 'imports/a.csv' }),
      })
    ).json()) as { data: { APIBulkCourseGroupWebinarImport: { backgroundJob: { id: string } } } };
    const jobId = started.data.APIBulkCourseGroupWebinarImport.backgroundJob.id;
    for (let i = 0; i < 3; i++) await (await fetch(`${base}/incoming/v2/jobs/${jobId}`, { headers: ti })).text();
    const { code, stdout } = await record.stop();
    expect(code).toBe(0);
    expect(stdout).toContain(
      '! response /data/APIBackgroundJob/status: getBackgroundJob 200: data.APIBackgroundJob.status must be one of',
    );
    expect(stdout).toContain(`recorded 4 exchange(s) to ${har}: 1 broke the spec, 0 refused`);
    expect((await readHarFile(har)).log.entries).toHaveLength(4);
  });

  it('fidelity --har exits 1 on a contradiction and prints it in the chosen format', async () => {
    const text = await runCli(['fidelity', '--har', har]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('thought-industries#/components/schemas/BackgroundJobStatus');
    const json = await runCli(['fidelity', '--har', har, '--format', 'json']);
    expect((JSON.parse(json.stdout) as { contradictions: boolean }).contradictions).toBe(true);
    const specsAlone = await runCli(['fidelity', '--format', 'json']);
    expect(specsAlone.code).toBe(0);
    expect(specsAlone.stdout).not.toContain('contradictions');
    const missing = await runCli(['fidelity', '--har', dir.file('nope.har')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
  });

  it('record refuses an upstream with a path, and a missing --out, with usage errors', async () => {
    expect(
      (await runCli(['record', 'stackone', '--upstream', 'https://api.stackone.com/unified', '--out', har])).stderr,
    ).toContain('--upstream must be an origin without a path');
    expect((await runCli(['record', 'stackone', '--upstream', 'https://api.stackone.com'])).code).toBe(2);
  });

  it('serve --replay --replay-only answers the recording and 404s the rest, naming the closest recording', async () => {
    const serve = await startServe(['--timing', 'instant', '--log', 'none', '--replay', har, '--replay-only'], {
      readyWhen: '(--replay-only)',
    });
    expect(serve.banner).toContain(
      `replaying 4 recorded exchange(s) from ${har}; anything else gets 404 (--replay-only)`,
    );
    const base = serve.url;
    const replayed = await fetch(`${base}/incoming/v2/content/courseGroup/webinar/bulk`, {
      method: 'POST',
      headers: { ...ti, authorization: 'Bearer someone-else' },
      body: JSON.stringify({ bulkImportAssetPath: 'imports/a.csv' }),
    });
    expect(replayed.headers.get('x-bulkmock-replay')).toBe(`${har}#0`);
    const other = await fetch(`${base}/incoming/v2/content/courseGroup/webinar/bulk`, {
      method: 'POST',
      headers: ti,
      body: JSON.stringify({ bulkImportAssetPath: 'imports/b.csv' }),
    });
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: { message: string } }).error.message).toContain(
      `the closest recording is ${har}#0`,
    );
    expect((await serve.process.stop()).code).toBe(0);
  });
});
