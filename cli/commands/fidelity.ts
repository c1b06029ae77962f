import { writeFile } from 'node:fs/promises';
import { currentFidelityReport } from '../../mocks/spec/fidelity/currentReport.js';
import { fidelityVendors } from '../../mocks/spec/fidelity/fidelityReport.js';
import { renderFidelityMarkdown, renderFidelityText } from '../../mocks/spec/fidelity/renderFidelity.js';
import { vendors, type Vendor } from '../../mocks/spec/specRegistry.js';
import { buildFieldReport, hasContradictions } from '../../recording/fieldReport.js';
import { formatFieldReport, reportFormats, type ReportFormat } from '../../recording/fieldReportFormat.js';
import { readHarFile } from '../../recording/harFile.js';
import { choiceOption, type Command, type ParsedCommand } from '../command.js';

/** What `fidelity` was asked to do: the report of the specs alone, or of the specs against recordings (--har). */
export interface FidelityOptions {
  hars: string[];
  format: ReportFormat;
  vendors: Vendor[];
  out: string | null;
}

export function parseFidelityOptions(values: ParsedCommand['values']): FidelityOptions {
  return {
    hars: (values.har as string[] | undefined) ?? [],
    format: choiceOption('format', values.format, reportFormats),
    vendors: ((values.vendor as string[] | undefined) ?? []).map((v) => choiceOption('vendor', v, vendors)),
    out: (values.out as string | undefined) ?? null,
  };
}

export const command: Command = {
  name: 'fidelity',
  summary: 'Show what each vendor documents and what bulkmock designed; with --har, check it against a recording',
  usage: 'bulkmock fidelity [--vendor <name>] [--format text|json|markdown] [--har <file.har> ...] [--out <file>]',
  details: `Without --har: reads the vendor specs and the facts lists beside them (openapi/facts/) and
prints, for every vendor operation, the rules the vendor documents (with the seed document,
research note or SDK model that says so) and the rules bulkmock designed where the documents are
silent (marked x-bulkmock-inferred in the spec), each with its rule id and reason. A designed rule
on the request side is stricter than the documents: the mock refuses requests the real platform
may accept. The contract suite names the same rule ids when a backend breaks a designed rule.
--format markdown prints docs/fidelity.md; json prints the report as data.

With --har: reads recorded real answers (from bulkmock record, or a HAR saved from a browser's
developer tools; credentials are redacted as it is read) and says, for each designed rule, whether
the answers confirm it, contradict it (with the entry, the JSON pointer and the value), or never
exercised it; then every schema violation at a place no designed rule covers (a documented fact
the recording contradicts), and the fields the platform sent that the specs do not name.
Exits 1 when the recording contradicts a designed rule or a documented fact, 0 otherwise.

Examples:
  bulkmock fidelity
  bulkmock fidelity --vendor stackone --format json
  bulkmock fidelity --har sandbox.har
  bulkmock fidelity --har ti.har --har stackone.har --format markdown --out fidelity.md`,
  options: {
    vendor: {
      type: 'string',
      value: 'name',
      multiple: true,
      description: `Only this vendor: ${fidelityVendors.join(', ')}; repeat for several (default: every vendor).`,
    },
    format: { type: 'string', value: 'format', default: 'text', description: 'text, json or markdown.' },
    har: {
      type: 'string',
      value: 'file.har',
      multiple: true,
      description: 'Check the designed rules against this recording (repeatable).',
    },
    out: { type: 'string', value: 'file', description: 'Write the report to this file instead of standard output.' },
  },
  async run({ values }, output) {
    const options = parseFidelityOptions(values);
    if (options.hars.length === 0) {
      const report = currentFidelityReport(options.vendors.length > 0 ? options.vendors : undefined);
      const text =
        options.format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : options.format === 'markdown'
            ? renderFidelityMarkdown(report)
            : renderFidelityText(report);
      return await emit(text, options.out, output, 'the fidelity report', 0);
    }
    const hars = await Promise.all(options.hars.map(async (name) => ({ name, har: await readHarFile(name) })));
    const report = buildFieldReport(hars, { vendors: options.vendors });
    const contradicted = hasContradictions(report);
    const summary = contradicted ? ': the recording contradicts the specs' : ': no contradiction';
    return await emit(
      formatFieldReport(report, options.format),
      options.out,
      output,
      `the field report${summary}`,
      contradicted ? 1 : 0,
    );
  },
};

/** Prints the report, or writes it to `out` and prints one line saying so; returns the exit code. */
async function emit(
  text: string,
  out: string | null,
  output: { out(text: string): void },
  what: string,
  code: number,
): Promise<number> {
  if (out) {
    await writeFile(out, text);
    output.out(`wrote ${what} to ${out}`);
  } else {
    output.out(text);
  }
  return code;
}
