import { hasContradictions, type Evidence, type FieldReport } from './fieldReport.js';

export type ReportFormat = 'text' | 'json' | 'markdown';
export const reportFormats: readonly ReportFormat[] = ['text', 'json', 'markdown'];

export function formatFieldReport(report: FieldReport, format: ReportFormat): string {
  if (format === 'json')
    return `${JSON.stringify({ contradictions: hasContradictions(report), ...report }, null, 2)}\n`;
  return format === 'markdown' ? markdown(report) : text(report);
}

function counts(report: FieldReport) {
  const of = (verdict: string) => report.rules.filter((r) => r.verdict === verdict).length;
  return { confirmed: of('confirmed'), contradicted: of('contradicted'), never: of('not exercised') };
}

function describeEvidence(e: Evidence): string {
  return `entry ${e.entry} (${e.exchange}), ${e.part}${e.pointer ? ` at ${e.pointer}` : ''}: ${e.message}${e.value === undefined ? '' : `; value ${short(e.value)}`}`;
}

function short(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

function text(report: FieldReport): string {
  const c = counts(report);
  const lines = [
    `Field report of ${report.sources.join(', ')}: ${report.entries.matched} of ${report.entries.total} entries are operations of ${report.vendors.join(', ') || 'no vendor'}` +
      (report.entries.outsideSpecs ? ` (${report.entries.outsideSpecs} outside the specs, ignored)` : ''),
    `Designed rules: ${c.confirmed} confirmed, ${c.contradicted} contradicted, ${c.never} never exercised (${report.unobservable.length} not observable in a recording)`,
    '',
  ];
  for (const verdict of ['contradicted', 'confirmed', 'not exercised'] as const) {
    const rules = report.rules.filter((r) => r.verdict === verdict);
    if (rules.length === 0) continue;
    lines.push(`${verdict.toUpperCase()} (${rules.length})`);
    for (const finding of rules) {
      lines.push(
        `  ${finding.rule.id}${finding.exercisedBy.length ? `  [entries ${finding.exercisedBy.slice(0, 8).join(', ')}${finding.exercisedBy.length > 8 ? ', ...' : ''}]` : ''}`,
      );
      if (verdict === 'contradicted') {
        lines.push(`    designed because: ${finding.rule.reason}`);
        for (const e of finding.evidence) lines.push(`    - ${describeEvidence(e)}`);
      }
    }
    lines.push('');
  }
  lines.push(`DOCUMENTED FACTS CONTRADICTED (${report.documentedContradictions.length})`);
  for (const e of report.documentedContradictions) lines.push(`  ${e.location}`, `    - ${describeEvidence(e)}`);
  lines.push('', `UNDOCUMENTED FIELDS (${report.undocumentedFields.length}; allowed by the specs)`);
  for (const u of report.undocumentedFields)
    lines.push(`  entry ${u.entry} (${u.exchange}) ${u.pointer}: ${short(u.value)} (schema ${u.schema})`);
  for (const u of report.entries.unreadable) lines.push(`  entry ${u.entry} skipped: ${u.reason}`);
  lines.push(
    '',
    hasContradictions(report) ? 'RESULT: the recording contradicts the specs' : 'RESULT: no contradiction',
  );
  return `${lines.join('\n')}\n`;
}

function markdown(report: FieldReport): string {
  const c = counts(report);
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `# Field report`,
    '',
    `Recording: ${report.sources.map((s) => `\`${s}\``).join(', ')}; ${report.entries.matched} of ${report.entries.total} entries are operations of ${report.vendors.join(', ') || 'no vendor'}.`,
    '',
    `**Designed rules:** ${c.confirmed} confirmed, ${c.contradicted} contradicted, ${c.never} never exercised; ${report.unobservable.length} not observable in a recording.`,
    '',
    '| rule | verdict | entries | evidence |',
    '|---|---|---|---|',
    ...report.rules.map(
      (f) =>
        `| \`${f.rule.id}\` | ${f.verdict} | ${f.exercisedBy.join(', ')} | ${cell(f.evidence.map(describeEvidence).join('; '))} |`,
    ),
    '',
    `## Documented facts contradicted (${report.documentedContradictions.length})`,
    '',
    ...report.documentedContradictions.map((e) => `- \`${e.location}\`: ${cell(describeEvidence(e))}`),
    '',
    `## Undocumented fields (${report.undocumentedFields.length})`,
    '',
    ...report.undocumentedFields.map(
      (u) => `- entry ${u.entry} (${u.exchange}) \`${u.pointer}\`: \`${cell(short(u.value))}\``,
    ),
    '',
    hasContradictions(report) ? '**Result: the recording contradicts the specs.**' : '**Result: no contradiction.**',
  ];
  return `${lines.join('\n')}\n`;
}
