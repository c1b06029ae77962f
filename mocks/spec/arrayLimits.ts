import type { ArrayLimits } from '../parsing/jsonArraySizes.js';
import type { JsonSchema, OpenApiDocument } from './openApiDocument.js';
import { resolveRef } from './specRefs.js';

/**
 * The `maxItems` that applies at each path of a value checked against `schema`, read from the spec
 * by following `$ref`, `properties`, `additionalProperties`, `items` and `allOf`. A path under
 * `oneOf` or `anyOf` has no limit here (which branch applies is the validator's to decide), so the
 * answer is never stricter than the schema. Looked up once per path shape and kept. `smallest` is
 * the least `maxItems` reachable through the same keywords, so no path's limit is below it.
 */
export function arrayLimitsOf(document: OpenApiDocument, schema: JsonSchema): ArrayLimits {
  const known = new Map<string, number>();
  return {
    at: (path) => {
      const shape = path.map((s) => (typeof s === 'number' ? '\u0000' : s)).join('\u0001');
      let limit = known.get(shape);
      if (limit === undefined) known.set(shape, (limit = limitAt(document, schema, path)));
      return limit;
    },
    smallest: smallestLimit(document, schema),
  };
}

/** The least `maxItems` of every schema reachable from `schema` (Infinity when there is none). */
function smallestLimit(document: OpenApiDocument, schema: JsonSchema): number {
  const seen = new Set<JsonSchema>();
  const pending = [schema];
  let smallest = Infinity;
  while (pending.length > 0) {
    // The same keywords `at` follows: `$ref` and `allOf` through `expand`, then each child.
    for (const node of expand(document, pending.pop()!, 0)) {
      if (seen.has(node)) continue;
      seen.add(node);
      if (typeof node.maxItems === 'number') smallest = Math.min(smallest, node.maxItems);
      const children = [
        ...Object.values((node.properties as Record<string, unknown> | undefined) ?? {}),
        node.additionalProperties,
        node.items,
      ];
      for (const child of children) if (typeof child === 'object' && child !== null) pending.push(child as JsonSchema);
    }
  }
  return smallest;
}

function limitAt(document: OpenApiDocument, schema: JsonSchema, path: ReadonlyArray<string | number>): number {
  const candidates = schemasAt(document, [schema], path);
  let limit = Infinity;
  for (const candidate of candidates) {
    if (typeof candidate.maxItems === 'number') limit = Math.min(limit, candidate.maxItems);
  }
  return limit;
}

/** Every schema that applies at `path` (a value must satisfy all of them). */
function schemasAt(document: OpenApiDocument, roots: JsonSchema[], path: ReadonlyArray<string | number>): JsonSchema[] {
  let current = roots.flatMap((s) => expand(document, s, 0));
  for (const segment of path) {
    const next: JsonSchema[] = [];
    for (const schema of current) {
      const child =
        typeof segment === 'number'
          ? schema.items
          : ((schema.properties as Record<string, unknown> | undefined)?.[segment] ?? schema.additionalProperties);
      if (typeof child === 'object' && child !== null) next.push(...expand(document, child as JsonSchema, 0));
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** A schema with its `$ref` followed and its `allOf` branches spread out. */
function expand(document: OpenApiDocument, schema: JsonSchema, depth: number): JsonSchema[] {
  if (depth > 16) return [];
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/'))
    return expand(document, resolveRef(document, schema.$ref) as JsonSchema, depth + 1);
  const branches = Array.isArray(schema.allOf)
    ? (schema.allOf as JsonSchema[]).flatMap((b) => expand(document, b, depth + 1))
    : [];
  return [schema, ...branches];
}
