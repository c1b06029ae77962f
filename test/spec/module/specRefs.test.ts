import { describe, expect, it } from 'vitest';
import {
  reachablePointers,
  refKeys,
  refPointer,
  resolveLocal,
  resolveRef,
  schemaNameOf,
} from '../../../mocks/spec/specRefs.js';

const document = {
  components: {
    schemas: {
      Course: {
        type: 'object',
        properties: { skills: { type: 'array', items: { $ref: '#/components/schemas/Skill' } } },
      },
      Skill: { type: 'object', properties: { parent: { $ref: '#/components/schemas/Skill' } } },
      Alias: { $ref: '#/components/schemas/Course' },
      AliasOfAlias: { $ref: '#/components/schemas/Alias' },
      Loop: { $ref: '#/components/schemas/Loop2' },
      Loop2: { $ref: '#/components/schemas/Loop' },
      'a/b': { type: 'string' },
    },
    examples: { one: { value: { $ref: '#/components/schemas/Skill' } } },
  },
  paths: {
    '/jobs/{id}': {
      get: {
        responses: {
          200: { $ref: '#/components/schemas/Course' },
          400: { examples: { $ref: '#/components/examples/one' } },
        },
      },
    },
  },
};

describe('local $ref resolution', () => {
  it('reads the keys and the pointer a reference names, unescaped', () => {
    expect(refKeys('#/components/schemas/a~1b')).toEqual(['components', 'schemas', 'a/b']);
    expect(refKeys({ $ref: '#/paths/~1jobs~1%7Bid%7D' })).toEqual(['paths', '/jobs/{id}']);
    expect(refPointer('#/paths/~1jobs~1%7Bid%7D')).toBe('/paths/~1jobs~1{id}');
  });

  it('names the component schema a reference names, and nothing for any other value', () => {
    expect(schemaNameOf({ $ref: '#/components/schemas/a~1b' })).toBe('a/b');
    expect(schemaNameOf({ $ref: '#/components/responses/NotFound' })).toBeNull();
    expect(schemaNameOf({ type: 'string' })).toBeNull();
    expect(schemaNameOf(undefined)).toBeNull();
  });

  it('follows a chain of references to the object at its end', () => {
    expect(resolveLocal(document, { $ref: '#/components/schemas/AliasOfAlias' })).toBe(
      document.components.schemas.Course,
    );
    expect(resolveRef(document, '#/components/schemas/a~1b')).toEqual({ type: 'string' });
  });

  it('hands back a value that is not a reference as it is', () => {
    const schema = { type: 'integer' };
    expect(resolveLocal(document, schema)).toBe(schema);
  });

  it('throws on a reference cycle, naming where it closes and the file', () => {
    expect(() => resolveLocal(document, { $ref: '#/components/schemas/Loop' }, 'openapi/x.yaml')).toThrow(
      'openapi/x.yaml: reference cycle at #/components/schemas/Loop',
    );
  });

  it('throws naming a reference that leads nowhere, and one outside the document', () => {
    expect(() => resolveRef(document, '#/components/schemas/Missing')).toThrow(
      'unresolvable reference #/components/schemas/Missing',
    );
    expect(() => resolveRef(document, 'other.yaml#/components/schemas/Course')).toThrow(
      'only local references are supported',
    );
  });

  it('finds every place reachable through references, ends on self-references, and can leave examples out', () => {
    const reached = reachablePointers(document, ['/paths/~1jobs~1{id}/get', '/nowhere']);
    expect([...reached].sort()).toEqual([
      '/components/examples/one',
      '/components/schemas/Course',
      '/components/schemas/Skill',
      '/paths/~1jobs~1{id}/get',
    ]);
    const withoutExamples = reachablePointers(document, ['/paths/~1jobs~1{id}/get'], { skipExamples: true });
    expect(withoutExamples.has('/components/examples/one')).toBe(false);
    expect(withoutExamples.has('/components/schemas/Skill')).toBe(true);
  });
});
