import type { Schedule } from '../jobs/jobStore.js';
import { clearInstanceState, createMemoryState } from '../state/instanceState.js';
import { createPositionedIds } from '../state/positionedIds.js';
import { createRouteTable, type RouteTable } from '../spec/routeTable.js';
import { SpecValidators } from '../spec/schemaValidators.js';
import { applyPreload, type PreloadReport } from '../preload/applyPreload.js';
import { parsePreload, vendorOfKind, type PreloadItem } from '../preload/preloadPlan.js';
import { listOperations, registerSpec } from '../spec/specRegistry.js';
import { createReplayLayer, type ReplayLayer, type ReplayOptions } from '../replay/replayLayer.js';
import type { ReplaySource } from '../replay/replayBook.js';
import { createManualClock, isManualClock, systemClock, virtualEpoch, type Clock } from './clock.js';
import { createControlApi } from './control/controlApi.js';
import {
  handleRequest,
  sendDirect,
  serveVendor,
  unavailableAnswer,
  type CoreInstance,
  type ServedVendor,
} from './dispatch.js';
import { MemoryBudget } from './memoryBudget.js';
import type { MockRequest } from './mockRequest.js';
import type { MockResponse } from './mockResponse.js';
import { resolveSettings, type MockOptions } from './mockSettings.js';
import { createRandom } from './random.js';
import { RequestLog } from './requestLog.js';
import { createTransportCounters } from './transportCounters.js';
import type { MockState } from './simulator.js';
import type { AnyVendorDefinition, VendorState } from './vendorDefinition.js';

export interface CreateMockOptions extends Omit<MockOptions, 'vendors'> {
  /** The vendors this mock serves, as `defineVendor` describes them (the control API is always served). */
  vendors: readonly AnyVendorDefinition[];
  /** Vendors known but not served: a path under their prefixes gets a 404 that says how to enable them. */
  notServed?: ReadonlyArray<Pick<AnyVendorDefinition, 'name' | 'prefixes'>>;
  /** Drives every job and timestamp. Default: the wall clock for `realistic` timing, a virtual clock otherwise. */
  clock?: Clock;
  /** Thought Industries import files available from the start, by asset path (kept across resets). */
  assets?: Record<string, Uint8Array | string>;
  /**
   * Recorded exchanges answered before the simulators see a request: a parsed HAR, several, or
   * `{ recordings, only: true }` to answer unmatched requests with 404. See mocks/replay/replayLayer.ts.
   */
  replay?: ReplayOptions | ReplaySource;
  /**
   * Runs the next slice of a large job's end effects (default: setTimeout 0, in Node and browsers).
   * A test may collect the tasks and run them by hand.
   */
  schedule?: Schedule;
  /**
   * State to start with, and to return to on every reset: `examples` (what the specs' examples refer
   * to) and/or `kind:count` of generated records, e.g. `['examples', 'stackone-course:50,ti-webinar:20']`.
   */
  preload?: string | readonly string[];
}

export interface MockCore {
  readonly state: MockState;
  readonly routes: RouteTable;
  /** Where each served spec's paths start (control API included), from the vendor definitions. */
  readonly prefixes: ReadonlyArray<readonly [prefix: string, spec: string]>;
  /** Answers one request. Never throws: every failure becomes a documented error answer. */
  handle(request: MockRequest, origin?: string): Promise<MockResponse>;
  /** The 503 (with Retry-After) a request gets while a shared store is unreachable: the vendor's own on its paths. */
  unavailable(request: MockRequest, why: string): MockResponse;
  /** Forgets all jobs, records, uploaded assets and requests; restarts ids from the seed; preloads again. */
  reset(): void;
  /** Settles when the preload (at start or after the last reset) is done; every request waits for it. */
  readonly ready: Promise<PreloadReport>;
  /** Moves a virtual clock forward (manual timing). */
  advanceClock(ms: number): number;
  /** The replay layer in front of the simulators, when the mock was made with `replay`. */
  readonly replay: ReplayLayer | null;
}

/** Seeds the injected-fault draws apart from the ids, so one does not shift the other. */
const faultSeedMask = 0xfa17;

/**
 * Builds one mock instance: its settings, clock, ids, stores, and the given vendors (plus the
 * control API) behind one routing table. Every adapter (MSW, node:http) calls `handle` and nothing
 * else. The core knows no vendor: they arrive as definitions, as handlers arrive at MSW's setupServer.
 */
