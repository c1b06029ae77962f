import type { CreateMockOptions } from '../builtInVendors.js';
import { learningBuilder } from '../vendors/learningBuilder/learningBuilderSimulator.js';
import { stackOne } from '../vendors/stackOne/stackOneSimulator.js';
import { thoughtIndustries } from '../vendors/thoughtIndustries/thoughtIndustriesSimulator.js';
import type { MockCore } from '../core/mockCore.js';
import type { TimingMode } from '../jobs/jobLifecycle.js';
import { waitForJob, type MockJob, type WaitForJobOptions } from './waitForJob.js';

/** The lifecycle hooks of a test runner; vitest's and Jest's fit as they are. */
export interface LifecycleHooks {
  beforeAll(hook: () => Promise<void>, timeoutMs?: number): void;
  afterEach(hook: () => void | Promise<void>): void;
  afterAll(hook: () => Promise<void>, timeoutMs?: number): void;
}

/** Absolute base URLs, ready to prefix a vendor path (Node's fetch takes no relative URL). */
export interface BulkmockUrls {
  /** Where the mock answers: `http://127.0.0.1:<port>` for the server, `http://bulkmock.test` for MSW. */
  origin: string;
  /** Thought Industries: `${origin}/incoming/v2` (the real one is `https://<instance>.thoughtindustries.com/incoming/v2`). */
  thoughtIndustries: string;
  /** StackOne unified LMS: `${origin}/unified`. */
  stackOne: string;
  /** Learning Builder: `${origin}/API`. */
  learningBuilder: string;
  /** bulkmock's control API: `${origin}/__bulkmock`. */
  control: string;
}

export interface UseBulkmockOptions extends CreateMockOptions {
  /**
   * `server` (default): a real node:http server on a free 127.0.0.1 port; any HTTP client reaches it,
   * and msw is not needed. `msw`: MSW's `setupServer` in this process (needs the msw peer
   * dependency); it answers `fetch` to any origin, `urls.origin` included.
   */
  transport?: 'server' | 'msw';
  /**
   * The runner's `beforeAll`, `afterEach` and `afterAll`. Default: the globals of that name (Jest,
   * vitest with `globals: true`); without them, pass vitest's imports.
   */
  hooks?: LifecycleHooks;
}

export interface BulkmockTestContext {
  /** Absolute base URLs; read them inside tests or hooks (the port is known once the mock started). */
  readonly urls: BulkmockUrls;
  /** The mock core behind the transport: settings, state, `reset()`, `advanceClock(ms)`. */
  readonly core: MockCore;
  /** Waits until the job ends and returns it as `GET /__bulkmock/jobs/{id}` shows it; see `waitForJob`. */
  waitForJob(id: string, options?: WaitForJobOptions): Promise<MockJob>;
  /** Moves the mock's clock forward (manual timing). Returns the new time in epoch ms. */
  advanceClock(ms: number): number;
}

/** What a test runner needs from a started transport. */
interface StartedMock {
  origin: string;
  core: MockCore;
  close(): Promise<void>;
}

/** The origin the MSW transport hands out: `.test` never resolves, so a request MSW misses fails fast. */
export const mswOrigin = 'http://bulkmock.test';

/**
 * One call wires bulkmock into a test file: the mock starts before all tests, is reset after each
 * (jobs, records, assets, request log, ids), and closes after all. Timing defaults to `instant`
 * (jobs end as soon as they are accepted); pass `timing: { mode: 'manual' }` to step through states.
 *
 *   import { afterAll, afterEach, beforeAll, it } from 'vitest';
 *   const mock = useBulkmock({ hooks: { beforeAll, afterEach, afterAll } });
 *   it('imports', async () => { await fetch(`${mock.urls.stackOne}/lms/courses/batch`, ...) });
 */
export function useBulkmock(options: UseBulkmockOptions = {}): BulkmockTestContext {
  const { transport = 'server', hooks = globalHooks(), ...mockOptions } = options;
  const timing = { mode: 'instant' as TimingMode, ...mockOptions.timing };
  let started: StartedMock | undefined;
  const current = (what: string): StartedMock => {
    if (started === undefined)
      throw new Error(
        `bulkmock has not started yet, so ${what} is not known: read it inside a test or a hook that runs after beforeAll`,
      );
    return started;
  };

  hooks.beforeAll(async () => {
    started = await start(transport, { ...mockOptions, timing });
  }, 60_000);
  hooks.afterEach(() => {
    started?.core.reset();
  });
  hooks.afterAll(async () => {
    await started?.close();
    started = undefined;
  }, 60_000);

  return {
    get urls() {
      return urlsOf(current('urls').origin);
    },
    get core() {
      return current('core').core;
    },
    waitForJob: (id, waitOptions) => waitForJob(current('the mock').core, id, waitOptions),
    advanceClock: (ms) => current('the mock').core.advanceClock(ms),
  };
}

/** A vendor's first path prefix without its closing slash (`/unified`), from its definition. */
function basePath(vendor: { prefixes: readonly string[] }): string {
  return vendor.prefixes[0]!.replace(/\/$/, '');
}

export function urlsOf(origin: string): BulkmockUrls {
  return {
    origin,
    thoughtIndustries: origin + basePath(thoughtIndustries),
    stackOne: origin + basePath(stackOne),
    learningBuilder: origin + basePath(learningBuilder),
    control: `${origin}/__bulkmock`,
  };
}

/** The transports are imported when used, so `transport: 'server'` never loads msw. */
async function start(transport: 'server' | 'msw', mock: CreateMockOptions): Promise<StartedMock> {
  if (transport === 'server') {
    const { startMockServer } = await import('../adapters/http/httpServer.js');
    const server = await startMockServer({ port: 0, mock });
    return { origin: server.url, core: server.core, close: () => server.close() };
  }
  if (transport !== 'msw') throw new TypeError(`transport must be "server" or "msw", got "${String(transport)}"`);
  const { setupBulkmockServer } = await import('../adapters/msw/node.js');
  const { server, core } = setupBulkmockServer(mock);
  server.listen({ onUnhandledRequest: 'bypass' });
  const close = (): Promise<void> => {
    // MSW's server.close() is synchronous; a transport's close returns a promise either way.
    server.close();
    return Promise.resolve();
  };
  return { origin: mswOrigin, core, close };
}

function globalHooks(): LifecycleHooks {
  const candidate = globalThis as Partial<LifecycleHooks>;
  if (
    typeof candidate.beforeAll === 'function' &&
    typeof candidate.afterEach === 'function' &&
    typeof candidate.afterAll === 'function'
  ) {
    return { beforeAll: candidate.beforeAll, afterEach: candidate.afterEach, afterAll: candidate.afterAll };
  }
  throw new Error(
    "useBulkmock needs the test runner's hooks: pass { hooks: { beforeAll, afterEach, afterAll } } (import them from 'vitest'), or run with globals (Jest, or vitest's globals: true)",
  );
}
