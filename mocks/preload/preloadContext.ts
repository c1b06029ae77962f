import type { IdSource } from '../core/ids.js';
import type { MockRequest } from '../core/mockRequest.js';
import type { MockResponse } from '../core/mockResponse.js';
import type { MockState } from '../core/simulator.js';
import type { SpecName } from '../spec/specRegistry.js';

/** What a preload needs from the mock it fills. */
export interface PreloadContext {
  state: MockState;
  /** Sends a request straight to its operation's handler: no credentials, no faults, no request log. */
  sendDirect(request: MockRequest): Promise<MockResponse>;
  /** Whether the vendor (or the control API) is served by this mock. */
  enabled(spec: SpecName): boolean;
}

/**
 * Runs `action` with an id source whose first id is `id`, then the mock's own sequence. Every bulk
 * handler draws its job's id first, so this gives the job an id an example names.
 */
export async function withFirstId<T>(state: MockState, id: string, action: () => Promise<T>): Promise<T> {
  const own: IdSource = state.ids;
  let used = false;
  state.ids = {
    uuid: () => {
      if (used) return own.uuid();
      used = true;
      return id;
    },
  };
  try {
    return await action();
  } finally {
    state.ids = own;
  }
}
