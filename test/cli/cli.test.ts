import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { captureOutput } from '../support/cliOutput.js';

describe('the bulkmock CLI', () => {
  it('prints the package version', async () => {
    const io = captureOutput();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('lists its commands in --help', async () => {
    const io = captureOutput();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toContain('serve');
    expect(io.stdout).toContain('Usage: bulkmock <command> [options]');
  });

  it('shows every option of a command with its default', async () => {
    const io = captureOutput();
    expect(await main(['serve', '--help'], io)).toBe(0);
    for (const option of [
      '--port <n>',
      '--host <addr>',
      '--vendor <name>',
      '--seed <n>',
      '--timing <mode>',
      '--latency <ms>',
      '--error-rate <r>',
      '--assets <dir>',
      '--keys <file>',
      '--log <format>',
      '--max-body <size>',
      '--error-statuses <list>',
      '--preload <what>',
    ]) {
      expect(io.stdout).toContain(option);
    }
    expect(io.stdout).toContain('(default: 4010; env: PORT)');
  });

  it('exits 2 with one line for an unknown command or option', async () => {
    const io = captureOutput();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(await main(['serve', '--bogus'], io)).toBe(2);
    expect(await main(['serve', '--port', '70000'], io)).toBe(2);
    expect(io.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('unknown command "frobnicate"'),
      "bulkmock serve: Unknown option '--bogus' (see bulkmock serve --help)",
      'bulkmock serve: --port must be a whole number from 0 to 65535, got "70000" (see bulkmock serve --help)',
    ]);
  });

  it('exits 2 naming the problem in a keys file', async () => {
    const io = captureOutput();
    expect(await main(['serve', '--keys', '/nonexistent/keys.json'], io)).toBe(2);
    expect(io.stderr).toContain('--keys: cannot read /nonexistent/keys.json: ENOENT');
  });

  it('exits 2 naming a bad --error-statuses or --preload before it starts the server', async () => {
    const io = captureOutput();
    expect(await main(['serve', '--port', '0', '--error-statuses', '429,teapot'], io)).toBe(2);
    expect(await main(['serve', '--port', '0', '--error-statuses', '418'], io)).toBe(2);
    expect(await main(['serve', '--port', '0', '--vendor', 'thought-industries', '--error-statuses', '408'], io)).toBe(
      2,
    );
    expect(await main(['serve', '--port', '0', '--preload', 'examples,webinars:10'], io)).toBe(2);
    expect(io.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(
        '--error-statuses must list HTTP error statuses separated by commas, such as 408,429,503; "teapot" is not one',
      ),
      expect.stringContaining('--error-statuses: no enabled operation documents 418 as a fault status'),
      expect.stringContaining('--error-statuses: no enabled operation documents 408 as a fault status'),
      expect.stringContaining('--preload: unknown kind "webinars"'),
    ]);
  });
});
