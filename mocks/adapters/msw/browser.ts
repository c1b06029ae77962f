import { setupWorker, type SetupWorker } from 'msw/browser';
import type { CreateMockOptions } from '../../builtInVendors.js';
import type { MockCore } from '../../core/mockCore.js';
import { createBulkmock } from './handlers.js';

export { createHandlers, createBulkmock, type BulkmockPath } from './handlers.js';

/**
 * bulkmock in the browser: an MSW service worker answering every vendor from one in-page mock core.
 * `await worker.start()` once (the worker script comes from `npx msw init public/`).
 */
export function setupBulkmockWorker(options: CreateMockOptions & { origin?: string } = {}): {
  worker: SetupWorker;
  core: MockCore;
} {
  const { core, handlers } = createBulkmock(options);
  return { worker: setupWorker(...handlers), core };
}
