import type { OperationEntry, SpecName, Vendor } from '../mocks/spec/specRegistry.js';
import type { ContractCredentials } from './credentials.js';
import type { CheckKind, Problem, TargetInfo } from './report.js';

/** Vendor options the checks read, with the defaults already applied. */
export interface ResolvedOptions {
  /** Learning Builder import process that receives the batches. */
  importProcessId: string;
  /** Thought Industries: an asset already stored on the target, for targets without the upload extension. */
  webinarAssetPath?: string;
  inPersonAssetPath?: string;
}

/** One call of a spec operation. Path parameters are percent-encoded; `auth` picks the credentials sent. */
export interface OperationRequest {
  /** Defaults to the suite's vendor. */
  spec?: SpecName;
  operationId: string;
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** `vendor` (default): the vendor's auth headers; `none`: no Authorization at all; or headers to send instead. */
  auth?: 'vendor' | 'none' | Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  text?: string;
  contentType?: string;
}

/** A request and its answer, already checked against the spec. */
export interface Exchange {
  entry: OperationEntry;
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

export interface CheckContext {
  vendor: Vendor;
  target: TargetInfo;
  credentials: ContractCredentials;
  options: ResolvedOptions;
  /** How long a job may take to reach a terminal state. */
  timeoutMs: number;
  /** Unique per run: put into external ids and asset paths so runs never collide. */
  runTag: string;
  /** Calls an operation; every answer is validated against the spec and its problems recorded. */
  call(request: OperationRequest): Promise<Exchange>;
  /** Records a problem; the check goes on. */
  problem(problem: Problem): void;
  /** Records a problem and ends the check. */
  fail(problem: Problem): never;
  /** Runs `make` once per suite run and shares its result (or its error) with every later caller. */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
  sleep(ms: number): Promise<void>;
}

/** What a suite run shares with all its checks; the runner adds each check's own problem sink. */
export type SuiteContext = Omit<CheckContext, 'problem' | 'fail' | 'call'> & {
  call(request: OperationRequest, report: (problem: Problem) => void): Promise<Exchange>;
};

/** One check of a vendor's suite: what it tests, what it needs from the target, and how to run it. */
export interface CheckDefinition {
  /** Unique within the vendor, such as `schema.ping`. */
  id: string;
  /** Said as a rule: `an unknown job id is a 404`. */
  name: string;
  kind: CheckKind;
  /** The spec's `x-bulkmock-inferred` reason when the check tests a rule bulkmock designed. */
  inferred?: string;
  /** That designed rule's id, as in docs/fidelity.md (from `designedRule`). */
  ruleId?: string;
  /** Extension operations the check uses; it is skipped against a target without them. */
  needs?: OperationEntry[];
  /** Whether the check changes data on the target (it is then skipped on a non-local target without --allow-writes). */
  writes?: boolean | ((target: TargetInfo) => boolean);
  /** A reason of its own to skip (such as a missing vendor option), or null. */
  unavailable?: (context: CheckContext) => string | null;
  run(context: CheckContext): Promise<void>;
}

/**
 * Thrown by `fail`: ends a check. It carries its problem, because a shared step (`memo`) that
 * failed in one check hands the same error to every later check that needs the step.
 */
export class CheckAborted extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'CheckAborted';
  }
}

export function writesOn(check: CheckDefinition, target: TargetInfo): boolean {
  return typeof check.writes === 'function' ? check.writes(target) : check.writes === true;
}
