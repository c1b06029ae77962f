import { writeFile } from 'node:fs/promises';
import { buildFieldReport, hasContradictions } from '../../recording/fieldReport.js';
import { formatFieldReport, reportFormats, type ReportFormat } from '../../recording/fieldReportFormat.js';
import { readHarFile } from '../../recording/harFile.js';
import { vendors, type Vendor } from '../../mocks/spec/specRegistry.js';
import { choiceOption, UsageError, type Command, type ParsedCommand } from '../command.js';

/** What `fidelity --har` was asked to do; parsed on its own so that the other mode of the command can sit beside it. */
export interface HarFidelityOptions {
  hars: string[];
  format: ReportFormat;
  vendors: Vendor[];
  out: string | null;
}

export function parseHarFidelityOptions(values: ParsedCommand['values']): HarFidelityOptions {
  const hars = (values.har as string[] | undefined) ?? [];
  if (hars.length === 0) {
    throw new UsageError('--har is required: the fidelity report of the specs alone (without --har) is not part of this build; give a recording, such as --har sandbox.har');
  }
  return {
    hars,
    format: choiceOption('format', values.format, reportFormats),
    vendors: ((values.vendor as string[] | undefined) ?? []).map((v) => choiceOption('vendor', v, vendors)),
    out: (values.out as string | undefined) ?? null,
  };
}

export const command: Command = {
  name: 'fidelity',
  summary: 'Check the specs\' designed rules against a recording of the real platform (--har)',
  usage: 'bulkmock fidelity --har <file.har> [--format text|json|markdown] [options]',
  details: `Reads recorded real answers (from bulkmock record, or a HAR saved from a browser's developer
tools; credentials are redacted as it is read) and says, for each rule the specs designed where the
vendor documents are silent (x-bulkmock-inferred; ids as <vendor>#<JSON pointer>), whether the
answers confirm it, contradict it (with the entry, the JSON pointer and the value), or never
exercised it; then every schema violation at a place no designed rule covers (a documented fact
the recording contradicts), and the fields the platform sent that the specs do not name.

Exits 1 when the recording contradicts a designed rule or a documented fact, 0 otherwise.

Examples:
  bulkmock fidelity --har sandbox.har
  bulkmock fidelity --har ti.har --har stackone.har --format markdown --out fidelity.md`,
  options: {
    har: { type: 'string', value: 'file.har', multiple: true, description: 'A recording to read (repeatable).' },
    format: { type: 'string', value: 'format', default: 'text', description: `Report format: ${reportFormats.join(', ')}.` },
    vendor: { type: 'string', value: 'name', multiple: true, description: `Report only on this vendor: ${vendors.join(', ')} (default: every vendor the recording reaches).` },
    out: { type: 'string', value: 'file', description: 'Write the report to this file instead of standard output.' },
  },
  async run({ values }, output) {
    const options = parseHarFidelityOptions(values);
    const hars = await Promise.all(options.hars.map(async (name) => ({ name, har: await readHarFile(name) })));
    const report = buildFieldReport(hars, { vendors: options.vendors });
    const text = formatFieldReport(report, options.format);
    if (options.out) {
      await writeFile(options.out, text);
      output.out(`wrote the field report to ${options.out}${hasContradictions(report) ? ': the recording contradicts the specs' : ': no contradiction'}`);
    } else output.out(text);
    return hasContradictions(report) ? 1 : 0;
  },
};
