import type { InstanceState } from '../state/instanceState.js';
import type { RouteMatch } from '../spec/routeTable.js';
import type { SpecValidators } from '../spec/schemaValidators.js';
import type { SpecName } from '../spec/specRegistry.js';
import type { MemoryBudget } from './memoryBudget.js';
import type { MockRequest } from './mockRequest.js';
import type { MockResponse } from './mockResponse.js';
import type { MockSettings } from './mockSettings.js';
import type { RequestLog } from './requestLog.js';
import type { TransportCounters } from './transportCounters.js';

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

/** One request on its way to an operation's handler. */
export interface OperationCall {
  request: MockRequest;
  match: RouteMatch;
  state: MockState;
  /** The clock's time when the request arrived; one value for the whole request. */
  now: number;
  /** `scheme://host[:port]` the client used, for links the mock serves itself. */
  origin: string;
}

export type OperationHandler = (call: OperationCall) => MockResponse | Promise<MockResponse>;

/** Where an error detail points: a field, a row of an import file, a line of a JSON Lines body. */
export interface ErrorDetail {
  message: string;
  field?: string;
  row?: number;
  line?: number;
  pointer?: string;
}

/**
 * One vendor's behaviour: how it checks credentials, how its error bodies look, and one handler per
 * operationId of its spec. Simulators know nothing about HTTP libraries.
 */
export interface VendorSimulator {
  spec: SpecName;
  /** null when the request may proceed, otherwise the vendor's refusal (401/403/400). */
  authenticate(call: OperationCall): MockResponse | null;
  /** The vendor's error answer for a status, in its documented (or designed) shape. */
  error(status: number, code: string, message: string, details?: ErrorDetail[]): MockResponse;
  handlers: Record<string, OperationHandler>;
  /** Forgets everything made at run time. */
  reset(): void;
}
