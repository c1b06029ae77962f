import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopAfterUse, stopChild } from './childProcess.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
/** bin/bulkmock.js runs the build in dist/; tests run the same `main` from the sources. */
const cliEntry = fileURLToPath(new URL('../../cli/run.ts', import.meta.url));

/** How a CLI process ended, with everything it wrote. */
export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `bulkmock <args>` running in a child process, its output collected as it comes. */
export interface CliProcess {
  child: ChildProcess;
  /** What it has written to standard output so far. */
  stdout(): string;
  /** What it has written to standard error so far. */
  stderr(): string;
  /** Resolves with standard output once it contains `marker`; rejects if the process ends first. */
  waitForOutput(marker: string): Promise<string>;
  /** Resolves once the process has ended and all its output is read. */
  exited: Promise<CliExit>;
  /** Sends SIGTERM (once) and resolves as `exited` does. */
  stop(): Promise<CliExit>;
}

export interface SpawnCliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `bulkmock <args>` from the sources in a child process (for commands that run until a signal,
 * or to see the real standard output and exit status). The process is stopped after the test, or
 * after the file when started in a beforeAll, whatever the test's outcome.
 */
export function spawnCli(args: string[], options: SpawnCliOptions = {}): CliProcess {
  const child = stopAfterUse(
    spawn(process.execPath, ['--import', 'tsx', cliEntry, ...args], {
      cwd: options.cwd ?? projectRoot,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (stdout += text));
  child.stderr.on('data', (text: string) => (stderr += text));
  // 'close', not 'exit': only then has everything the child wrote been read.
  const exited = new Promise<CliExit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );

  function waitForOutput(marker: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!stdout.includes(marker)) return;
        child.stdout.off('data', check);
        resolve(stdout);
      };
      child.stdout.on('data', check);
      check();
      void exited.then(({ code, signal, stderr: err }) =>
        reject(
          new Error(
            `bulkmock ${args.join(' ')} ended (${signal ?? `exit ${code}`}) before printing "${marker}": ${err}`,
          ),
        ),
      );
    });
  }

  let stopping: Promise<CliExit> | undefined;
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput,
    exited,
    stop: () => (stopping ??= stopChild(child).then(() => exited)),
  };
}

/** Runs `bulkmock <args>` in a child process to its end. */
export function runCliProcess(args: string[], options: SpawnCliOptions = {}): Promise<CliExit> {
  return spawnCli(args, options).exited;
}
