import { currentFidelityReport } from '../../mocks/spec/fidelity/currentReport.js';
import { fidelityVendors } from '../../mocks/spec/fidelity/fidelityReport.js';
import { renderFidelityMarkdown, renderFidelityText } from '../../mocks/spec/fidelity/renderFidelity.js';
import { choiceOption, type Command } from '../command.js';

const formats = ['text', 'json', 'markdown'] as const;

export const command: Command = {
  name: 'fidelity',
  summary: 'Show, per vendor operation, what the vendor documents and what bulkmock designed',
  usage: 'bulkmock fidelity [--vendor <name>] [--format text|json|markdown]',
  details: `Reads the vendor specs and the facts lists beside them (openapi/facts/) and prints, for every
vendor operation, the rules the vendor documents (with the seed document, research note or SDK
model that says so) and the rules bulkmock designed where the documents are silent (marked
x-bulkmock-inferred in the spec), each with its rule id and reason. A designed rule on the request
side is stricter than the documents: the mock refuses requests the real platform may accept.
The contract suite names the same rule ids when a backend breaks a designed rule.

--format markdown prints docs/fidelity.md; json prints the report as data
({ vendors: [{ vendor, operations: [{ operationId, documented, designed }] }] }).

Examples:
  bulkmock fidelity
  bulkmock fidelity --vendor stackone --format json`,
  options: {
    vendor: { type: 'string', value: 'name', multiple: true, description: `Only this vendor: ${fidelityVendors.join(', ')}; repeat for several.` },
    format: { type: 'string', value: 'format', default: 'text', description: 'text, json or markdown.' },
  },
  async run({ values }, output) {
    const format = choiceOption('format', values.format, formats);
    const selected = (values.vendor as string[]).map((v) => choiceOption('vendor', v, fidelityVendors));
    const report = currentFidelityReport(selected.length > 0 ? selected : undefined);
    const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'markdown' ? renderFidelityMarkdown(report) : renderFidelityText(report);
    output.out(text);
    return 0;
  },
};
