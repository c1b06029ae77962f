import type { InstanceState } from '../state/instanceState.js';
import type { ErrorDetail } from '../spec/requestValidation.js';
import type { RouteMatch } from '../spec/routeTable.js';
import type { SpecValidators } from '../spec/schemaValidators.js';
import type { MemoryBudget } from './memoryBudget.js';
import type { MockRequest } from './mockRequest.js';
import type { MockResponse } from './mockResponse.js';
import type { MockSettings } from './mockSettings.js';
import type { RequestLog } from './requestLog.js';
import type { TransportCounters } from './transportCounters.js';
import type { Rejection } from '../spec/requestValidation.js';

/**
 * The mutable state of one mock instance, shared by every simulator: what it holds (jobs, records,
 * assets, ids, clock: InstanceState, plain data) and how it runs (settings, budget, validators, log).
 */
export interface MockState extends InstanceState {
  settings: MockSettings;
  /** What the mock keeps, against --max-memory. */
  memory: MemoryBudget;
  validators: SpecValidators;
  requestLog: RequestLog;
  /** When the instance started (clock time), for health. */
  startedAt: number;
  /** Connection counters the node:http adapter keeps (zero under MSW), for health. */
  transport: TransportCounters;
}

/** A job failure a client asked for with `X-Bulkmock-Fail-Job`, at a share of the job's rows. */
export interface JobFailure {
  message: string;
  /** Share of the rows (0 to 1) processed before the job fails. */
  atFraction: number;
}

/** One request on its way to an operation's handler. `S` is the state of the vendor that serves it. */
export interface OperationCall<S = unknown> {
  request: MockRequest;
  match: RouteMatch;
  state: MockState;
  /** The serving vendor's own state (its stores), made by its definition's `state`. */
  vendor: S;
  /** The clock's time when the request arrived; one value for the whole request. */
  now: number;
  /** `scheme://host[:port]` the client used, for links the mock serves itself. */
  origin: string;
  /** Set when the client asked for the job this request starts to fail (read once, by the core). */
  failJob: JobFailure | null;
  /** The serving vendor's error answer, in its shape. */
  error(status: number, code: string, message: string, details?: ErrorDetail[]): MockResponse;
  /** A refused request (a Rejection from the spec checks or the vendor's own) as the vendor's error answer. */
  reject(rejection: Rejection): MockResponse;
}

/** Where an error detail points (defined beside the request checks that produce most of them). */
export type { ErrorDetail } from '../spec/requestValidation.js';
