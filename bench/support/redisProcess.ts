import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Why a run that needs Redis cannot go on, and how to fix it. */
const redisMissing =
  "redis-server is not installed; the Redis-backed store needs Debian's redis-server: apt-get install -y redis-server (.ci/run installs it: scripts/ensure-replica-tools.sh)";

/** Throws with `redisMissing` when redis-server is not on the PATH. */
export function requireRedisServer(): void {
  if (spawnSync('redis-server', ['--version']).error) throw new Error(redisMissing);
}

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
 * Starts redis-server on `port` with its files in `dir`, resolving once it accepts connections.
 * Every write is appended and synced (appendfsync always), so a restart keeps everything a client
 * was told was stored. The caller owns the child and stops it.
 */
export function launchRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
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
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      output += text;
      if (output.includes('Ready to accept connections')) {
        // Keep reading, so that a chatty server never fills its pipe.
        output = '';
        resolve(child);
      }
    });
    child.stderr.resume();
    child.once('exit', (code) => reject(new Error(`redis-server on port ${port} ended (exit ${code}): ${output}`)));
  });
}
