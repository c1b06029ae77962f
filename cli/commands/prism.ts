import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { specFiles, vendors, type Vendor } from '../../mocks/spec/specRegistry.js';
import { integerOption, UsageError, type Command } from '../command.js';
import { listeningAddress } from '../listeningAddress.js';

export type PrismMode = 'mock' | 'proxy';

/** The folder holding bulkmock's package.json, found from this file (from source or from dist/). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'bulkmock')
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the bulkmock package folder above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** Finds a package's manifest file, as `require.resolve` does; throws when the package is not installed. */
export type ManifestResolver = (specifier: string) => string;

const resolveFromBulkmock: ManifestResolver = (specifier) => createRequire(import.meta.url).resolve(specifier);

/** The one line `bulkmock prism` prints when Prism is not installed. */
export const prismMissingMessage =
  'Prism is not installed: run `npm i -D @stoplight/prism-cli` (an optional peer dependency of bulkmock, needed only by bulkmock prism)';

/**
 * Prism's CLI script, resolved the way Node resolves bulkmock's own dependency (so not from the cwd).
 * Prism is an optional peer dependency: when it is missing, the error says how to install it.
 */
export function prismBinary(resolve: ManifestResolver = resolveFromBulkmock): string {
  let manifest: string;
  try {
    manifest = resolve('@stoplight/prism-cli/package.json');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND')
      throw new Error(prismMissingMessage, { cause: error });
    throw error;
  }
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.prism!);
}

export interface PrismOptions {
  mode: PrismMode;
  vendor: Vendor;
  /** The real backend, for `proxy`. */
  upstream?: string;
  port: number;
  host: string;
  /** Where Prism's package is looked up; bulkmock's own resolution by default. */
  resolve?: ManifestResolver;
}

/** Starts `prism mock <spec>` or `prism proxy <spec> <upstream>` on a vendor's spec; stdout and stderr are piped. */
export function spawnPrism(options: PrismOptions): ChildProcess {
  const spec = path.join(packageRoot(), specFiles[options.vendor]);
  const args = [
    prismBinary(options.resolve),
    options.mode,
    spec,
    ...(options.mode === 'proxy' ? [options.upstream!] : []),
    '--port',
    String(options.port),
    '--host',
    options.host,
  ];
  return spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Resolves with the address Prism prints once it listens ("Prism is listening on http://..."), which
 * also tells the port when 0 was asked for. Rejects with Prism's last output if it exits first.
 */
export function prismListening(child: ChildProcess, timeoutMs = 30_000): Promise<string> {
  return listeningAddress(child, /Prism is listening on (https?:\/\/\S+)/, { name: 'prism', timeoutMs });
}

/** The command, with Prism looked up through `resolve` (tests pass one that finds nothing). */
export function createPrismCommand(resolve: ManifestResolver = resolveFromBulkmock): Command {
  return {
    name: 'prism',
    summary: 'Run Stoplight Prism on a vendor spec: the stateless mock, or a validating proxy',
    usage: 'bulkmock prism mock <vendor> [options]\n       bulkmock prism proxy <vendor> <upstream> [options]',
    details: `mock answers every operation of the vendor's spec from its examples, without state: handy
for client code that only needs well-formed answers. proxy forwards each request to <upstream>
(a real backend, or bulkmock) and checks the traffic against the spec, reporting violations in
its log and in an sl-violations header.

Vendors: ${vendors.join(', ')}. SIGINT and SIGTERM are passed on to Prism.

Examples:
  bulkmock prism mock stackone
  bulkmock prism proxy learning-builder https://acme.learningbuilder.com --port 4020`,
    positionals: true,
    options: {
      port: { type: 'string', value: 'n', default: '4010', description: 'Port Prism listens on (0 picks a free one).' },
      host: { type: 'string', value: 'addr', default: '127.0.0.1', description: 'Address Prism binds.' },
    },
    async run({ values, positionals }, output) {
      const [mode, vendorName, upstream, ...extra] = positionals;
      if (mode !== 'mock' && mode !== 'proxy')
        throw new UsageError(
          mode === undefined
            ? 'say mock or proxy: bulkmock prism mock <vendor>'
            : `unknown prism mode "${mode}"; use mock or proxy`,
        );
      const chosen: PrismMode = mode;
      if (vendorName === undefined)
        throw new UsageError(`name the vendor: bulkmock prism ${chosen} <${vendors.join('|')}>`);
      if (!vendors.includes(vendorName as Vendor))
        throw new UsageError(`unknown vendor "${vendorName}"; use ${vendors.join(', ')}`);
      const vendor = vendorName as Vendor;
      if (chosen === 'proxy') {
        if (upstream === undefined)
          throw new UsageError('prism proxy needs the upstream URL: bulkmock prism proxy <vendor> <upstream>');
        if (!/^https?:\/\/[^/]/.test(upstream))
          throw new UsageError(`the upstream must be an http or https URL, got "${upstream}"`);
      }
      const unexpected = chosen === 'mock' ? [upstream, ...extra] : extra;
      if (unexpected.some((a) => a !== undefined))
        throw new UsageError(`unexpected argument "${unexpected.find((a) => a !== undefined)}"`);
      const port = integerOption('port', values.port, 0, 65535);

      const child = spawnPrism({ mode: chosen, vendor, upstream, port, host: String(values.host), resolve });
      child.stdout?.on('data', (chunk: Buffer) => output.out(chunk.toString('utf8').replace(/\n$/, '')));
      child.stderr?.on('data', (chunk: Buffer) => output.err(chunk.toString('utf8').replace(/\n$/, '')));
      let forwarded: NodeJS.Signals | null = null;
      const forward = (signal: NodeJS.Signals) => {
        forwarded = signal;
        child.kill(signal);
      };
      const onSigint = () => forward('SIGINT');
      const onSigterm = () => forward('SIGTERM');
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigterm);
      try {
        return await new Promise<number>((resolve, reject) => {
          child.once('error', (error) => reject(new Error(`cannot start prism: ${error.message}`)));
          // Prism ending because we passed it a signal is a normal stop.
          child.once('exit', (code) => resolve(forwarded !== null ? 0 : (code ?? 1)));
        });
      } finally {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigterm);
      }
    },
  };
}

export const command: Command = createPrismCommand();
