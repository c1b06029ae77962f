import { describe, expect, it } from 'vitest';
import type { JsonSchema, OpenApiDocument } from '../../../mocks/spec/openApiDocument.js';
import { arrayLimitsOf } from '../../../mocks/spec/arrayLimits.js';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'limits', version: '1' },
  components: {
    schemas: {
      Batch: {
        type: 'object',
        properties: { items: { type: 'array', maxItems: 50, items: { $ref: '#/components/schemas/Alias' } } },
      },
      Alias: { $ref: '#/components/schemas/Course' },
      Course: {
        type: 'object',
        allOf: [{ properties: { tags: { type: 'array', maxItems: 3 } } }],
        properties: { parent: { $ref: '#/components/schemas/Course' } },
      },
      Loose: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    },
  },
};
const schema = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

describe('array limits read from a spec', () => {
  it('gives the maxItems at a path through $ref, items, properties and allOf', () => {
    const limits = arrayLimitsOf(document, schema('Batch'));
    expect(limits.at(['items'])).toBe(50);
    expect(limits.at(['items', 7, 'tags'])).toBe(3);
    expect(limits.at(['items', 0, 'parent', 'parent', 'tags'])).toBe(3);
    expect(limits.at(['elsewhere'])).toBe(Infinity);
  });

  it('gives the smallest limit reachable, following a recursive $ref once', () => {
    expect(arrayLimitsOf(document, schema('Batch')).smallest).toBe(3);
    expect(arrayLimitsOf(document, schema('Alias')).smallest).toBe(3);
  });

  it('gives no smallest limit for a schema whose arrays are unlimited', () => {
    expect(arrayLimitsOf(document, schema('Loose')).smallest).toBe(Infinity);
  });
});
