import type { Vendor } from '../mocks/spec/specRegistry.js';

/**
 * What kind of backend the suite talks to:
 *   bulkmock  our mock (answers GET /__bulkmock/health with status "ok"): extensions available
 *   prism     `prism mock` of a spec: answers from examples, keeps no state
 *   vendor    anything else, normally the vendor's real platform
 */
export type TargetKind = 'bulkmock' | 'prism' | 'vendor';

export interface TargetInfo {
  /** The base URL. */
  url: string;
  kind: TargetKind;
  /** How the kind was decided, for the report. */
  detectedBy: string;
  /** The host is 127.0.0.1, localhost or ::1. */
  local: boolean;
  /** The /__bulkmock/ operations can be used (only on a bulkmock target). */
  extensions: boolean;
  /** Writes may be sent: the target is local, or --allow-writes was given. */
  writesAllowed: boolean;
}

/**
 * One thing that is wrong. `operationId` and `pointer` say where (a JSON pointer into the response
 * body, `status`, or `header <name>`); `value` is what the target sent there.
 */
export interface Problem {
  message: string;
  operationId?: string;
  pointer?: string;
  value?: unknown;
  /** Set when the broken rule is one bulkmock designed (`x-bulkmock-inferred`): the spec's reason. */
  inferred?: string;
  /** The designed rule's id, as in docs/fidelity.md (`stackone#/components/schemas/...`). */
  ruleId?: string;
}

export type CheckKind = 'connection' | 'schema' | 'behaviour';
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'warning';

export interface CheckResult {
  /** Stable id, such as `thought-industries.schema.ping`. */
  id: string;
  name: string;
  kind: CheckKind;
  /** `inferred`, `extension` and `writes`, as they apply. */
  labels: string[];
  /** The spec's reason when the check tests a rule bulkmock designed. */
  inferred?: string;
  /** That rule's id, as in docs/fidelity.md. */
  ruleId?: string;
  status: CheckStatus;
  /** Why the check was skipped. */
  reason?: string;
  problems: Problem[];
  durationMs: number;
}

export interface ContractSummary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  warnings: number;
}

/** The verdict of one vendor's suite against one target. Holds no credentials. */
export interface ContractReport {
  vendor: Vendor;
  target: TargetInfo;
  startedAt: string;
  durationMs: number;
  checks: CheckResult[];
  summary: ContractSummary;
  /** True when no applicable check failed (skips and warnings do not count against it). */
  ok: boolean;
}

export function summarize(checks: readonly CheckResult[]): ContractSummary {
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;
  return {
    total: checks.length,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    warnings: count('warning'),
  };
}

/** A problem as one line: what, where, and the value found there. */
export function formatProblem(problem: Problem): string {
  // A status problem's message already says which status came back.
  const value =
    problem.value === undefined || problem.pointer === 'status' ? '' : `; found ${formatValue(problem.value)}`;
  return `${problem.message}${value}${problem.inferred ? ` [designed rule${problem.ruleId ? ` ${problem.ruleId}` : ''}: ${problem.inferred}]` : ''}`;
}

function formatValue(value: unknown, max = 160): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
