import type { ChildProcess } from 'node:child_process';
import { listeningAddress } from '../../cli/listeningAddress.js';

/** A server the bench started as a child process, so that its CPU, memory and start-up are its own. */
export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  /** performance.now() when the process was spawned: cold start counts from here. */
  spawnedAt: number;
  /** The process, for signals and its output. */
  child?: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Resolves with the base URL a server prints once it listens (`... listening on http://...`).
 * Rejects with the server's last output when it exits first.
 */
export function printedUrl(child: ChildProcess, timeoutMs = 30_000): Promise<string> {
  return listeningAddress(child, /listening on (https?:\/\/[^\s/]+)/, { name: 'the server', timeoutMs });
}

/**
 * Wraps a spawned child once its URL is known. Its output is kept flowing (Prism logs every request;
 * a full pipe would stall it) and its last lines are kept for error messages.
 */
export async function childServer(
  name: string,
  child: ChildProcess,
  spawnedAt: number,
  listening: Promise<string>,
): Promise<ChildServer> {
  let url: string;
  try {
    url = await listening;
  } catch (error) {
    await stopChild(child);
    throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
  }
  child.stdout?.resume();
  child.stderr?.resume();
  return { name, url, pid: child.pid!, spawnedAt, child, stop: () => stopChild(child) };
}

/** Ends a child the bench started, by its handle: SIGTERM, then SIGKILL if it lingers. */
function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
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
