import { formatProblem, type CheckResult, type ContractReport } from '../../../contracts/index.js';

/** The result of one check, by its id without the vendor prefix (`schema.ping`). */
export function check(report: ContractReport, id: string): CheckResult {
  const found = report.checks.find((c) => c.id === `${report.vendor}.${id}`);
  if (!found)
    throw new Error(
      `no check ${report.vendor}.${id} in the report (have: ${report.checks.map((c) => c.id).join(', ')})`,
    );
  return found;
}

/** Every problem of a check, formatted as the reporters print it. */
export function problemText(result: CheckResult): string {
  return result.problems.map(formatProblem).join('\n');
}

/** `id: status` for every check that did not pass, for readable assertion failures. */
export function notPassed(report: ContractReport): string[] {
  return report.checks
    .filter((c) => c.status !== 'passed')
    .map(
      (c) => `${c.id}: ${c.status}${c.reason ? ` (${c.reason})` : ''}${c.problems.length ? `\n${problemText(c)}` : ''}`,
    );
}
