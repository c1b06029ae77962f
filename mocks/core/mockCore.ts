import type { Schedule } from '../jobs/jobStore.js';
import { clearInstanceState, createMemoryState } from '../state/instanceState.js';
import { createPositionedIds } from '../state/positionedIds.js';
import { createRouteTable, type RouteTable } from '../spec/routeTable.js';
import { SpecValidators } from '../spec/schemaValidators.js';
import { applyPreload, type PreloadReport } from '../preload/applyPreload.js';
import { parsePreload, vendorOfKind, type PreloadItem } from '../preload/preloadPlan.js';
import { listOperations, type SpecName } from '../spec/specRegistry.js';
import { checkControlToken, createControlSimulator } from '../vendors/control/controlSimulator.js';
import { createLearningBuilderSimulator } from '../vendors/learningBuilder/learningBuilderSimulator.js';
import { createStackOneSimulator } from '../vendors/stackOne/stackOneSimulator.js';
import { createThoughtIndustriesSimulator } from '../vendors/thoughtIndustries/thoughtIndustriesSimulator.js';
import { createManualClock, isManualClock, systemClock, virtualEpoch, type Clock } from './clock.js';
import { documentedStatuses, drawInjectedStatus, exampleNames, findExample, readRequestedFaults } from './faults.js';
import { MemoryBudget } from './memoryBudget.js';
import { IncompleteBodyError, PayloadTooLargeError, type MockRequest } from './mockRequest.js';
import { jsonResponse, type MockResponse } from './mockResponse.js';
import { resolveSettings, type MockOptions, type MockSettings } from './mockSettings.js';
import { createRandom, type Random } from './random.js';
import { RequestLog } from './requestLog.js';
import { createTransportCounters } from './transportCounters.js';
import type { MockState, OperationCall, VendorSimulator } from './simulator.js';
import { createReplayLayer, type ReplayLayer, type ReplayOptions } from '../../recording/replayLayer.js';
import type { ReplaySource } from '../../recording/replayBook.js';