export function createMockCore(options: CreateMockOptions): MockCore {
  const names = options.vendors.map((vendor) => registerSpec(vendor.name, vendor.spec, vendor.specFile));
  if (new Set(names).size !== names.length) throw new RangeError(`a vendor is listed twice: ${names.join(', ')}`);
  const settings = resolveSettings({ ...options, vendors: names });
  const ownsClock = options.clock === undefined;
  const clock: Clock = options.clock ?? (settings.timing.mode === 'realistic' ? systemClock : createManualClock());
  const memory = new MemoryBudget(settings.maxMemoryBytes);
  const state: MockState = {
    ...createMemoryState({
      clock,
      seed: settings.seed,
      memory,
      maxJobs: settings.maxJobs,
      assets: options.assets ?? {},
      ...(options.schedule && { schedule: options.schedule }),
    }),
    settings,
    memory,
    validators: new SpecValidators(),
    requestLog: new RequestLog(settings.requestLogSize),
    startedAt: clock.now(),
    transport: createTransportCounters(),
  };
  const preload: PreloadItem[] = options.preload === undefined ? [] : parsePreload(options.preload);
  for (const item of preload) {
    if (item.kind === 'generated' && !settings.vendors.includes(vendorOfKind(item.generator))) {
      throw new RangeError(
        `preload: ${item.generator} records belong to ${vendorOfKind(item.generator)}, which is not enabled on this mock`,
      );
    }
  }

  const control = createControlApi({
    reset: () => reset(instance),
    get ready() {
      return instance.ready;
    },
    advanceClock: (ms) => advanceClock(instance, ms),
  });
  const setup = { ...options };
  const served = new Map<string, ServedVendor>();
  for (const definition of options.vendors)
    served.set(definition.name, serveVendor(definition, definition.state(state, setup) as VendorState, state, false));
  served.set('control', serveVendor(control, control.state(state, setup), state, true));

  const instance: CoreInstance = {
    state,
    routes: createRouteTable(listOperations([...names, registerSpec('control', control.spec, control.specFile)])),
    served,
    prefixes: [...served.values()].flatMap(({ definition }) =>
      definition.prefixes.map((prefix) => [prefix, definition.name] as const),
    ),
    unservedPrefixes: (options.notServed ?? []).flatMap(({ name, prefixes }) =>
      prefixes.map((prefix) => [prefix, name] as const),
    ),
    replay: options.replay ? createReplayLayer(options.replay) : null,
    faultRandom: createRandom(settings.seed ^ faultSeedMask),
    ownsClock,
    preload,
    ready: Promise.resolve({ jobs: 0, refused: [] }),
  };
  instance.ready = runPreload(instance);

  return {
    state,
    routes: instance.routes,
    prefixes: instance.prefixes,
    handle: (request, origin) => handleRequest(instance, request, origin),
    unavailable: (request, why) => unavailableAnswer(instance, request, why),
    reset: () => reset(instance),
    get ready() {
      return instance.ready;
    },
    advanceClock: (ms) => advanceClock(instance, ms),
    replay: instance.replay,
  };
}

function reset(instance: CoreInstance): void {
  const { state } = instance;
  const { settings, clock } = state;
  clearInstanceState(state);
  state.requestLog.clear();
  state.ids = createPositionedIds(settings.seed);
  instance.faultRandom = createRandom(settings.seed ^ faultSeedMask);
  if (instance.ownsClock && isManualClock(clock)) clock.set(virtualEpoch);
  for (const { vendor } of instance.served.values()) (vendor as { reset?(): void }).reset?.();
  instance.replay?.reset();
  instance.ready = runPreload(instance);
}

function advanceClock(instance: CoreInstance, ms: number): number {
  const { clock, settings } = instance.state;
  if (!isManualClock(clock))
    throw new Error(
      `the clock only moves by hand in manual or instant timing (this mock uses ${settings.timing.mode})`,
    );
  return clock.advance(ms);
}

function runPreload(instance: CoreInstance): Promise<PreloadReport> {
  const { state, preload } = instance;
  if (preload.length === 0) return Promise.resolve({ jobs: state.jobs.size, refused: [] });
  // A failing preload must not leave every later request waiting on a rejected promise.
  const context = {
    state,
    sendDirect: (request: MockRequest) => sendDirect(instance, request),
    enabled: (spec: string) => instance.served.has(spec),
  };
  return applyPreload(context, preload).catch((error: Error) => ({
    jobs: state.jobs.size,
    refused: [{ what: 'preload', status: 500, message: error.message }],
  }));
}
