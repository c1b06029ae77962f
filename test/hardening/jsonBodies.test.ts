import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SpecName } from '../../mocks/spec/specRegistry.js';
import { expectStillServing, sendAndCheck } from './support/answerRules.js';
import { fuzzParameters, fuzzTimeoutMs } from './support/fuzzSettings.js';
import { preloadedAssets, useFuzzServer } from './support/fuzzServer.js';
import {
  assetImportBody,
  certificateTemplatesBody,
  clockAdvanceBody,
  contentType,
  courseBatchBody,
  credentials,
  jsonBody,
} from './support/requestArbitraries.js';
import type { Answer } from './support/rawHttp.js';

const server = useFuzzServer();
const runs = 250;

interface JsonOperation {
  spec: SpecName;
  path: string;
  body: fc.Arbitrary<unknown>;
  /** What a client reads next after a success: the job, the stored records. */
  readBack: (
    answer: Answer,
    auth: Record<string, string | undefined>,
  ) => Array<{ path: string; headers?: Record<string, string | undefined> }>;
}

const assetPaths = [...Object.keys(preloadedAssets), 'fuzz/not-there.csv'];
const tiJob = (answer: Answer, name: string) =>
  (JSON.parse(answer.body) as { data: Record<string, { backgroundJob: { id: string } }> }).data[name]!.backgroundJob.id;

const operations: JsonOperation[] = [
  {
    spec: 'thought-industries',
    path: '/incoming/v2/content/courseGroup/webinar/bulk',
    body: assetImportBody(assetPaths),
    readBack: (answer, auth) => [
      { path: `/incoming/v2/jobs/${tiJob(answer, 'APIBulkCourseGroupWebinarImport')}`, headers: auth },
      { path: '/__bulkmock/thought-industries/records/webinars?limit=1000' },
    ],
  },
  {
    spec: 'thought-industries',
    path: '/incoming/v2/content/session/inPersonEvent/bulk',
    body: assetImportBody(assetPaths),
    readBack: (answer, auth) => [
      { path: `/incoming/v2/jobs/${tiJob(answer, 'APIBulkInPersonEventImport')}`, headers: auth },
      { path: '/__bulkmock/thought-industries/records/inPersonEvents?limit=1000' },
    ],
  },
  {
    spec: 'thought-industries',
    path: '/incoming/v2/content/certificate-templates/bulk',
    body: certificateTemplatesBody,
    readBack: (answer, auth) => [
      { path: `/incoming/v2/jobs/${tiJob(answer, 'APIBulkCreateCertificateTemplates')}`, headers: auth },
      { path: '/__bulkmock/thought-industries/records/certificateTemplates?limit=1000' },
    ],
  },
  {
    spec: 'stackone',
    path: '/unified/lms/courses/batch',
    body: courseBatchBody,
    readBack: (answer, auth) => [
      { path: `/__bulkmock/jobs/${answer.headers['x-bulkmock-job-id']}` },
      { path: '/unified/lms/courses?page_size=1000', headers: auth },
    ],
  },
  {
    spec: 'control',
    path: '/__bulkmock/clock/advance',
    body: clockAdvanceBody,
    readBack: () => [{ path: '/__bulkmock/jobs' }],
  },
];

describe('JSON request bodies, fuzzed', () => {
  it(
    'answers any body, Content-Type and credentials on every JSON endpoint with a documented answer, and what it accepted reads back within the spec',
    async () => {
      const { running } = server;
      // Only plain values in the generated case, so that a failure prints readably.
      const request = fc.constantFrom(...operations.map((o) => o.path)).chain((path) => {
        const operation = operations.find((o) => o.path === path)!;
        return fc.record({
          path: fc.constant(path),
          body: jsonBody(operation.body),
          type: contentType(['application/json', 'application/json; charset=utf-8']),
          auth: credentials(operation.spec),
        });
      });
      // Counted so that the read-back half of the property cannot pass by never running.
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(request, async ({ path, body, type, auth }) => {
          const operation = operations.find((o) => o.path === path)!;
          const answer = await sendAndCheck(running, {
            method: 'POST',
            path: operation.path,
            headers: { ...auth, 'content-type': type },
            body,
          });
          if (answer.status >= 300) return;
          accepted += 1;
          // Let the jobs finish, so their records are written, then read everything back.
          await sendAndCheck(running, {
            method: 'POST',
            path: '/__bulkmock/clock/advance',
            headers: { 'content-type': 'application/json' },
            body: '{"ms":600000}',
          });
          for (const next of operation.readBack(answer, auth)) await sendAndCheck(running, { method: 'GET', ...next });
        }),
        fuzzParameters(runs),
      );
      expect(accepted, 'generated bodies the mock accepted and the test read back').toBeGreaterThan(0);
      await expectStillServing(running);
    },
    fuzzTimeoutMs(runs),
  );
});
