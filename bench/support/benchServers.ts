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
export function startBulkmock(extraFlags: readonly string[] = []): Promise<ChildServer> {
  const args = [path.join(root, 'bin', 'bulkmock.js'), 'serve', '--port', '0', '--timing', 'instant', '--log', 'none', ...extraFlags];
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return childServer('bulkmock serve', child, spawnedAt, printedUrl(child));
}

/** `prism mock` of one vendor's spec, started through bulkmock's own spawnPrism. */
export function startPrismMock(vendor: Vendor): Promise<ChildServer> {
  const spawnedAt = performance.now();
  const child = spawnPrism({ mode: 'mock', vendor, port: 0, host: '127.0.0.1' });
  return childServer(`prism mock ${vendor}`, child, spawnedAt, prismListening(child));
}

/** The bare node:http ceiling, answering every request with `body`. Runs under tsx like the bench. */
export function startBareServer(body: string): Promise<ChildServer> {
  const script = path.join(root, 'bench', 'support', 'bareJsonServer.ts');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script, body], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return childServer('bare node:http', child, spawnedAt, printedUrl(child));
}
