import { afterAll, beforeAll } from 'vitest';
import {
  startMockServer,
  type RunningServer,
  type StartServerOptions,
} from '../../../mocks/adapters/http/httpServer.js';
import type { CreateMockOptions } from '../../../mocks/builtInVendors.js';
import { goodInPersonEvent, goodWebinar, inPersonCsv, webinarCsv } from '../../support/csvFixtures.js';

/** Import files every fuzzed server starts with, so that generated imports can succeed. */
export const preloadedAssets = {
  'fuzz/webinars.csv': webinarCsv(goodWebinar('WEB-1'), goodWebinar('WEB-2', 'Data Privacy Essentials')),
  'fuzz/events.csv': inPersonCsv(goodInPersonEvent('EVT-1')),
};

/**
 * Small limits, so that generated requests cross them often: a 256 KiB body, 40 rows or records per
 * import, 8 KiB JSON Lines lines, 200 retained jobs. Time is manual, so jobs move only when a
 * property (or a generated clock advance) moves them.
 */
export const fuzzLimits = {
  maxBodyBytes: 256 * 1024,
  maxRowsPerImport: 40,
  maxLineLength: 8 * 1024,
  maxJobs: 200,
} satisfies CreateMockOptions;

/** Starts the real node:http server in-process on a free port for one test file, and stops it after. */
export function useFuzzServer(options: { mock?: CreateMockOptions } & Omit<StartServerOptions, 'mock' | 'port'> = {}): {
  readonly running: RunningServer;
} {
  const holder: { running?: RunningServer } = {};
  beforeAll(async () => {
    holder.running = await startMockServer({
      port: 0,
      ...options,
      mock: { timing: { mode: 'manual' }, assets: preloadedAssets, ...fuzzLimits, ...options.mock },
    });
  });
  afterAll(async () => {
    holder.running?.server.closeAllConnections();
    await holder.running?.close();
  });
  return {
    get running() {
      if (!holder.running) throw new Error('the server is not started yet');
      return holder.running;
    },
  };
}
