import type { ContractReport } from '../report.js';

/** The reports as JSON, for scripts: `{ ok, reports: [...] }`. */
export function formatJson(reports: readonly ContractReport[]): string {
  return `${JSON.stringify({ ok: reports.every((r) => r.ok), reports }, null, 2)}\n`;
}
