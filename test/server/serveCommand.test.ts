import { describe, expect, it } from 'vitest';
import { spawnServe, startServe } from '../support/serverProcess.js';

describe('bulkmock serve', () => {
  it('prints the base URL of each vendor, serves them, and shuts down cleanly on SIGTERM', async () => {
    const serve = await startServe(['--timing', 'instant', '--vendor', 'stackone', '--vendor', 'learning-builder']);
    const { url: base, banner } = serve;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(banner).toContain(`StackOne LMS         ${base}/unified`);
    expect(banner).toContain(`Learning Builder     ${base}/API`);
    expect(banner).not.toContain('Thought Industries');

    expect((await fetch(`${base}/__bulkmock/health`)).status).toBe(200);
    const disabled = await fetch(`${base}/incoming/v2/ping`, { headers: { authorization: 'Bearer k' } });
    expect(disabled.status).toBe(404);
    expect(await disabled.text()).toContain('--vendor thought-industries');

    const { code, stdout, stderr } = await serve.process.stop();
    expect(code).toBe(0);
    expect(stderr).toContain('received SIGTERM, shutting down');
    expect(stdout).toMatch(/GET\s+\/__bulkmock\/health 200/);
  });

  it('refuses a bad option value with exit status 2 and a one-line reason', async () => {
    const { code, stderr } = await spawnServe(['--timing', 'slow']).exited;
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      'bulkmock serve: --timing must be one of instant, realistic, manual, got "slow" (see bulkmock serve --help)',
    );
  });
});
