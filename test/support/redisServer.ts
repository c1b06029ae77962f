import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { stopAfterUse, stopChild } from './childProcess.js';

/** A redis-server of the test's own: its own port and folder, stopped after use. */
export interface RedisServer {
  port: number;
  url: string;
  /** Stops it (SIGTERM: it writes its append-only file and exits). */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder, with what it had stored. */
  restart(): Promise<void>;
}

const missing =
  "redis-server is not installed; the Redis replica tests need Debian's redis-server: apt-get install -y redis-server (.ci/run installs it: scripts/ensure-replica-tools.sh)";

/** A free TCP port on loopback, picked by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts redis-server on a free port with its files in `dir`. Every write is appended and synced
 * (appendfsync always), so a restart keeps everything a client was told was stored.
 */
export async function startRedis(dir: string): Promise<RedisServer> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error) throw new Error(missing);
  const port = await freePort();
  let child = await launch(port, dir);
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    stop: () => stopChild(child),
    async restart() {
      await stopChild(child);
      child = await launch(port, dir);
    },
  };
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = stopAfterUse(
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--protected-mode',
        'no',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      output += text;
      if (output.includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server on port ${port} ended (exit ${code}): ${output}`)));
  });
}
