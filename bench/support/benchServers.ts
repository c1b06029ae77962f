import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prismListening, spawnPrism } from '../../cli/commands/prism.js';
import type { Vendor } from '../../mocks/spec/specRegistry.js';
import { childServer, printedUrl, type ChildServer } from './childServer.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `bulkmock serve` from the built dist/, started the way a user starts it: instant job timing and
 * no request log (so the figures are the mock's, not the terminal's), plus any extra flags.
 */
export function startBulkmock(
  extraFlags: readonly string[] = [],
  { heapReport = false }: { heapReport?: boolean } = {},
): Promise<ChildServer> {
  const args = [
    // With heapReport, SIGUSR2 makes it print its heap after a full GC (cli/heapReport.ts).
    ...(heapReport ? ['--expose-gc'] : []),
    path.join(root, 'bin', 'bulkmock.js'),
    'serve',
    '--port',
    '0',
    '--timing',
    'instant',
    '--log',
    'none',
    ...extraFlags,
  ];
  const spawnedAt = performance.now();
  const env = heapReport ? { ...process.env, BULKMOCK_REPORT_HEAP: '1' } : process.env;
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
  return childServer('bulkmock serve', child, spawnedAt, printedUrl(child));
}

/**
 * The heap a bulkmock started with `heapReport` keeps after a full GC, in bytes: SIGUSR2, then the
 * line it prints on stderr.
 */
export function heapAfterGc(server: ChildServer, timeoutMs = 30_000): Promise<number> {
  const { child } = server;
  if (!child?.stderr) return Promise.reject(new Error(`${server.name} has no stderr to read its heap from`));
  const stderr = child.stderr;
  return new Promise((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(
      () => finish(new Error(`${server.name} printed no heap within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const match = /heap after gc (\d+) bytes/.exec(pending);
      if (match) finish(null, Number(match[1]));
    };
    function finish(error: Error | null, bytes = NaN) {
      clearTimeout(timer);
      stderr.off('data', onData);
      if (error) reject(error);
      else resolve(bytes);
    }
    stderr.on('data', onData);
    child.kill('SIGUSR2');
  });
}

/**
 * `npm start` as a user runs it from a built checkout (the build check, then serve), with the same
 * flags as startBulkmock. npm does not pass signals on to the server it starts, so the child leads
 * a process group of its own and stop() ends the whole group.
 */
export async function startNpmStart(): Promise<ChildServer> {
  const args = ['start', '--silent', '--', '--port', '0', '--timing', 'instant', '--log', 'none'];
  const spawnedAt = performance.now();
  const child = spawn('npm', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const server = await childServer('npm start', child, spawnedAt, printedUrl(child));
  return { ...server, stop: () => stopGroup(child.pid!, () => server.stop()) };
}

/** SIGTERM to every process of the group led by `pid`, then the child's own stop (which waits for it). */
async function stopGroup(pid: number, stopLeader: () => Promise<void>): Promise<void> {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // The group is already gone.
  }
  await stopLeader();
}

/** `prism mock` of one vendor's spec, started through bulkmock's own spawnPrism. */
export function startPrismMock(vendor: Vendor): Promise<ChildServer> {
  const spawnedAt = performance.now();
  const child = spawnPrism({ mode: 'mock', vendor, port: 0, host: '127.0.0.1' });
  return childServer(`prism mock ${vendor}`, child, spawnedAt, prismListening(child));
}

/**
 * The bare node:http ceiling, answering every request with `body`, or with a JSON body of exactly
 * `{ bytes }` bytes; with `burnUs`, after burning that many microseconds of CPU per request. Runs
 * under tsx like the bench.
 */
export function startBareServer(answer: string | { bytes: number }, burnUs = 0): Promise<ChildServer> {
  const body = typeof answer === 'string' ? answer : `--bytes=${answer.bytes}`;
  const script = path.join(root, 'bench', 'support', 'bareJsonServer.ts');
  const spawnedAt = performance.now();
  const burn = burnUs > 0 ? [`--burn-us=${burnUs.toFixed(1)}`] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', script, body, ...burn], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const name = burnUs > 0 ? `bare node:http burning ${burnUs.toFixed(0)} us a request` : 'bare node:http';
  return childServer(name, child, spawnedAt, printedUrl(child));
}

/** How often a watched server reports its event-loop delay. */
export const loopReportPeriodMs = 100;

/** A bulkmock serve that reports its event-loop delay every 100 ms (BULKMOCK_REPORT_EVENT_LOOP). */
export interface WatchedBulkmock extends ChildServer {
  /** One entry per period since start: the p99 and max delay of that period, in ms, and when it began and ended (bench clock). */
  loopDelays: Array<{ from: number; at: number; p99Ms: number; maxMs: number }>;
}

export async function startWatchedBulkmock(
  extraFlags: readonly string[] = [],
  timing: 'instant' | 'manual' = 'instant',
): Promise<WatchedBulkmock> {
  const args = [
    path.join(root, 'bin', 'bulkmock.js'),
    'serve',
    '--port',
    '0',
    '--timing',
    timing,
    '--log',
    'none',
    ...extraFlags,
  ];
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BULKMOCK_REPORT_EVENT_LOOP: String(loopReportPeriodMs) },
  });
  const loopDelays: WatchedBulkmock['loopDelays'] = [];
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const match = /event-loop delay p99 ([\d.]+) ms max ([\d.]+) ms over (\d+) ms/.exec(line);
      if (match)
        loopDelays.push({
          from: performance.now() - Number(match[3]),
          at: performance.now(),
          p99Ms: Number(match[1]),
          maxMs: Number(match[2]),
        });
    }
  });
  const server = await childServer('bulkmock serve', child, spawnedAt, printedUrl(child));
  return { ...server, loopDelays };
}
