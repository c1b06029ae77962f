import { CheckAborted, writesOn, type CheckContext, type CheckDefinition, type SuiteContext } from './check.js';
import type { CheckResult, Problem, TargetInfo } from './report.js';

export interface RunChecksOptions {
  vendor: string;
  target: TargetInfo;
  context: SuiteContext;
  /** Report a failed inferred check against a non-bulkmock target as failed rather than as a warning. */
  failOnInferred: boolean;
}

/** Why a check cannot run against this target, or null. The order matters: the first reason is shown. */
function skipReason(check: CheckDefinition, target: TargetInfo): string | null {
  if (target.kind === 'prism' && check.kind === 'behaviour') return 'target is stateless (Prism)';
  const needs = check.needs ?? [];
  if (needs.length > 0 && !target.extensions)
    return `needs bulkmock extension: ${needs.map((e) => e.operationId).join(', ')}`;
  if (writesOn(check, target) && !target.writesAllowed) return 'writes need --allow-writes against a non-local target';
  return null;
}

function labelsOf(check: CheckDefinition, target: TargetInfo): string[] {
  return [
    ...(check.inferred ? ['inferred'] : []),
    ...((check.needs ?? []).length > 0 ? ['extension'] : []),
    ...(writesOn(check, target) ? ['writes'] : []),
  ];
}

/**
 * Runs checks one after another (they share fixtures and a target's state) and turns each into a
 * result: passed, failed, skipped with its reason, or a warning. A check fails on any problem; a
 * problem with a rule bulkmock designed (the check's or the problem's `inferred`) is only a warning
 * against a target that is not bulkmock, because the vendor never promised that rule.
 */
export async function runChecks(checks: readonly CheckDefinition[], options: RunChecksOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const base = {
      id: `${options.vendor}.${check.id}`,
      name: check.name,
      kind: check.kind,
      labels: labelsOf(check, options.target),
      ...(check.inferred && { inferred: check.inferred }),
      ...(check.ruleId && { ruleId: check.ruleId }),
    };
    const problems: Problem[] = [];
    const seen = new Set<string>();
    const problem = (p: Problem) => {
      const key = `${p.operationId}\u0000${p.pointer}\u0000${p.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      problems.push(p);
    };
    const context: CheckContext = {
      ...options.context,
      call: (request) => options.context.call(request, problem),
      problem,
      fail(p) {
        throw new CheckAborted(p);
      },
    };
    const reason = skipReason(check, options.target) ?? check.unavailable?.(context) ?? null;
    if (reason) {
      results.push({ ...base, status: 'skipped', reason, problems: [], durationMs: 0 });
      continue;
    }
    const started = performance.now();
    try {
      await check.run(context);
    } catch (error) {
      problem(error instanceof CheckAborted ? error.problem : { message: (error as Error).message });
    }
    const durationMs = Math.round(performance.now() - started);
    const onlyInferred = problems.every((p) => p.inferred ?? check.inferred);
    const status =
      problems.length === 0
        ? 'passed'
        : onlyInferred && options.target.kind !== 'bulkmock' && !options.failOnInferred
          ? 'warning'
          : 'failed';
    results.push({ ...base, status, problems, durationMs });
  }
  return results;
}
