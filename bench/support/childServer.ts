import type { ChildProcess } from 'node:child_process';

/** A server the bench started as a child process, so that its CPU, memory and start-up are its own. */
export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  /** performance.now() when the process was spawned: cold start counts from here. */
  spawnedAt: number;
  stop(): Promise<void>;
}

/**
 * Resolves with the base URL a server prints once it listens (`... listening on http://...`).
 * Rejects with the server's last output when it exits first.
 */
export function printedUrl(child: ChildProcess, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-8_000);
      const match = /listening on (https?:\/\/[^\s/]+)/.exec(seen);
      if (match) finish(() => resolve(match[1]!));
    };
    const onExit = (code: number | null) => finish(() => reject(new Error(`exited (${code}) before listening:\n${seen.trim().split('\n').slice(-8).join('\n')}`)));
    const timer = setTimeout(() => finish(() => reject(new Error(`did not listen within ${timeoutMs / 1000} s`))), timeoutMs);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      settle();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/**
 * Wraps a spawned child once its URL is known. Its output is kept flowing (Prism logs every request;
 * a full pipe would stall it) and its last lines are kept for error messages.
 */
export async function childServer(name: string, child: ChildProcess, spawnedAt: number, listening: Promise<string>): Promise<ChildServer> {
  let url: string;
  try {
    url = await listening;
  } catch (error) {
    await stopChild(child);
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  child.stdout?.resume();
  child.stderr?.resume();
  return { name, url, pid: child.pid!, spawnedAt, stop: () => stopChild(child) };
}

/** Ends a child the bench started, by its handle: SIGTERM, then SIGKILL if it lingers. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
