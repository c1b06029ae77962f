import type { PreloadReport } from '../preload/applyPreload.js';
import type { PreloadItem } from '../preload/preloadPlan.js';
import type { ReplayLayer } from '../replay/replayLayer.js';
import type { RouteLookup, RouteMatch, RouteTable } from '../spec/routeTable.js';
import type { Rejection } from '../spec/requestValidation.js';
import type { SpecName } from '../spec/specRegistry.js';
import { checkControlToken } from './control/controlToken.js';
import { errorForStatus, forcedResponse, type BoundErrors } from './faultAnswers.js';
import { drawInjectedStatus, failureOf, readRequestedFaults } from './faults.js';
import { IncompleteBodyError, PayloadTooLargeError, type MockRequest } from './mockRequest.js';
import { jsonResponse, type MockResponse } from './mockResponse.js';
import type { Random } from './random.js';
import type { ErrorDetail, MockState, OperationCall } from './simulator.js';
import type { AnyVendorDefinition, VendorState } from './vendorDefinition.js';

/** A vendor as one mock instance serves it: its definition and the state it made for this instance. */
export interface ServedVendor {
  definition: AnyVendorDefinition;
  vendor: VendorState;
  /** The mock instance that serves it (error answers read its clock). */
  mock: MockState;
  /** The control API: the mock's own, so no credentials of a vendor, no injected faults or latency. */
  ownApi: boolean;
  /** Its error answers, made once rather than on every request (OperationCall's `error` and `reject`). */
  error: OperationCall<VendorState>['error'];
  reject: OperationCall<VendorState>['reject'];
  errors: BoundErrors;
}

/** A vendor as `instance` serves it, with its error answers bound once. */
export function serveVendor(
  definition: AnyVendorDefinition,
  vendor: VendorState,
  mock: MockState,
  ownApi: boolean,
): ServedVendor {
  const served = { definition, vendor, mock, ownApi } as ServedVendor;
  served.error = (status, code, message, details) => vendorError(served, status, code, message, details);
  served.reject = (rejection) => rejectWith(served, rejection);
  served.errors = {
    answer: (status, code, message) => vendorError(served, status, code, message),
    statuses: definition.errors.statuses,
  };
  return served;
}

/** Everything one mock instance holds; the functions below work on it explicitly. */
export interface CoreInstance {
  state: MockState;
  routes: RouteTable;
  served: Map<string, ServedVendor>;
  prefixes: ReadonlyArray<readonly [prefix: string, spec: string]>;
  /** Prefixes of vendors known to the composition root but not served by this instance. */
  unservedPrefixes: ReadonlyArray<readonly [prefix: string, vendor: string]>;
  replay: ReplayLayer | null;
  faultRandom: Random;
  /** The clock was made by the core (not passed in), so a reset may set it back. */
  ownsClock: boolean;
  preload: readonly PreloadItem[];
  ready: Promise<PreloadReport>;
}

const defaultOrigin = 'http://127.0.0.1:4010';

/** A vendor's error answer, with details defaulting to none. */
function vendorError(
  served: ServedVendor,
  status: number,
  code: string,
  message: string,
  details: ErrorDetail[] = [],
): MockResponse {
  return served.definition.errors.answer(status, code, message, details, served.mock);
}

/** The one place a Rejection becomes a vendor's error answer. */
function rejectWith(served: ServedVendor, rejection: Rejection): MockResponse {
  return vendorError(served, rejection.status, rejection.code, rejection.message, rejection.details);
}

/** The call a handler gets; written out field by field, as an object spread cost about a microsecond per request. */
function callFor(
  served: ServedVendor,
  request: MockRequest,
  match: RouteMatch,
  now: number,
  origin: string,
): OperationCall<VendorState> {
  return {
    request,
    match,
    state: served.mock,
    vendor: served.vendor,
    now,
    origin,
    failJob: null,
    error: served.error,
    reject: served.reject,
  };
}

/** The answer with its delay set to `delayMs` (the same object when that is its delay already). */
function withDelay(response: MockResponse, delayMs: number): MockResponse {
  if (response.delayMs === delayMs) return response;
  return { status: response.status, headers: response.headers, body: response.body, delayMs };
}

