import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../../cli/main.js';
import type { Output } from '../../../cli/command.js';

/** Runs the CLI in this process and keeps what it printed. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false };
  const code = await main(args, output);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs the CLI from source in a child process (for commands that run until a signal). */
export function spawnCli(args: string[]): ChildProcess {
  const entry = fileURLToPath(new URL('./cliEntry.ts', import.meta.url));
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}
