import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './redisProcess.js';

/** The balancer configuration docs/deploy.md shows, used as it is. */
const haproxyConfig = fileURLToPath(new URL('../../deploy/haproxy.cfg', import.meta.url));

export interface Balancer {
  url: string;
  child: ChildProcess;
}

/**
 * Starts Debian's HAProxy with deploy/haproxy.cfg in front of up to three replicas (their base
 * URLs), resolving once a health check answers through it. The caller owns the child and stops it.
 */
export async function launchBalancer(replicas: readonly string[]): Promise<Balancer> {
  if (spawnSync('haproxy', ['-v']).error)
    throw new Error(
      "haproxy is not installed; the balancer needs Debian's haproxy: apt-get install -y haproxy (.ci/run installs it: scripts/ensure-replica-tools.sh)",
    );
  if (replicas.length === 0 || replicas.length > 3)
    throw new Error(`deploy/haproxy.cfg names three replicas; got ${replicas.length}`);
  const port = await freePort();
  // A config line naming an unset variable would fail to parse, so fewer replicas repeat the last.
  const hosts = [1, 2, 3].map((n) => new URL(replicas[Math.min(n, replicas.length) - 1]!).host);
  const env = {
    ...process.env,
    BULKMOCK_LISTEN: `127.0.0.1:${port}`,
    ...Object.fromEntries(hosts.map((host, i) => [`BULKMOCK_REPLICA_${i + 1}`, host])),
  };
  const child = spawn('haproxy', ['-db', '-f', haproxyConfig], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.resume();
  child.stderr.on('data', (text: Buffer) => (output = (output + text.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`haproxy ended: ${output}`);
    const health = await fetch(`${url}/__bulkmock/health`).catch(() => null);
    if (health?.status === 200) return { url, child };
    if (attempt > 200) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not answer within 5 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