/** Answers one request from a client: replay first, then the route's vendor; every request is logged. */
export async function handleRequest(
  instance: CoreInstance,
  incoming: MockRequest,
  origin = defaultOrigin,
): Promise<MockResponse> {
  const { state, replay } = instance;
  await instance.ready;
  const started = performance.now();
  const now = state.clock.now();
  state.jobs.settle(now);
  const layered = replay ? await replay.intercept(incoming) : { request: incoming };
  const request = 'request' in layered ? layered.request : incoming;
  const lookup = instance.routes.lookup(request.method, request.path);
  let response: MockResponse;
  let spec: SpecName | null = null;
  let operationId: string | null = null;
  if ('answer' in layered) {
    response = layered.answer;
    if (lookup.kind === 'found') [spec, operationId] = [lookup.match.entry.spec, lookup.match.entry.operationId];
  } else if (lookup.kind === 'found') {
    spec = lookup.match.entry.spec;
    operationId = lookup.match.entry.operationId;
    response = await dispatch(instance, instance.served.get(spec)!, { request, match: lookup.match, now, origin });
  } else {
    spec = (instance.prefixes.find(([prefix]) => request.path.startsWith(prefix))?.[1] ?? null) as SpecName | null;
    response = unrouted(instance, request, lookup, spec);
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

/** Straight to the handler: a preload is the mock's own doing, not a client's request (no credentials, faults or log). */
export async function sendDirect(instance: CoreInstance, request: MockRequest): Promise<MockResponse> {
  const { state } = instance;
  const lookup = instance.routes.lookup(request.method, request.path);
  if (lookup.kind !== 'found')
    return jsonResponse(404, {
      error: { code: 'not_found', message: `no operation at ${request.method} ${request.path}` },
    });
  const now = state.clock.now();
  state.jobs.settle(now);
  const served = instance.served.get(lookup.match.entry.spec)!;
  const call = callFor(served, request, lookup.match, now, defaultOrigin);
  const handler = handlerOf(served, lookup.match);
  return handler
    ? handler(call)
    : call.error(501, 'not_implemented', `bulkmock does not simulate ${lookup.match.entry.operationId} yet`);
}

function handlerOf(
  served: ServedVendor,
  match: RouteMatch,
): ((call: OperationCall<VendorState>) => MockResponse | Promise<MockResponse>) | undefined {
  const handlers = served.definition.operations as Record<
    string,
    ((call: OperationCall<VendorState>) => MockResponse | Promise<MockResponse>) | undefined
  >;
  return handlers[match.entry.operationId];
}

/** Credentials, then faults the client asked for or the settings inject, then the operation's handler. */
async function dispatch(
  instance: CoreInstance,
  served: ServedVendor,
  parts: { request: MockRequest; match: RouteMatch; now: number; origin: string },
): Promise<MockResponse> {
  const { settings } = instance.state;
  const { entry } = parts.match;
  try {
    const base = callFor(served, parts.request, parts.match, parts.now, parts.origin);
    if (entry.extension) {
      const tokenProblem = checkControlToken(base);
      // Always a body that says why, in the control API's shape, even on a vendor spec's extension
      // operation (Thought Industries' own 401 is empty).
      if (tokenProblem) return jsonResponse(401, { error: { code: 'unauthorized', message: tokenProblem } });
    } else {
      const refusal = served.definition.auth(base);
      if (refusal) return rejectWith(served, refusal);
    }

    const handler = handlerOf(served, parts.match);
    // The control API is ours, not a vendor's: no injected faults or latency there.
    if (served.ownApi && handler) return await handler(base);
    const faults = readRequestedFaults(parts.request.headers);
    if ('error' in faults) return vendorError(served, 400, 'invalid_prefer_header', faults.error);
    const delayMs = settings.latencyMs + faults.latencyMs;

    const forced = forcedResponse(served.errors, entry, faults.code, faults.example);
    if (forced) return withDelay(forced, delayMs);

    const injected = entry.extension
      ? null
      : drawInjectedStatus(entry, settings.errorRate, instance.faultRandom, settings.errorStatuses);
    if (injected !== null)
      return withDelay(errorForStatus(served.errors, injected, 'injected by --error-rate'), delayMs);

    if (!handler)
      return vendorError(served, 501, 'not_implemented', `bulkmock does not simulate ${entry.operationId} yet`);
    // The credential check above is done with the call: the same object goes on to the handler.
    base.failJob = failureOf(faults);
    const response = await handler(base);
    return withDelay(response, response.delayMs + delayMs);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return vendorError(served, 413, 'payload_too_large', error.message);
    if (error instanceof IncompleteBodyError) return vendorError(served, 400, 'incomplete_body', error.message);
    // A bug in a simulator must not crash the server or hang the client: answer 500 and say so.
    return vendorError(
      served,
      500,
      'internal_mock_error',
      `bulkmock failed while handling ${entry.operationId}: ${(error as Error).message}`,
    );
  }
}

/** A path no operation matches: the 405 or 404 of the vendor whose prefix it is under, or the mock's own. */
function unrouted(
  instance: CoreInstance,
  request: MockRequest,
  lookup: Exclude<RouteLookup, { kind: 'found' }>,
  spec: string | null,
): MockResponse {
  const served = spec ? instance.served.get(spec) : undefined;
  if (lookup.kind === 'method-not-allowed') {
    const message = `${request.method} is not allowed on ${request.path}; use ${lookup.allowed.join(' or ')}`;
    const response = served
      ? vendorError(served, 405, 'method_not_allowed', message)
      : jsonResponse(405, { error: { code: 'method_not_allowed', message } });
    return { ...response, headers: { ...response.headers, allow: lookup.allowed.join(', ') } };
  }
  const unserved = served
    ? undefined
    : instance.unservedPrefixes.find(([prefix]) => request.path.startsWith(prefix))?.[1];
  if (unserved) {
    return jsonResponse(404, {
      error: {
        code: 'vendor_not_enabled',
        message: `${unserved} is not enabled on this mock; start it with --vendor ${unserved}`,
      },
    });
  }
  const message = `no operation at ${request.method} ${request.path}`;
  if (served) return vendorError(served, 404, 'not_found', message);
  return jsonResponse(404, {
    error: {
      code: 'not_found',
      message: `${message}; bulkmock serves ${instance.prefixes.map(([p]) => p).join(', ')}`,
    },
  });
}

/**
 * The answer while a shared store (issue 17's Redis) cannot be reached: the vendor's 503 with
 * Retry-After on a vendor's path, the control API's on the mock's own.
 */
export function unavailableAnswer(instance: CoreInstance, request: MockRequest, why: string): MockResponse {
  const lookup = instance.routes.lookup(request.method, request.path);
  const spec =
    lookup.kind === 'found'
      ? lookup.match.entry.spec
      : instance.prefixes.find(([prefix]) => request.path.startsWith(prefix))?.[1];
  const served = spec === undefined ? undefined : instance.served.get(spec);
  if (served && !served.ownApi) return errorForStatus(served.errors, 503, why);
  return jsonResponse(503, { error: { code: 'service_unavailable', message: why } }, { 'retry-after': '30' });
}
