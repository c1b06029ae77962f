import { isLocalHost } from '../contracts/target.js';
import type { JsonSchema } from '../mocks/spec/openApiDocument.js';
import { requestBodyOf } from '../mocks/spec/operationRequestBody.js';
import { resolveLocal } from '../mocks/spec/specRefs.js';
import { documents, type OperationEntry } from '../mocks/spec/specRegistry.js';

export { isLocalHost };

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The field a dry run is asked with, in the request schemas that have it (Thought Industries' `dryRun`). */
const dryRunField = 'dryRun';

/** Whether an operation's JSON request body has a dry-run field, read from its spec. */
function acceptsDryRun(entry: OperationEntry): boolean {
  const body = requestBodyOf(entry)?.body;
  if (!body) return false;
  const schema = resolveLocal<JsonSchema>(documents[entry.spec], body.content['application/json']?.schema ?? {});
  return Boolean((schema.properties as Record<string, unknown> | undefined)?.[dryRunField]);
}

/**
 * Why a request must not reach a non-local upstream, or null when it may. The rule is the contract
 * suite's (contracts/target.ts): against any host but loopback only reads and dry runs go out,
 * unless writes were allowed. A dry run is a JSON body with `dryRun: true` on an operation whose
 * spec has that field.
 */
export function writeRefusal(options: {
  method: string;
  entry: OperationEntry | null;
  body: string | null;
  upstreamHost: string;
  allowWrites: boolean;
}): string | null {
  if (options.allowWrites || isLocalHost(options.upstreamHost) || readMethods.has(options.method.toUpperCase()))
    return null;
  if (options.entry && acceptsDryRun(options.entry) && options.body !== null) {
    try {
      const parsed = JSON.parse(options.body) as unknown;
      if (typeof parsed === 'object' && parsed !== null && (parsed as Record<string, unknown>)[dryRunField] === true)
        return null;
    } catch {
      // Not JSON: not a dry run.
    }
  }
  const what = options.entry
    ? `${options.entry.operationId} (${options.method} ${options.entry.pathTemplate})`
    : `${options.method}`;
  return `bulkmock record forwards only reads and dry runs to a non-local upstream (${options.upstreamHost}); ${what} would change data there${options.entry && acceptsDryRun(options.entry) ? ' (send it with "dryRun": true, or' : ' ('}pass --allow-writes to record writes, against a sandbox)`;
}
