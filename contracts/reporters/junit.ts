import { formatProblem, type ContractReport } from '../report.js';

/**
 * JUnit XML for CI systems: one <testsuite> per vendor, one <testcase> per check (classname = the
 * vendor, name = the check), <failure> with every problem, <skipped> with the reason. A warning
 * (a broken inferred rule on a non-bulkmock target) passes, with the problem in <system-out>.
 */
export function formatJunit(reports: readonly ContractReport[]): string {
  const total = (key: 'total' | 'failed' | 'skipped') => reports.reduce((sum, r) => sum + r.summary[key], 0);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bulkmock contract" tests="${total('total')}" failures="${total('failed')}" skipped="${total('skipped')}" errors="0" time="${seconds(reports.reduce((s, r) => s + r.durationMs, 0))}">`,
  ];
  for (const report of reports) {
    const { summary } = report;
    out.push(
      `  <testsuite name="${attr(report.vendor)}" tests="${summary.total}" failures="${summary.failed}" skipped="${summary.skipped}" errors="0" time="${seconds(report.durationMs)}" timestamp="${attr(report.startedAt)}">`,
      '    <properties>',
      `      <property name="target" value="${attr(report.target.url)}"/>`,
      `      <property name="targetKind" value="${attr(report.target.kind)}"/>`,
      `      <property name="writesAllowed" value="${report.target.writesAllowed}"/>`,
      '    </properties>',
    );
    for (const check of report.checks) {
      const open = `    <testcase classname="${attr(report.vendor)}" name="${attr(check.name)}" time="${seconds(check.durationMs)}"`;
      const problems = check.problems.map(formatProblem);
      if (check.status === 'passed') {
        out.push(`${open}/>`);
      } else if (check.status === 'skipped') {
        out.push(`${open}>`, `      <skipped message="${attr(check.reason ?? 'skipped')}"/>`, '    </testcase>');
      } else if (check.status === 'failed') {
        out.push(
          `${open}>`,
          `      <failure message="${attr(problems[0] ?? 'failed')}" type="contract">${text(problems.join('\n'))}</failure>`,
          '    </testcase>',
        );
      } else {
        out.push(
          `${open}>`,
          `      <system-out>${text(problems.map((p) => `warning: ${p}`).join('\n'))}</system-out>`,
          '    </testcase>',
        );
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

/** Characters XML 1.0 cannot hold at all (most control characters, lone surrogates): dropped. */
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(notXml, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
