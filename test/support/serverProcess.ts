import { spawnCli, type CliProcess, type SpawnCliOptions } from './cliProcess.js';

/** `bulkmock serve` running in a child process on a free port. */
export interface ServeProcess {
  /** Base URL it listens on, from its banner. */
  url: string;
  /** Standard output up to the line waited for. */
  banner: string;
  process: CliProcess;
}

export interface StartServeOptions extends SpawnCliOptions {
  /** Banner text to wait for; the Control API line by default (written with the listening line). */
  readyWhen?: string;
}

/**
 * Starts `bulkmock serve --port 0 <args>` from the sources and resolves once its banner shows the
 * address. It is stopped after the test (or after the file, when started in a beforeAll).
 */
export async function startServe(args: string[], options: StartServeOptions = {}): Promise<ServeProcess> {
  const serve = spawnServe(args, options);
  const banner = await serve.waitForOutput(options.readyWhen ?? 'Control API');
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
  if (url === undefined) throw new Error(`bulkmock serve printed no address: ${banner}`);
  return { url, banner, process: serve };
}

/** Spawns `bulkmock serve --port 0 <args>` without waiting, for a serve expected to refuse its options. */
export function spawnServe(args: string[], options: SpawnCliOptions = {}): CliProcess {
  return spawnCli(['serve', '--port', '0', ...args], options);
}
