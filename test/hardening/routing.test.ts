import { METHODS } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleNames, findExample } from '../../mocks/spec/operationResponses.js';
import { listOperations, type SpecName } from '../../mocks/spec/specRegistry.js';
import { brokenRules, describeRequest, expectStillServing, sendAndCheck } from './support/answerRules.js';
import { fuzzParameters, fuzzTimeoutMs } from './support/fuzzSettings.js';
import { useFuzzServer } from './support/fuzzServer.js';
import { send } from './support/rawHttp.js';
import {
  contentType,
  credentials,
  headerText,
  jsonBody,
  pathSegment,
  queryString,
} from './support/requestArbitraries.js';

const server = useFuzzServer();
const operations = listOperations();

/** Every path the specs serve, with each parameter filled by a generated segment (several for a rest-of-path one). */
const operationPath: fc.Arbitrary<string> = fc
  .constantFrom(...operations.map((o) => o.pathTemplate))
  .chain((template) =>
    fc
      .tuple(
        ...(template.match(/\{[^}]+\}/g) ?? []).map(() =>
          fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/')),
        ),
      )
      .map((values) => {
        let i = 0;
        return template.replace(/\{[^}]+\}/g, () => values[i++]!);
      }),
  );

/** Paths no operation has: under each prefix, near misses in case and slashes, dot segments, the root. */
const oddPath: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        '/incoming/v2/',
        '/unified/',
        '/unified/lms/',
        '/API/',
        '/API/WorkflowImportQueue/',
        '/__bulkmock/',
        '/',
      ),
      fc.array(pathSegment, { maxLength: 3 }),
    )
    .map(([prefix, segments]) => prefix + segments.join('/')),
  fc.constantFrom(
    '/',
    '//',
    '/incoming/v2',
    '/__bulkmock',
    '/INCOMING/v2/ping',
    '/incoming/v2/ping/',
    '/incoming//v2/ping',
    '/__bulkmock/health/..',
    '/__bulkmock/./health',
    '/__bulkmock/../__bulkmock/health',
    '/__bulkmock/assets/../health',
    '/%2e%2e/__bulkmock/health',
    '/unified/lms/courses/batch/../../../__bulkmock/reset',
  ),
);

const anyPath = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: operationPath }, { weight: 2, arbitrary: oddPath }),
    fc.option(queryString({}), { nil: '' }),
  )
  .map(([path, query]) => path + query);

/** Methods Node's parser knows (CONNECT aside: a proxy request, checked on a raw socket), and tokens it does not. */
const method = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS') },
  { weight: 2, arbitrary: fc.constantFrom(...METHODS.filter((m) => m !== 'CONNECT')) },
  { weight: 1, arbitrary: fc.constantFrom('FOO', 'BREW', 'X-CUSTOM', 'G3T') },
);

function specOf(path: string): SpecName {
  if (
    path.startsWith('/incoming/v2/') ||
    path.startsWith('/__bulkmock/assets/') ||
    path.startsWith('/__bulkmock/thought-industries/')
  )
    return 'thought-industries';
  if (path.startsWith('/unified/')) return 'stackone';
  if (path.startsWith('/API/') || path.startsWith('/__bulkmock/learning-builder/')) return 'learning-builder';
  return 'control';
}

