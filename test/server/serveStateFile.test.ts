import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../mocks/core/base64.js';
import { stackOneCourse } from '../support/csvFixtures.js';
import { runCliProcess } from '../support/cliProcess.js';
import { startServe } from '../support/serverProcess.js';
import { useTempDir } from '../support/tempDir.js';

const dir = useTempDir('serve-state');
const stackOne = {
  authorization: `Basic ${encodeBase64('so-test-key:')}`,
  'x-account-id': 'acme-prod',
  'content-type': 'application/json',
};
const addCourse = (url: string, name: string) =>
  fetch(`${url}/unified/lms/courses/batch`, {
    method: 'POST',
    headers: stackOne,
    body: JSON.stringify({ items: [stackOneCourse(name)] }),
  });
const readState = async (url: string) => (await (await fetch(`${url}/__bulkmock/state`)).json()) as unknown;

/** Waits until `check` holds, looking every 25 ms, for at most `limitMs` (a bounded poll, not a sleep). */
async function eventually(check: () => Promise<boolean>, limitMs = 15_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('bulkmock serve --state-file', () => {
  it('saves on SIGTERM and, started again on the same file, serves the same state', async () => {
    const file = dir.file('restart.json');
    const args = ['--timing', 'manual', '--seed', '7', '--state-file', file, '--log', 'none'];
    // The banner's state file line comes after the Control API line it would otherwise wait for.
    const first = await startServe(args, { readyWhen: 'State file' });
    expect(first.banner).toMatch(
      /State file\s+\S+restart\.json \(new; saved on shutdown and every 30 s when changed\)/,
    );
    expect((await addCourse(first.url, 'A')).status).toBe(202);
    await fetch(`${first.url}/__bulkmock/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ms":90000}',
    });
    const saved = await readState(first.url);
    const stopped = await first.process.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('saving the state to');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(saved);

    const second = await startServe(args, { readyWhen: 'State file' });
    expect(second.banner).toMatch(/State file\s+\S+restart\.json \(loaded, 1 job\(s\)/);
    expect(await readState(second.url)).toEqual(saved);
    // No temporary file is left beside the state file.
    expect((await readdir(dir.path)).filter((name) => name.includes('restart'))).toEqual(['restart.json']);
  }, 60_000);

  it('saves every --state-save-interval seconds once something changed', async () => {
    const file = dir.file('periodic.json');
    const serve = await startServe(['--timing', 'manual', '--state-file', file, '--state-save-interval', '0.05']);
    expect((await addCourse(serve.url, 'A')).status).toBe(202);
    await eventually(async () => {
      const text = await readFile(file, 'utf8').catch(() => '');
      return text.includes('"stackone.courses"');
    });
    const written = await stat(file);
    expect(written.size).toBeGreaterThan(0);
  }, 60_000);

  it('refuses to start on a state file that is not JSON or not a bulkmock state, and leaves the file alone', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['broken.json', '{"format":"bulkmock-state","vers', /the state file \S+broken\.json is not JSON/],
      ['foreign.json', '{"log":{"entries":[]}}', /is not a bulkmock state document: format is missing/],
      ['later.json', '{"format":"bulkmock-state","version":2}', /version 2 is not 1/],
    ];
    for (const [name, text, why] of cases) {
      await writeFile(dir.file(name), text);
      const { code, stdout, stderr } = await runCliProcess(['serve', '--port', '0', '--state-file', dir.file(name)]);
      expect(code, name).toBe(1);
      expect(stdout).not.toContain('listening');
      expect(stderr).toMatch(why);
      expect(await readFile(dir.file(name), 'utf8')).toBe(text);
    }
  }, 60_000);

  it('refuses a state file in a folder that does not exist, before listening', async () => {
    const { code, stderr } = await runCliProcess([
      'serve',
      '--port',
      '0',
      '--state-file',
      dir.file('no', 'such', 'f.json'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("cannot write the state file's folder");
  }, 60_000);
});
