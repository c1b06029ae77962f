import type { VendorFact } from './constraintWalk.js';
import { buildFidelityReport, type FidelityVendor } from './fidelityReport.js';
import { renderFidelityMarkdown } from './renderFidelity.js';

export * from './constraintWalk.js';
export * from './fidelityReport.js';
export * from './renderFidelity.js';

/** docs/fidelity.md from spec documents and facts lists (used by scripts/generateFromSpecs.ts). */
export function fidelityMarkdown(
  documents: Partial<Record<FidelityVendor, unknown>>,
  facts: Partial<Record<FidelityVendor, readonly VendorFact[]>>,
): string {
  return renderFidelityMarkdown(buildFidelityReport(documents, facts));
}