export interface CreateMockOptions extends MockOptions {
  /** Drives every job and timestamp. Default: the wall clock for `realistic` timing, a virtual clock otherwise. */
  clock?: Clock;
  /** Thought Industries import files available from the start, by asset path (kept across resets). */
  assets?: Record<string, Uint8Array | string>;
  /**
   * Recorded exchanges answered before the simulators see a request: a parsed HAR, several, or
   * `{ recordings, only: true }` to answer unmatched requests with 404. See recording/replayLayer.ts.
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

/** Where each spec's paths start, to tell whose 404 an unknown path gets. */
const pathPrefixes: ReadonlyArray<[string, SpecName]> = [
  ['/incoming/v2/', 'thought-industries'],
  ['/unified/', 'stackone'],
  ['/API/', 'learning-builder'],
  ['/__bulkmock/', 'control'],
];

export interface MockCore {
  readonly state: MockState;
  readonly routes: RouteTable;
  /** Answers one request. Never throws: every failure becomes a documented error answer. */
  handle(request: MockRequest, origin?: string): Promise<MockResponse>;
  /** Forgets all jobs, records, uploaded assets and requests; restarts ids from the seed; preloads again. */
  reset(): void;
  /** Settles when the preload (at start or after the last reset) is done; every request waits for it. */
  readonly ready: Promise<PreloadReport>;
  /** Moves a virtual clock forward (manual timing). */
  advanceClock(ms: number): number;
  simulator(spec: SpecName): VendorSimulator | undefined;
  /** The replay layer in front of the simulators, when the mock was made with `replay`. */
  readonly replay: ReplayLayer | null;
}

/**
 * Builds one mock instance: its settings, clock, ids, stores, and the simulators of the enabled
 * vendors behind one routing table. Every adapter (MSW, node:http) calls `handle` and nothing else.
 */
export function createMockCore(options: CreateMockOptions = {}): MockCore {
  const settings: MockSettings = resolveSettings(options);
  const ownsClock = options.clock === undefined;
  const clock: Clock = options.clock ?? (settings.timing.mode === 'realistic' ? systemClock : createManualClock());
  const memory = new MemoryBudget(settings.maxMemoryBytes);
  const state: MockState = {
    ...createMemoryState({ clock, seed: settings.seed, memory, maxJobs: settings.maxJobs, assets: options.assets ?? {}, ...(options.schedule && { schedule: options.schedule }) }),
    settings,
    memory,
    validators: new SpecValidators(),
    requestLog: new RequestLog(settings.requestLogSize),
    startedAt: clock.now(),
    transport: createTransportCounters(),
  };
  let faultRandom: Random = createRandom(settings.seed ^ 0xfa17);
  const replay = options.replay ? createReplayLayer(options.replay) : null;
  const preload: PreloadItem[] = options.preload === undefined ? [] : parsePreload(options.preload);
  for (const item of preload) {
    if (item.kind === 'generated' && !settings.vendors.includes(vendorOfKind(item.generator))) {
      throw new RangeError(`preload: ${item.generator} records belong to ${vendorOfKind(item.generator)}, which is not enabled on this mock`);
    }
  }
  let ready: Promise<PreloadReport> = Promise.resolve({ jobs: 0, refused: [] });

  const core: MockCore = {
    state,
    routes: createRouteTable(listOperations([...settings.vendors, 'control'])),
    handle,
    reset() {
      clearInstanceState(state);
      state.requestLog.clear();
      state.ids = createPositionedIds(settings.seed);
      faultRandom = createRandom(settings.seed ^ 0xfa17);
      if (ownsClock && isManualClock(clock)) clock.set(virtualEpoch);
      for (const simulator of simulators.values()) simulator.reset();
      replay?.reset();
      ready = runPreload();
    },
    get ready() {
      return ready;
    },
    advanceClock(ms) {
      if (!isManualClock(clock)) throw new Error(`the clock only moves by hand in manual or instant timing (this mock uses ${settings.timing.mode})`);
      return clock.advance(ms);
    },
    simulator: (spec) => simulators.get(spec),
    replay,
  };

  const simulators = new Map<SpecName, VendorSimulator>();
  const factories = {
    'thought-industries': () => createThoughtIndustriesSimulator(state),
    stackone: () => createStackOneSimulator(state),
    'learning-builder': () => createLearningBuilderSimulator(state),
  } as const;
  for (const vendor of settings.vendors) simulators.set(vendor, factories[vendor]());
  simulators.set('control', createControlSimulator(state, core));
  ready = runPreload();

  function runPreload(): Promise<PreloadReport> {
    if (preload.length === 0) return Promise.resolve({ jobs: state.jobs.size, refused: [] });
    // A failing preload must not leave every later request waiting on a rejected promise.
    return applyPreload({ state, sendDirect, enabled: (spec) => simulators.has(spec) }, preload).catch((error: Error) => ({
      jobs: state.jobs.size,
      refused: [{ what: 'preload', status: 500, message: error.message }],
    }));
  }

  /** Straight to the handler: a preload is the mock's own doing, not a client's request. */
  async function sendDirect(request: MockRequest): Promise<MockResponse> {
    const lookup = core.routes.lookup(request.method, request.path);
    if (lookup.kind !== 'found') return jsonResponse(404, { error: { code: 'not_found', message: `no operation at ${request.method} ${request.path}` } });
    const now = clock.now();
    state.jobs.settle(now);
    const simulator = simulators.get(lookup.match.entry.spec)!;
    return simulator.handlers[lookup.match.entry.operationId]!({ request, match: lookup.match, state, now, origin: 'http://127.0.0.1:4010' });
  }

  async function handle(incoming: MockRequest, origin = 'http://127.0.0.1:4010'): Promise<MockResponse> {
    await ready;
    const started = performance.now();
    const now = clock.now();
    state.jobs.settle(now);
    const layered = replay ? await replay.intercept(incoming) : { request: incoming };
    const request = 'request' in layered ? layered.request : incoming;
    const lookup = core.routes.lookup(request.method, request.path);
    let response: MockResponse;
    let spec: SpecName | null = null;
    let operationId: string | null = null;
    if ('answer' in layered) {
      response = layered.answer;
      if (lookup.kind === 'found') [spec, operationId] = [lookup.match.entry.spec, lookup.match.entry.operationId];
    } else if (lookup.kind === 'found') {
      spec = lookup.match.entry.spec;
      operationId = lookup.match.entry.operationId;
      response = await dispatch({ request, match: lookup.match, state, now, origin });
    } else {
      spec = pathPrefixes.find(([prefix]) => request.path.startsWith(prefix))?.[1] ?? null;
      response = unrouted(request, lookup, spec);
    }
    state.requestLog.add({
      at: now,
      method: request.method,
      path: request.path,
      query: request.query,
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100 + response.delayMs,
      // The control API is the mock's own, not a vendor's.
      vendor: spec === 'control' ? null : spec,
      operationId,
      headers: request.headers,
    });
    return response;
  }

  async function dispatch(call: OperationCall): Promise<MockResponse> {
    const { entry } = call.match;
    const simulator = simulators.get(entry.spec)!;
    try {
      if (entry.extension) {
        const tokenProblem = checkControlToken(call);
        // Always a body that says why, in the control API's shape, even on a vendor spec's extension
        // operation (Thought Industries' own 401 is empty).
        if (tokenProblem) return jsonResponse(401, { error: { code: 'unauthorized', message: tokenProblem } });
      } else {
        const refusal = simulator.authenticate(call);
        if (refusal) return refusal;
      }

      // The control API is ours, not a vendor's: no injected faults or latency there.
      if (entry.spec === 'control') return await simulator.handlers[entry.operationId]!(call);
      const faults = readRequestedFaults(call.request.headers);
      if ('error' in faults) return simulator.error(400, 'invalid_prefer_header', faults.error);
      const delayMs = settings.latencyMs + faults.latencyMs;

      const forced = forcedResponse(simulator, call, faults.code, faults.example);
      if (forced) return { ...forced, delayMs };

      const injected = entry.extension ? null : drawInjectedStatus(entry, settings.errorRate, faultRandom, settings.errorStatuses);
      if (injected !== null) return { ...errorForStatus(simulator, injected, 'injected by --error-rate'), delayMs };

      const handler = simulator.handlers[entry.operationId];
      if (!handler) return simulator.error(501, 'not_implemented', `bulkmock does not simulate ${entry.operationId} yet`);
      const response = await handler(call);
      return { ...response, delayMs: response.delayMs + delayMs };
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return simulator.error(413, 'payload_too_large', error.message);
      if (error instanceof IncompleteBodyError) return simulator.error(400, 'incomplete_body', error.message);
      // A bug in a simulator must not crash the server or hang the client: answer 500 and say so.
      return simulator.error(500, 'internal_mock_error', `bulkmock failed while handling ${entry.operationId}: ${(error as Error).message}`);
    }
  }

  function forcedResponse(simulator: VendorSimulator, call: OperationCall, code: number | null, example: string | null): MockResponse | null {
    if (code === null && example === null) return null;
    const { entry } = call.match;
    if (code !== null && !documentedStatuses(entry).includes(code)) {
      return simulator.error(400, 'invalid_prefer_header', `Prefer: code=${code} is not a documented response of ${entry.operationId} (documented: ${documentedStatuses(entry).join(', ')})`);
    }
    const found = findExample(entry, example, code);
    if (example !== null && !found) {
      return simulator.error(400, 'invalid_prefer_header', `Prefer: example=${example} names no example of ${entry.operationId}${code ? ` for status ${code}` : ''} (available: ${exampleNames(entry).join(', ') || 'none'})`);
    }
    if (found && found.contentType.includes('json')) {
      const extra = found.status === 429 || found.status === 503 ? { 'retry-after': '30' } : undefined;
      return jsonResponse(found.status, found.value, { 'content-type': found.contentType, ...extra });
    }
    return errorForStatus(simulator, code ?? 500, 'forced by Prefer: code');
  }

  function unrouted(request: MockRequest, lookup: { kind: 'method-not-allowed'; allowed: string[] } | { kind: 'not-found' }, spec: SpecName | null): MockResponse {
    const simulator = spec ? simulators.get(spec) : undefined;
    if (lookup.kind === 'method-not-allowed') {
      const message = `${request.method} is not allowed on ${request.path}; use ${lookup.allowed.join(' or ')}`;
      const response = simulator ? simulator.error(405, 'method_not_allowed', message) : jsonResponse(405, { error: { code: 'method_not_allowed', message } });
      return { ...response, headers: { ...response.headers, allow: lookup.allowed.join(', ') } };
    }
    if (spec && spec !== 'control' && !simulator) {
      return jsonResponse(404, { error: { code: 'vendor_not_enabled', message: `${spec} is not enabled on this mock; start it with --vendor ${spec}` } });
    }
    const message = `no operation at ${request.method} ${request.path}`;
    if (simulator) return simulator.error(404, 'not_found', message);
    return jsonResponse(404, {
      error: { code: 'not_found', message: `${message}; bulkmock serves ${pathPrefixes.map(([p]) => p).join(', ')}` },
    });
  }

  return core;
}

/** A vendor error answer for an injected or forced status, with Retry-After where it belongs. */
export function errorForStatus(simulator: VendorSimulator, status: number, why: string): MockResponse {
  const messages: Record<number, [string, string]> = {
    400: ['bad_request', 'the request is malformed'],
    401: ['unauthorized', 'missing or invalid credentials'],
    403: ['forbidden', 'the credentials do not allow this operation'],
    404: ['not_found', 'the resource does not exist'],
    408: ['request_timeout', 'the request took too long'],
    409: ['conflict', 'the request conflicts with the current state'],
    412: ['precondition_failed', 'the linked account belongs to a disabled integration'],
    413: ['payload_too_large', 'the request body is too large'],
    415: ['unsupported_media_type', 'the request body has an unsupported content type'],
    422: ['unprocessable_entity', 'the request could not be processed'],
    429: ['rate_limited', 'too many requests; retry after the number of seconds in Retry-After'],
    500: ['server_error', 'the server failed to handle the request'],
    501: ['not_implemented', 'not implemented for this provider'],
    502: ['bad_gateway', 'the upstream provider answered with an error'],
    503: ['service_unavailable', 'the service is temporarily unavailable; retry after the number of seconds in Retry-After'],
  };
  const [code, message] = messages[status] ?? ['error', `status ${status}`];
  const response = simulator.error(status, code, `${message} (${why})`);
  if (status === 429 || status === 503) response.headers['retry-after'] = '30';
  return response;
}
