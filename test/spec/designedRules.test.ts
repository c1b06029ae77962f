import { describe, expect, it } from 'vitest';
import { vendorFacts } from '../../openapi/generated/facts.js';
import { unescapeSegment } from '../../mocks/spec/jsonPointer.js';
import { designedRules, walkConstraints } from '../../mocks/spec/fidelity/constraintWalk.js';
import { inferredKeywordsKey, sourceKey } from '../../mocks/spec/specMarkers.js';
import { resolveRef } from '../../mocks/spec/specRefs.js';
import { documents, vendors } from '../../mocks/spec/specRegistry.js';

const batchPath = '/paths/~1unified~1lms~1courses~1batch/post';

/** A property marker may design its own `required`: the entry of the parent's `required` list that names it. */
function requiredByParent(vendor: (typeof vendors)[number], pointer: string): boolean {
  const match = /^(.*)\/properties\/([^/]+)$/.exec(pointer);
  if (!match) return false;
  const parent = resolveRef(documents[vendor], `#${match[1]}`) as { required?: string[] };
  return parent.required?.includes(unescapeSegment(match[2]!)) === true;
}

/** The object at `keys` inside a parsed spec, to plant a constraint in (fails if there is none). */
function objectAt(document: unknown, ...keys: string[]): Record<string, unknown> {
  let node = document;
  for (const key of keys) node = (node as Record<string, unknown>)[key];
  if (typeof node !== 'object' || node === null) throw new Error(`no object at ${keys.join(' / ')}`);
  return node as Record<string, unknown>;
}

const description = ['components', 'schemas', 'LmsUpsertCourseRequest', 'properties', 'description'];

describe('every constraint of a vendor spec is documented or marked as designed', () => {
  for (const vendor of vendors) {
    it(`${vendor}: each enum, pattern, format, limit, required, default, rule and status is a vendor fact, a cited source or x-bulkmock-inferred`, () => {
      const constraints = walkConstraints(vendor, documents[vendor], vendorFacts[vendor]);
      expect(constraints.length).toBeGreaterThan(50);
      expect(
        constraints
          .filter((c) => c.provenance.kind === 'unaccounted')
          .map((c) => `${c.pointer} (${c.keyword} ${c.value})`),
      ).toEqual([]);
    });

    it(`${vendor}: every fact of openapi/facts/${vendor}.yaml points at a constraint the spec states, and cites a seed or a research note`, () => {
      const pointers = new Set(walkConstraints(vendor, documents[vendor], []).map((c) => c.pointer));
      for (const fact of vendorFacts[vendor]) {
        expect(pointers.has(fact.pointer), `${fact.pointer} is not a constraint of the spec`).toBe(true);
        expect(fact.source).toMatch(/^(seeds? \d{3}|research\/|@stackone\/)/);
        expect(fact.fact.trim().length).toBeGreaterThan(10);
      }
    });

    it(`${vendor}: a marker that names its keywords names keywords the object has, and every source cites a document`, () => {
      for (const rule of designedRules(vendor, documents[vendor])) {
        const node = resolveRef(documents[vendor], `#${rule.pointer}`) as Record<string, unknown>;
        for (const keyword of rule.keywords ?? []) {
          const present =
            keyword === 'status'
              ? /\/responses\/[^/]+$/.test(rule.pointer)
              : keyword in node || (keyword === 'required' && requiredByParent(vendor, rule.pointer));
          expect(present, `${rule.ruleId} names ${keyword} in ${inferredKeywordsKey}, which it does not have`).toBe(
            true,
          );
        }
      }
      const sources: string[] = [];
      JSON.stringify(
        documents[vendor],
        (key, value: unknown) => (key === sourceKey && sources.push(String(value)), value),
      );
      for (const source of sources)
        expect(source).toMatch(/^(seeds? \d{3}|research\/|@stackone\/stackone-client-ts \d)/);
    });
  }

  it('fails on a planted constraint that nobody documents or marks: a length limit and a status', () => {
    const planted = structuredClone(documents.stackone);
    objectAt(planted, ...description).maxLength = 50;
    const batchResponses = objectAt(planted, 'paths', '/unified/lms/courses/batch', 'post', 'responses');
    batchResponses['418'] = { description: 'I am a teapot' };
    const unaccounted = walkConstraints('stackone', planted, vendorFacts.stackone).filter(
      (c) => c.provenance.kind === 'unaccounted',
    );
    expect(unaccounted.map((c) => c.pointer)).toEqual([
      `${batchPath}/responses/418`,
      '/components/schemas/LmsUpsertCourseRequest/properties/description/maxLength',
    ]);
  });

  it('accepts the planted constraint once it is marked, and names the rule by its keyword', () => {
    const planted = structuredClone(documents.stackone);
    Object.assign(objectAt(planted, ...description), {
      maxLength: 50,
      'x-bulkmock-inferred': 'planted for the test: 50 characters is a made-up limit',
      'x-bulkmock-inferred-keywords': ['maxLength'],
    });
    const found = walkConstraints('stackone', planted, vendorFacts.stackone).find((c) =>
      c.pointer.endsWith('/description/maxLength'),
    );
    expect(found?.provenance).toEqual({
      kind: 'designed',
      ruleId: 'stackone#/components/schemas/LmsUpsertCourseRequest/properties/description/maxLength',
      reason: 'planted for the test: 50 characters is a made-up limit',
    });
  });

  it('does not let a marker that names other keywords cover a constraint it does not name', () => {
    const planted = structuredClone(documents.stackone);
    Object.assign(objectAt(planted, ...description), {
      maxLength: 50,
      pattern: '^\\S',
      'x-bulkmock-inferred': 'planted for the test: 50 characters is a made-up limit',
      'x-bulkmock-inferred-keywords': ['maxLength'],
    });
    const unaccounted = walkConstraints('stackone', planted, vendorFacts.stackone).filter(
      (c) => c.provenance.kind === 'unaccounted',
    );
    expect(unaccounted.map((c) => c.pointer)).toEqual([
      '/components/schemas/LmsUpsertCourseRequest/properties/description/pattern',
    ]);
  });
});
