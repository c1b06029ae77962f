import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MediaTypeObject, ResponseObject } from '../../mocks/spec/openApiDocument.js';
import { resolveLocal } from '../../mocks/spec/specRefs.js';
import {
  documents,
  findOperation,
  listOperations,
  operationsOf,
  specFiles,
  vendors,
  type SpecName,
} from '../../mocks/spec/specRegistry.js';
import { parseSpecYaml } from '../../mocks/spec/specYaml.js';
import { staleGeneratedFiles } from '../../scripts/generateFromSpecs.js';

/** The five endpoints of the vendor documents in shared/seeds (see its README). */
const seedEndpoints: Array<{ spec: SpecName; path: string; operationId: string }> = [
  {
    spec: 'thought-industries',
    path: '/incoming/v2/content/courseGroup/webinar/bulk',
    operationId: 'bulkImportCourseGroupWebinars',
  },
  {
    spec: 'thought-industries',
    path: '/incoming/v2/content/session/inPersonEvent/bulk',
    operationId: 'bulkImportInPersonEventSessions',
  },
  {
    spec: 'thought-industries',
    path: '/incoming/v2/content/certificate-templates/bulk',
    operationId: 'bulkCreateCertificateTemplates',
  },
  { spec: 'stackone', path: '/unified/lms/courses/batch', operationId: 'batchUpsertCourses' },
  { spec: 'learning-builder', path: '/API/WorkflowImportQueue/CreateBatch', operationId: 'createWorkflowImportBatch' },
];

const exampleNames = (spec: SpecName, media: Record<string, MediaTypeObject> | undefined) =>
  Object.values(media ?? {}).flatMap((m) => Object.keys(resolveLocal(documents[spec], m).examples ?? {}));

describe('the specs cover the vendor documents', () => {
  for (const seed of seedEndpoints) {
    it(`${seed.spec}: POST ${seed.path} is ${seed.operationId}, with the seed example, a realistic one and its error responses`, () => {
      const entry = findOperation(seed.spec, seed.operationId);
      expect([entry.method, entry.pathTemplate]).toEqual(['post', seed.path]);
      const responses = entry.operation.responses ?? {};
      const success = Object.keys(responses).find((s) => s.startsWith('2'))!;
      const successExamples = exampleNames(
        seed.spec,
        resolveLocal<ResponseObject>(documents[seed.spec], responses[success]!).content,
      );
      expect(successExamples).toContain('seed');
      expect(successExamples.filter((n) => n !== 'seed').length).toBeGreaterThan(0);
      for (const status of ['400', '401', '413', '415', '429', '500']) expect(Object.keys(responses)).toContain(status);
    });
  }

  // shared/ sits beside a checkout and beside CI's clone; a lone clone reports this test as skipped, not passed.
  const seedsReadme = new URL('../../../shared/seeds/README.md', import.meta.url);
  it.skipIf(!existsSync(seedsReadme))(
    'lists the same endpoints as the seeds README (shared/ beside the project)',
    () => {
      const readme = seedsReadme;
      const paths = [...readFileSync(readme, 'utf8').matchAll(/POST (\/\S+)/g)].map((m) => m[1]);
      expect(paths.sort()).toEqual(seedEndpoints.map((s) => s.path).sort());
    },
  );

  it('has GET /incoming/v2/jobs/{id} and GET /incoming/v2/ping for Thought Industries', () => {
    expect(findOperation('thought-industries', 'getBackgroundJob').pathTemplate).toBe('/incoming/v2/jobs/{id}');
    expect(findOperation('thought-industries', 'ping').pathTemplate).toBe('/incoming/v2/ping');
  });
});

describe('the specs tell vendor behaviour from bulkmock inventions', () => {
  it('puts every extension operation under /__bulkmock/ and marks every /__bulkmock/ operation as an extension', () => {
    for (const entry of listOperations()) {
      expect(entry.pathTemplate.startsWith('/__bulkmock/'), `${entry.spec} ${entry.operationId}`).toBe(entry.extension);
    }
  });

  it('gives every x-bulkmock-inferred marker a one-line reason', () => {
    const reasons: Array<[string, unknown]> = [];
    const walk = (node: unknown, pointer: string) => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'x-bulkmock-inferred') reasons.push([pointer, value]);
        else walk(value, `${pointer}/${key}`);
      }
    };
    for (const [spec, document] of Object.entries(documents)) walk(document, spec);
    expect(reasons.length).toBeGreaterThan(20);
    for (const [where, reason] of reasons) {
      expect(
        typeof reason === 'string' && reason.trim().length > 10 && !reason.includes('\n'),
        `${where}: ${JSON.stringify(reason)}`,
      ).toBe(true);
    }
  });

  it('names every operation with an operationId, a summary, a description and a tag', () => {
    // Read from the YAML: the generated documents module leaves the prose out (scripts/generateFromSpecs.ts).
    for (const spec of Object.keys(documents) as SpecName[]) {
      const text = readFileSync(new URL(`../../${specFiles[spec]}`, import.meta.url), 'utf8');
      for (const { operationId, operation } of operationsOf(spec, parseSpecYaml(text, specFiles[spec]))) {
        expect(
          operation.summary && operation.description && operation.tags?.length,
          `${spec} ${operationId}`,
        ).toBeTruthy();
      }
    }
  });

  it('documents 429 with a required Retry-After header on every vendor operation', () => {
    for (const entry of listOperations(vendors).filter((e) => !e.extension)) {
      const tooMany = resolveLocal<ResponseObject>(documents[entry.spec], entry.operation.responses!['429']!);
      const retryAfter = resolveLocal<{ required?: boolean }>(documents[entry.spec], tooMany.headers!['Retry-After']!);
      expect(retryAfter.required, `${entry.spec} ${entry.operationId}`).toBe(true);
    }
  });
});

describe('generated files', () => {
  it('are what npm run gen:types makes from the specs today', async () => {
    expect(await staleGeneratedFiles({ write: false })).toEqual([]);
  });
});
