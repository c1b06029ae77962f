import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { controlTokenEnv } from '../../contracts/credentials.js';
import { parseTargetUrl } from '../../contracts/target.js';
import { UsageError, type Command, type Output } from '../command.js';

const actions = ['export', 'import'] as const;

export const command: Command = {
  name: 'state',
  summary: "Export a running mock's state to a file, or load one into it",
  usage: 'bulkmock state export --target <url> [--out <file>] | bulkmock state import --target <url> <file>',
  positionals: true,
  details: `Wraps GET and PUT /__bulkmock/state: the whole state of a running mock (jobs, records, uploaded
assets, the id position, a manual clock) as one bulkmock-state JSON document, the same document
bulkmock serve --state-file keeps. An import replaces everything the mock holds; a document the
mock cannot load is refused whole and the mock keeps its state.

Examples:
  bulkmock state export --target http://127.0.0.1:4010 --out state.json
  bulkmock state import --target http://staging-mock:4010 --control-token "$TOKEN" state.json`,
  options: {
    target: { type: 'string', value: 'url', description: 'The running mock, such as http://127.0.0.1:4010.' },
    out: {
      type: 'string',
      value: 'file',
      description: 'export: write the document to this file (replaced atomically) instead of standard output.',
    },
    'control-token': {
      type: 'string',
      value: 'token',
      env: controlTokenEnv,
      description: 'The control token the mock was started with, sent in X-Bulkmock-Token.',
    },
  },
  async run({ values, positionals }, output) {
    const [action, file, ...extra] = positionals;
    if (!actions.includes(action as (typeof actions)[number]))
      throw new UsageError(`give export or import${action === undefined ? '' : `, not "${action}"`}`);
    if (values.target === undefined)
      throw new UsageError('--target is required: the mock, such as http://127.0.0.1:4010');
    let target: URL;
    try {
      target = parseTargetUrl(String(values.target));
    } catch (error) {
      throw new UsageError(`--target: ${(error as Error).message}`);
    }
    const url = new URL('__bulkmock/state', target.href.endsWith('/') ? target.href : `${target.href}/`);
    const token = (values['control-token'] as string | undefined) || undefined;
    const headers: Record<string, string> = token ? { 'x-bulkmock-token': token } : {};
    if (action === 'export') {
      if (file !== undefined) throw new UsageError(`export takes no file argument; write to a file with --out ${file}`);
      return exportState(url, headers, values.out as string | undefined, output);
    }
    if (file === undefined || extra.length > 0)
      throw new UsageError('import takes exactly one file: the state document');
    return importState(url, headers, file, output);
  },
};

async function exportState(url: URL, headers: Record<string, string>, out: string | undefined, output: Output) {
  const answer = await send(url, { headers });
  const text = await answer.text();
  if (!answer.ok) throw new Error(refusal(url, answer.status, text));
  let document: { format?: unknown; jobs?: unknown[]; records?: unknown[]; assets?: unknown[] };
  try {
    document = JSON.parse(text) as typeof document;
  } catch {
    throw new Error(`${url.origin} answered ${url.pathname} with something that is not JSON; is it a bulkmock?`);
  }
  if (document.format !== 'bulkmock-state')
    throw new Error(`${url.origin} answered ${url.pathname} with something other than a bulkmock state document`);
  if (out === undefined) {
    output.out(text);
    return 0;
  }
  // Written beside the file and renamed over it, so an earlier export is never left half replaced.
  const temporary = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${process.pid}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, out);
  output.err(
    `exported ${document.jobs?.length ?? 0} job(s), ${document.records?.length ?? 0} record scope(s) and ${document.assets?.length ?? 0} asset(s) from ${url.origin} to ${out}`,
  );
  return 0;
}

async function importState(url: URL, headers: Record<string, string>, file: string, output: Output) {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const answer = await send(url, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(refusal(url, answer.status, text, file));
  const counts = JSON.parse(text) as { jobs: number; records: number; assets: number };
  output.err(
    `imported ${counts.jobs} job(s), ${counts.records} record(s) and ${counts.assets} asset(s) from ${file} into ${url.origin}`,
  );
  return 0;
}

async function send(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `cannot reach ${url.origin} (${cause?.code ?? cause?.message ?? (error as Error).message}); is bulkmock serve running there?`,
      { cause: error },
    );
  }
}

/** Why the mock said no, in words that say what to do. */
function refusal(url: URL, status: number, text: string, file?: string): string {
  let message = text.slice(0, 500);
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // Not a bulkmock error body: shown as it came.
  }
  if (status === 401)
    return `${url.origin} requires its control token: give it with --control-token or ${controlTokenEnv} (${message})`;
  if (status === 404)
    return `${url.origin} has no ${url.pathname}: it is not a bulkmock, or one older than the state endpoints`;
  if (status === 413)
    return `${url.origin} refused ${file ?? 'the document'} as too large (${message}); start the mock with a larger --max-body`;
  return `${url.origin} refused ${file ?? 'the request'} (${status}): ${message}`;
}
