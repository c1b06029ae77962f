import { generateRows } from '../../generators/generateRows.js';
import type { GeneratorKind } from '../../generators/kinds/kindDefinition.js';
import { kinds } from '../../generators/kinds/kindRegistry.js';
import { fixtureText } from '../../generators/runGenerator.js';
import { bodyFromBytes, type MockRequest } from '../core/mockRequest.js';
import { serializeBody } from '../core/mockResponse.js';
import { findOperation } from '../spec/specRegistry.js';
import type { PreloadRefusal } from './applyPreload.js';
import type { PreloadContext } from './preloadContext.js';
import { importers } from './preloadPlan.js';
import { requestFromExample } from './requestFromExample.js';

/**
 * Imports `count` generated records of a kind (seeded, all valid) through the vendor's own bulk
 * operation, in as many requests as the vendor takes, so they are stored exactly as if a client had
 * imported them. Headers and parameters the operation needs come from the spec's examples.
 */
export async function preloadGenerated(
  context: PreloadContext,
  kind: GeneratorKind,
  count: number,
  seed: number,
): Promise<PreloadRefusal[]> {
  const [spec, operationId] = importers[kind];
  const entry = findOperation(spec, operationId);
  const base = requestFromExample(entry, null);
  const refused: PreloadRefusal[] = [];
  const send = async (request: MockRequest, what: string) => {
    const answer = await context.sendDirect(request);
    if (answer.status >= 400) refused.push({ what, status: answer.status, message: serializeBody(answer) ?? '' });
  };
  const withBody = (contentType: string, text: string, path = base.path, method = base.method): MockRequest => ({
    ...base,
    method,
    path,
    query: new URLSearchParams(base.query),
    headers: { ...base.headers, 'content-type': contentType },
    body: bodyFromBytes(text),
  });

  if (spec === 'thought-industries' && kinds[kind].defaultFormat === 'csv') {
    const { text } = await fixtureText({ kind, count, seed, format: 'csv' });
    const assetPath = `bulkmock-preload/${kind}-${count}.csv`;
    await send(
      withBody('text/csv', text, `/__bulkmock/assets/${encodeURIComponent(assetPath)}`, 'PUT'),
      `upload of ${kind}:${count}`,
    );
    // The users import names its file by URL, which the mock resolves against its own assets.
    const body =
      kind === 'ti-user'
        ? { url: `http://bulkmock.local/__bulkmock/assets/${assetPath}` }
        : { bulkImportAssetPath: assetPath };
    await send(withBody('application/json', JSON.stringify(body)), `${kind}:${count}`);
  } else if (kind === 'lb-record') {
    const { text } = await fixtureText({ kind, count, seed, format: 'jsonl' });
    const request = withBody('application/x-ndjson', text);
    const known = context.state.settings.importProcessIds;
    if (known) request.query.set('importProcessId', known[0]!);
    request.query.set('fileName', `bulkmock preload: ${count} generated records`);
    await send(request, `${kind}:${count}`);
  } else {
    const definition = kinds[kind];
    const property = definition.envelope?.property ?? 'items';
    const values = [...generateRows(kind, { count, seed })].map((row) => row.value);
    for (let start = 0; start < values.length; start += definition.batchSize) {
      const body = JSON.stringify({ [property]: values.slice(start, start + definition.batchSize) });
      await send(withBody('application/json', body), `${kind}:${count} (from record ${start + 1})`);
    }
  }
  return refused;
}
