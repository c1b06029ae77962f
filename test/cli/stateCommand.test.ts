import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../mocks/core/base64.js';
import { stackOneCourse } from '../support/csvFixtures.js';
import { runCliProcess } from '../support/cliProcess.js';
import { startServe } from '../support/serverProcess.js';
import { useTempDir } from '../support/tempDir.js';

const dir = useTempDir('state-command');
const withoutToken = { ...process.env, BULKMOCK_CONTROL_TOKEN: '' };

describe('bulkmock state export and import', () => {
  it('copies the state of one running mock into another through a file', async () => {
    const [source, target] = await Promise.all([
      startServe(['--timing', 'instant', '--log', 'none'], { env: withoutToken }),
      startServe(['--timing', 'instant', '--log', 'none'], { env: withoutToken }),
    ]);
    const added = await fetch(`${source.url}/unified/lms/courses/batch`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${encodeBase64('so-test-key:')}`,
        'x-account-id': 'acme-prod',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ items: [stackOneCourse('A'), stackOneCourse('B')] }),
    });
    expect(added.status).toBe(202);
    const file = dir.file('copy.json');

    const exported = await runCliProcess(['state', 'export', '--target', source.url, '--out', file], {
      env: withoutToken,
    });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain(
      `exported 1 job(s), 1 record scope(s) and 0 asset(s) from ${source.url} to ${file}`,
    );
    const document = JSON.parse(await readFile(file, 'utf8')) as unknown;
    expect(document).toEqual(await (await fetch(`${source.url}/__bulkmock/state`)).json());

    const imported = await runCliProcess(['state', 'import', '--target', target.url, file], { env: withoutToken });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain(`imported 1 job(s), 2 record(s) and 0 asset(s) from ${file} into ${target.url}`);
    expect(await (await fetch(`${target.url}/__bulkmock/state`)).json()).toEqual(document);

    const toStdout = await runCliProcess(['state', 'export', '--target', target.url], { env: withoutToken });
    expect(JSON.parse(toStdout.stdout)).toEqual(document);
  }, 60_000);

  it('says what is wrong: a refused document, a missing token, an unreachable mock, a wrong call', async () => {
    const guarded = await startServe(['--control-token', 'ctl-state-token', '--log', 'none']);
    const foreign = dir.file('foreign.json');
    await writeFile(foreign, '{"log":{"entries":[]}}');

    const noToken = await runCliProcess(['state', 'export', '--target', guarded.url], { env: withoutToken });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain(
      'requires its control token: give it with --control-token or BULKMOCK_CONTROL_TOKEN',
    );

    const refused = await runCliProcess(['state', 'import', '--target', guarded.url, foreign], {
      env: { ...process.env, BULKMOCK_CONTROL_TOKEN: 'ctl-state-token' },
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`refused ${foreign} (400): not a bulkmock state document: format is missing`);

    const withFlag = await runCliProcess([
      'state',
      'export',
      '--target',
      guarded.url,
      '--control-token',
      'ctl-state-token',
    ]);
    expect(withFlag.code).toBe(0);
    expect(JSON.parse(withFlag.stdout)).toMatchObject({ format: 'bulkmock-state', version: 1 });

    await guarded.process.stop();
    const gone = await runCliProcess(['state', 'export', '--target', guarded.url], { env: withoutToken });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`cannot reach ${guarded.url}`);

    const noAction = await runCliProcess(['state', '--target', guarded.url]);
    expect(noAction.code).toBe(2);
    expect(noAction.stderr).toContain('give export or import');
    const noTarget = await runCliProcess(['state', 'import', foreign]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('--target is required');
  }, 60_000);
});
