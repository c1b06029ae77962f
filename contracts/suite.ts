import { randomBytes } from 'node:crypto';
import type { Vendor } from '../mocks/spec/specRegistry.js';
import type { CheckDefinition, SuiteContext } from './check.js';
import { runChecks } from './checkRunner.js';
import { learningBuilderChecks } from './checks/learningBuilder.js';
import { stackOneChecks } from './checks/stackOne.js';
import { thoughtIndustriesChecks } from './checks/thoughtIndustries.js';
import { localDefaults, missingCredential, type ContractCredentials } from './credentials.js';
import { createOperationClient } from './operationClient.js';
import { Redactor } from './redact.js';
import { summarize, type CheckResult, type ContractReport, type TargetKind } from './report.js';
import { describeTarget, parseTargetUrl, probeTarget, type FetchFunction } from './target.js';

const suites: Readonly<Record<Vendor, readonly CheckDefinition[]>> = {
  'thought-industries': thoughtIndustriesChecks,
  stackone: stackOneChecks,
  'learning-builder': learningBuilderChecks,
};

export interface ContractOptions {
  /** Learning Builder: the import process that receives the test batches (default "1" on a local target). */
  importProcessId?: string;
  /** Thought Industries on a target without the upload extension: import files it already stores. */
  webinarAssetPath?: string;
  inPersonAssetPath?: string;
  /** Skip detection: `bulkmock`, `prism` or `vendor` (run as against a real platform, even on the mock). */
  targetKind?: TargetKind;
  /** Fail, rather than warn, on a broken inferred rule against a target that is not bulkmock. */
  failOnInferred?: boolean;
}

export interface RunContractSuiteOptions {
  vendor: Vendor;
  /** Base URL of the backend, such as http://127.0.0.1:4010. */
  target: string;
  credentials?: ContractCredentials;
  options?: ContractOptions;
  /** Allow creating data on a non-local target (a local one always allows it). */
  allowWrites?: boolean;
  /** How long a job may take to reach complete or failed; also each request's timeout. Default 30 000. */
  timeoutMs?: number;
  /** The fetch to send requests with; an in-process mock (MSW) or a test double can stand in. */
  fetch?: FetchFunction;
  /** Waits between polls; tests may pass a faster one. */
  sleep?: (ms: number) => Promise<void>;
}

export interface CheckInfo {
  /** `<vendor>.<check>`, as in the report. */
  id: string;
  name: string;
  kind: CheckDefinition['kind'];
  inferred?: string;
  ruleId?: string;
}

/** The checks of a vendor's suite, in the order they run, without running them. */
export function listChecks(vendor: Vendor): CheckInfo[] {
  return suites[vendor].map((check) => ({
    id: `${vendor}.${check.id}`,
    name: check.name,
    kind: check.kind,
    ...(check.inferred && { inferred: check.inferred }),
    ...(check.ruleId && { ruleId: check.ruleId }),
  }));
}

/**
 * Runs one vendor's contract suite against a backend (bulkmock, Prism or the vendor's platform)
 * and returns the verdict. A failing or unreachable target is a failed check in the report, not an
 * exception; only a target that is not a usable URL throws. The report holds no credentials.
 */
export async function runContractSuite(run: RunContractSuiteOptions): Promise<ContractReport> {
  const started = Date.now();
  const doFetch = run.fetch ?? globalThis.fetch;
  const timeoutMs = run.timeoutMs ?? 30_000;
  const url = parseTargetUrl(run.target);
  const base = url.href.replace(/\/$/, '');
  const credentials = { ...run.credentials };
  const options = run.options ?? {};

  const probe = await probeTarget({
    base,
    vendor: run.vendor,
    fetch: doFetch,
    forced: options.targetKind,
    controlToken: credentials.controlToken,
    timeoutMs: Math.min(timeoutMs, 15_000),
  });
  const target = describeTarget(url, probe, run.allowWrites ?? false);
  if (target.local) {
    credentials.apiKey ??= localDefaults.apiKey;
    if (run.vendor === 'stackone') credentials.accountId ??= localDefaults.accountId;
  }
  const importProcessId = options.importProcessId ?? (target.local ? localDefaults.importProcessId : undefined);
  const unusable =
    probe.problem ??
    missingCredential(run.vendor, credentials) ??
    (run.vendor === 'learning-builder' && !importProcessId
      ? 'no Learning Builder import process: set BULKMOCK_LB_IMPORT_PROCESS_ID or pass --import-process-id'
      : null);
  const redactor = new Redactor([credentials.apiKey, credentials.accountId, credentials.controlToken]);

  const connection: CheckResult = {
    id: `${run.vendor}.connection`,
    name: 'the target answers and can be tested',
    kind: 'connection',
    labels: [],
    status: unusable ? 'failed' : 'passed',
    problems: unusable ? [{ message: unusable }] : [],
    durationMs: Date.now() - started,
  };
  let checks: CheckResult[];
  if (unusable) {
    checks = suites[run.vendor].map((check) => ({
      id: `${run.vendor}.${check.id}`,
      name: check.name,
      kind: check.kind,
      labels: [],
      status: 'skipped',
      reason: 'the target cannot be tested (see the connection check)',
      problems: [],
      durationMs: 0,
    }));
  } else {
    const call = createOperationClient({
      base,
      vendor: run.vendor,
      credentials,
      fetch: doFetch,
      requestTimeoutMs: timeoutMs,
      redact: (text) => redactor.text(text),
    });
    const memos = new Map<string, Promise<unknown>>();
    const context: SuiteContext = {
      vendor: run.vendor,
      target,
      credentials,
      options: {
        importProcessId: importProcessId ?? '',
        webinarAssetPath: options.webinarAssetPath,
        inPersonAssetPath: options.inPersonAssetPath,
      },
      timeoutMs,
      runTag: `ct-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
      call,
      memo<T>(key: string, make: () => Promise<T>): Promise<T> {
        if (!memos.has(key)) memos.set(key, make());
        return memos.get(key) as Promise<T>;
      },
      sleep: run.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
    checks = await runChecks(suites[run.vendor], {
      vendor: run.vendor,
      target,
      context,
      failOnInferred: options.failOnInferred ?? false,
    });
  }

  const all = [connection, ...checks];
  const summary = summarize(all);
  return redactor.value({
    vendor: run.vendor,
    target,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks: all,
    summary,
    ok: summary.failed === 0,
  });
}
