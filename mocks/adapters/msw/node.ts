import { setupServer, type SetupServer } from 'msw/node';
import type { CreateMockOptions } from '../../builtInVendors.js';
import type { MockCore } from '../../core/mockCore.js';
import { createBulkmock } from './handlers.js';

export { createHandlers, createBulkmock, type BulkmockPath } from './handlers.js';

/**
 * bulkmock for Node tests: an MSW server whose handlers answer every vendor from one mock core.
 * Call `server.listen()` before the tests and `server.close()` after; `core` resets and inspects state.
 */
export function setupBulkmockServer(options: CreateMockOptions & { origin?: string } = {}): {
  server: SetupServer;
  core: MockCore;
} {
  const { core, handlers } = createBulkmock(options);
  return { server: setupServer(...handlers), core };
}
