import { vendorFacts } from '../../../openapi/generated/facts.js';
import { documents } from '../specRegistry.js';
import { buildFidelityReport, type FidelityReport, type FidelityVendor } from './fidelityReport.js';

/** The fidelity report of the specs this build carries (the generated documents and facts). */
export function currentFidelityReport(only?: readonly FidelityVendor[]): FidelityReport {
  return buildFidelityReport(
    {
      'thought-industries': documents['thought-industries'],
      stackone: documents.stackone,
      'learning-builder': documents['learning-builder'],
    },
    vendorFacts,
    only,
  );
}
