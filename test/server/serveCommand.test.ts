import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `bulkmock serve` from the sources and resolves with its first lines of output once listening. */
function startServe(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/run.ts', 'serve', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      if (out.includes('Control API')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${err}`)));
  });
  // A serve that exits early (a usage error) is awaited through `exited` instead.
  listening.catch(() => undefined);
  const exited = new Promise<{ code: number | null; err: string }>((resolve) => child.once('close', (code) => resolve({ code, err })));
  return { child, listening, exited, output: () => out };
}

describe('bulkmock serve', () => {
  it('prints the base URL of each vendor, serves them, and shuts down cleanly on SIGTERM', async () => {
    const serve = startServe(['--port', '0', '--timing', 'instant', '--vendor', 'stackone', '--vendor', 'learning-builder']);
    const banner = await serve.listening;
    const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!;
    expect(banner).toContain(`StackOne LMS         ${base}/unified`);
    expect(banner).toContain(`Learning Builder     ${base}/API`);
    expect(banner).not.toContain('Thought Industries');

    expect((await fetch(`${base}/__bulkmock/health`)).status).toBe(200);
    const disabled = await fetch(`${base}/incoming/v2/ping`, { headers: { authorization: 'Bearer k' } });
    expect(disabled.status).toBe(404);
    expect(await disabled.text()).toContain('--vendor thought-industries');

    serve.child.kill('SIGTERM');
    const { code, err } = await serve.exited;
    expect(code).toBe(0);
    expect(err).toContain('received SIGTERM, shutting down');
    expect(serve.output()).toMatch(/GET\s+\/__bulkmock\/health 200/);
  });

  it('refuses a bad option value with exit status 2 and a one-line reason', async () => {
    const serve = startServe(['--timing', 'slow']);
    const { code, err } = await serve.exited;
    expect(code).toBe(2);
    expect(err.trim()).toBe('bulkmock serve: --timing must be one of instant, realistic, manual, got "slow" (see bulkmock serve --help)');
  });
});