describe('routing, fuzzed', () => {
  it(
    'answers any method on any path: a documented answer where an operation matches, 405 with Allow for a wrong method, 404 for an unknown path, 400 for a method HTTP does not know',
    async () => {
      const { running } = server;
      const runs = 300;
      const request = anyPath.chain((path) =>
        fc.record({
          method,
          path: fc.constant(path),
          auth: credentials(specOf(path)),
          type: contentType(['application/json']),
          body: fc.option(jsonBody(fc.jsonValue({ maxDepth: 2 })), { freq: 3, nil: undefined }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(request, async ({ method, path, auth, type, body }) => {
          // Never a reset: it would wipe what the other properties of this file build up.
          if (method === 'POST' && path.split('?')[0] === '/__bulkmock/reset') return;
          await sendAndCheck(running, {
            method,
            path,
            headers: { ...auth, ...(body && { 'content-type': type }) },
            body,
          });
        }),
        fuzzParameters(runs),
      );
      await expectStillServing(running);
    },
    fuzzTimeoutMs(300),
  );

  it(
    'answers any path parameter and query string of the reading endpoints with a documented answer',
    async () => {
      const { running } = server;
      const runs = 250;
      const reads = fc.oneof(
        fc.tuple(fc.constant('/incoming/v2/jobs/'), pathSegment, fc.constant('')),
        fc.tuple(
          fc.constant('/__bulkmock/thought-industries/records/'),
          fc.oneof(fc.constantFrom('webinars', 'inPersonEvents', 'certificateTemplates'), pathSegment),
          queryString({
            limit: fc.integer({ min: 1, max: 1000 }).map(String),
            offset: fc.nat({ max: 50 }).map(String),
          }),
        ),
        fc.tuple(
          fc.constant('/unified/lms/courses'),
          fc.constant(''),
          queryString({
            page_size: fc.integer({ min: 1, max: 1000 }).map(String),
            next: fc.constantFrom('o1', 'o0', 'oZZ', 'eyJvZmZzZXQiOjJ9'),
          }),
        ),
        fc.tuple(fc.constant('/__bulkmock/learning-builder/batches/'), pathSegment, fc.constant('')),
        fc.tuple(fc.constant('/__bulkmock/jobs/'), pathSegment, fc.constant('')),
        fc.tuple(
          fc.constant('/__bulkmock/jobs'),
          fc.constant(''),
          queryString({
            vendor: fc.constantFrom('thought-industries', 'stackone', 'learning-builder'),
            status: fc.constantFrom('queued', 'processing', 'complete', 'failed'),
          }),
        ),
        fc.tuple(
          fc.constant('/__bulkmock/requests'),
          fc.constant(''),
          queryString({ limit: fc.integer({ min: 1, max: 1000 }).map(String) }),
        ),
        fc.tuple(
          fc.constantFrom('/__bulkmock/health', '/__bulkmock/settings', '/incoming/v2/ping'),
          fc.constant(''),
          queryString({}),
        ),
      );
      const request = reads
        .map(([base, segment, query]) => base + segment + query)
        .chain((path) =>
          fc.record({
            path: fc.constant(path),
            auth: credentials(specOf(path)),
            accept: fc.option(headerText(30), { nil: undefined }),
          }),
        );
      await fc.assert(
        fc.asyncProperty(request, async ({ path, auth, accept }) => {
          await sendAndCheck(running, { method: 'GET', path, headers: { ...auth, accept } });
        }),
        fuzzParameters(runs),
      );
      await expectStillServing(running);
    },
    fuzzTimeoutMs(250),
  );

  it(
    'answers any Prefer, X-Bulkmock-Latency and X-Bulkmock-Fail-Job header with a documented answer (a forced status is one the operation documents)',
    async () => {
      const { running } = server;
      const runs = 250;
      const vendorOperations = operations.filter((o) => o.spec !== 'control');
      // Example names and status codes the client may force, except server errors, which are the point of forcing them.
      const prefer = (operationId: string) => {
        const entry = vendorOperations.find((o) => o.operationId === operationId)!;
        const names = exampleNames(entry).filter((name) => (findExample(entry, name, null)?.status ?? 500) < 500);
        return fc.oneof(
          fc.integer({ min: 100, max: 499 }).map((code) => `code=${code}`),
          ...(names.length > 0 ? [fc.constantFrom(...names).map((name) => `example=${name}`)] : []),
          fc.constantFrom(
            'code=',
            'code=abc',
            'code=600',
            'example=',
            'example=nope',
            'respond-async',
            'wait=5',
            'code=200, example=seed',
            ';;,,',
          ),
          headerText(40),
        );
      };
      const request = fc.constantFrom(...vendorOperations.map((o) => o.operationId)).chain((operationId) => {
        const entry = vendorOperations.find((o) => o.operationId === operationId)!;
        return fc.record({
          operationId: fc.constant(operationId),
          path: fc.constant(samplePath(entry.pathTemplate)),
          auth: credentials(entry.spec),
          prefer: fc.option(prefer(operationId), { nil: undefined }),
          latency: fc.option(fc.oneof(fc.constantFrom('0', '1', '3'), headerText(12)), { freq: 3, nil: undefined }),
          failJob: fc.option(headerText(30), { freq: 3, nil: undefined }),
        });
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ operationId, path, auth, prefer, latency, failJob }) => {
          const entry = vendorOperations.find((o) => o.operationId === operationId)!;
          // A well-formed latency over a few milliseconds would only make the run slow.
          if (latency !== undefined && /^\s*\d{1,6}\s*$/.test(latency) && Number(latency) > 5) return;
          const sent = {
            method: entry.method.toUpperCase(),
            path,
            headers: {
              ...auth,
              prefer,
              'x-bulkmock-latency': latency,
              'x-bulkmock-fail-job': failJob,
              'content-type': 'application/json',
            },
            body: entry.method === 'get' ? undefined : '{}',
          };
          const answer = await send(running, sent);
          expect(brokenRules(running, sent, answer), describeRequest(sent)).toEqual([]);
        }),
        fuzzParameters(runs),
      );
      await expectStillServing(running);
    },
    fuzzTimeoutMs(250),
  );
});

/** A concrete, valid path for a template (the Prefer property varies headers, not paths). */
function samplePath(template: string): string {
  return template
    .replace('{id}', '8a2d4e61-0b3c-4f5a-9e87-1c2d3e4f5a6b')
    .replace('{assetPath}', 'fuzz/prefer.csv')
    .replace('{collection}', 'webinars')
    .replace('{queueBatchId}', '8a2d4e61-0b3c-4f5a-9e87-1c2d3e4f5a6b');
}
