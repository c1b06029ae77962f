import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { credentialsFromEnv, importProcessIdEnv, controlTokenEnv } from '../../contracts/credentials.js';
import { formatJson } from '../../contracts/reporters/json.js';
import { formatJunit } from '../../contracts/reporters/junit.js';
import { formatPretty } from '../../contracts/reporters/pretty.js';
import { Redactor } from '../../contracts/redact.js';
import type { ContractReport } from '../../contracts/report.js';
import { runContractSuite } from '../../contracts/suite.js';
import { parseTargetUrl } from '../../contracts/target.js';
import { vendors } from '../../mocks/spec/specRegistry.js';
import { choiceOption, integerOption, UsageError, type Command } from '../command.js';

const reporters = { pretty: formatPretty, json: formatJson, junit: formatJunit } as const;
const targetKinds = ['auto', 'bulkmock', 'prism', 'vendor'] as const;

export const command: Command = {
  name: 'contract',
  summary: "Check that a backend (bulkmock, Prism or the vendor) keeps a vendor's API contract",
  usage: 'bulkmock contract --target <url> [--vendor <name>]... [options]',
  details: `Runs the vendor's contract suite against the target: every answer is validated against the
spec (status, headers, body), and the behaviour clients rely on is checked (dry runs persist
nothing, jobs only move forward and finish, errors line up with items, counts agree, bad
credentials get the vendor's auth error, unknown ids are 404, malformed bodies are 4xx).

The target's kind is detected: a bulkmock (GET /__bulkmock/health says "ok") gets every check;
Prism gets the schema checks only; anything else is treated as the vendor's platform, where checks
needing a /__bulkmock/ extension are skipped. Against a target that is not 127.0.0.1, localhost or
::1, only dry runs and reads are sent unless --allow-writes is given.

Credentials come from the environment (preferred: flags show up in process lists) or flags:
BULKMOCK_TI_API_KEY, BULKMOCK_STACKONE_API_KEY and BULKMOCK_STACKONE_ACCOUNT_ID,
BULKMOCK_LB_API_KEY and BULKMOCK_LB_IMPORT_PROCESS_ID. A local target without them gets test
defaults. No report ever shows a credential.

Without --vendor, every vendor's suite runs (${vendors.join(', ')}), one after another.

Exit status: 0 when every applicable check passed, 1 when a check failed or the target could not be
reached, 2 for a usage error.

Examples:
  bulkmock contract --target http://127.0.0.1:4010
  bulkmock contract --vendor thought-industries --target http://127.0.0.1:4010
  bulkmock contract --vendor stackone --vendor learning-builder --target http://127.0.0.1:4010 --reporter junit --out reports/contract.xml
  BULKMOCK_LB_API_KEY=... bulkmock contract --vendor learning-builder --target https://acme.learningbuilder.com --import-process-id 4182`,
  options: {
    vendor: {
      type: 'string',
      value: 'name',
      multiple: true,
      description: `Vendor suite to run: ${vendors.join(', ')}; repeat for several. Default: every vendor.`,
    },
    target: { type: 'string', value: 'url', description: 'Base URL of the backend, such as http://127.0.0.1:4010.' },
    'allow-writes': {
      type: 'boolean',
      description: 'Also create data on a non-local target (a local one always allows it).',
    },
    reporter: {
      type: 'string',
      value: 'format',
      default: 'pretty',
      description: 'Report format: pretty, json or junit.',
    },
    out: {
      type: 'string',
      value: 'file',
      description: 'Write the report to this file; a pretty summary still goes to stdout.',
    },
    timeout: {
      type: 'string',
      value: 's',
      default: '30',
      description: 'Seconds a job may take to finish (and a request to answer).',
    },
    'target-kind': {
      type: 'string',
      value: 'kind',
      default: 'auto',
      description: 'auto, bulkmock, prism, or vendor (treat even the mock as a real platform).',
    },
    'api-key': {
      type: 'string',
      value: 'key',
      description: "The vendor API key (one --vendor only); default from the vendor's environment variable.",
    },
    'account-id': {
      type: 'string',
      value: 'id',
      env: 'BULKMOCK_STACKONE_ACCOUNT_ID',
      description: 'StackOne linked account (x-account-id).',
    },
    'import-process-id': {
      type: 'string',
      value: 'id',
      env: importProcessIdEnv,
      description: 'Learning Builder import process that receives the test batches.',
    },
    'control-token': {
      type: 'string',
      value: 'token',
      env: controlTokenEnv,
      description: 'Control token of a bulkmock started with --control-token.',
    },
    'webinar-asset': {
      type: 'string',
      value: 'path',
      description: 'Thought Industries without the upload extension: a webinar import file stored on the target.',
    },
    'in-person-asset': { type: 'string', value: 'path', description: 'Likewise, an in-person event import file.' },
    'fail-on-inferred': {
      type: 'boolean',
      description: 'Fail, not warn, when a non-bulkmock target breaks a rule bulkmock inferred.',
    },
  },
  async run({ values }, output) {
    const named = [
      ...new Set(((values.vendor as string[] | undefined) ?? []).map((v) => choiceOption('vendor', v, vendors))),
    ];
    // No --vendor means the whole contract: users expect every vendor, not a usage error.
    const selected = named.length > 0 ? named : [...vendors];
    if (!values.target) throw new UsageError('--target is required, such as --target http://127.0.0.1:4010');
    const target = String(values.target);
    try {
      parseTargetUrl(target);
    } catch (error) {
      throw new UsageError(`--target: ${(error as Error).message}`);
    }
    const reporter = choiceOption('reporter', values.reporter, Object.keys(reporters) as Array<keyof typeof reporters>);
    const timeoutMs = integerOption('timeout', values.timeout, 1, 3600) * 1000;
    const kind = choiceOption('target-kind', values['target-kind'], targetKinds);
    if (values['api-key'] !== undefined && selected.length > 1)
      throw new UsageError(
        '--api-key applies to one vendor (name it with --vendor); with several, give each key in its environment variable',
      );

    const reports: ContractReport[] = [];
    const secrets: Array<string | undefined> = [];
    for (const vendor of selected) {
      const credentials = { ...credentialsFromEnv(vendor) };
      if (values['api-key'] !== undefined) credentials.apiKey = String(values['api-key']);
      if (values['account-id'] !== undefined) credentials.accountId = String(values['account-id']);
      if (values['control-token'] !== undefined) credentials.controlToken = String(values['control-token']);
      secrets.push(credentials.apiKey, credentials.accountId, credentials.controlToken);
      reports.push(
        await runContractSuite({
          vendor,
          target,
          credentials,
          allowWrites: values['allow-writes'] === true,
          timeoutMs,
          options: {
            importProcessId: values['import-process-id'] as string | undefined,
            webinarAssetPath: values['webinar-asset'] as string | undefined,
            inPersonAssetPath: values['in-person-asset'] as string | undefined,
            ...(kind !== 'auto' && { targetKind: kind }),
            failOnInferred: values['fail-on-inferred'] === true,
          },
        }),
      );
    }

    // The reports hold no credentials already; this also covers anything a formatter adds.
    const redactor = new Redactor(secrets);
    const report = redactor.text(reporters[reporter](reports));
    const summary = redactor.text(formatPretty(reports));
    if (values.out) {
      const file = String(values.out);
      try {
        await mkdir(path.dirname(path.resolve(file)), { recursive: true });
        await writeFile(file, report);
      } catch (error) {
        throw new Error(
          `cannot write the report to ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          { cause: error },
        );
      }
      output.out(`${summary}wrote the ${reporter} report to ${file}`);
    } else {
      output.out(report);
      // Machine-readable output on stdout stays clean; people still see the verdict.
      if (reporter !== 'pretty') output.err(summary);
    }
    return reports.every((r) => r.ok) ? 0 : 1;
  },
};
