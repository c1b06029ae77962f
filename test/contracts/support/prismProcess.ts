import type { ChildProcess } from 'node:child_process';
import { prismListening, spawnPrism } from '../../../cli/commands/prism.js';
import type { Vendor } from '../../../mocks/spec/specRegistry.js';
import { stopAfterUse, stopChild } from '../../support/childProcess.js';

export interface RunningPrism {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `prism mock` (or proxy) of a vendor's spec on a free port, started the way `bulkmock prism` starts it. */
export async function startPrism(
  vendor: Vendor,
  mode: 'mock' | 'proxy' = 'mock',
  upstream?: string,
): Promise<RunningPrism> {
  const child = stopAfterUse(spawnPrism({ mode, vendor, upstream, port: 0, host: '127.0.0.1' }));
  try {
    // Prism takes seconds to start, many more on a busy 2-core machine; the hooks allow for it.
    const url = await prismListening(child, 100_000);
    return { url, child, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
