import { formatProblem, type CheckResult, type ContractReport } from '../report.js';

const marks: Record<CheckResult['status'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
  warning: 'WARN',
};

/**
 * The human summary: one line per check (PASS, FAIL, SKIP with its reason, WARN), the problems of
 * each failed or warned check under it, and the counts. Plain text, so it reads the same in a
 * terminal and in a CI log.
 */
export function formatPretty(reports: readonly ContractReport[]): string {
  const blocks = reports.map(formatOne);
  const failed = reports.filter((r) => !r.ok).map((r) => r.vendor);
  const verdict = failed.length === 0 ? 'PASSED: every applicable check passed' : `FAILED: ${failed.join(', ')}`;
  return `${blocks.join('\n\n')}\n\n${verdict}\n`;
}

function formatOne(report: ContractReport): string {
  const { target } = report;
  const lines = [
    `bulkmock contract suite: ${report.vendor}`,
    `target ${target.url} (${target.kind}, ${target.detectedBy}; ${target.local ? 'local' : 'not local'}; ${target.writesAllowed ? 'writes allowed' : 'dry runs and reads only'})`,
    '',
  ];
  for (const check of report.checks) {
    const tags = [check.kind, ...check.labels].join(', ');
    const time = check.status === 'skipped' ? '' : ` ${check.durationMs} ms`;
    const reason = check.reason ? `: ${check.reason}` : '';
    lines.push(`  ${marks[check.status]}  ${check.name} [${tags}]${time}${reason}`);
    if (check.status === 'warning' && check.inferred)
      lines.push(`        designed rule${check.ruleId ? ` ${check.ruleId}` : ''}: ${check.inferred}`);
    for (const problem of check.problems) lines.push(`        - ${formatProblem(problem)}`);
  }
  const { summary } = report;
  lines.push(
    '',
    `${report.vendor}: ${summary.total} checks, ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'} (${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  return lines.join('\n');
}
