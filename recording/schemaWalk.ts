import { escapeSegment, formatPointer, parsePointer, valueAtPointer } from '../mocks/spec/jsonPointer.js';
import type { JsonSchema, OpenApiDocument } from '../mocks/spec/openApiDocument.js';
import { refPointer } from '../mocks/spec/specRefs.js';

/** Array elements walked per array: enough to exercise every rule of a row schema, bounded for 100,000-row answers. */
const walkedElementsPerArray = 1000;

export interface WalkResult {
  /** Pointers of every schema object the value reached. */
  visited: Set<string>;
  /** Fields the value has that the schema does not name (allowed, as the specs do not forbid them). */
  undocumented: Array<{ instancePointer: string; schemaPointer: string; value: unknown }>;
}

/**
 * Walks a value along its schema (through `$ref`, `allOf`/`anyOf`/`oneOf`, `properties`, `items`,
 * `additionalProperties`), recording which schema objects it reached and which of its fields
 * the schema does not name. The pointers are the spec's, so they line up with designed-rule ids.
 */
export function walkValue(document: OpenApiDocument, schemaKeys: readonly string[], value: unknown): WalkResult {
  const result: WalkResult = { visited: new Set(), undocumented: [] };
  const objects = new Map<string, ObjectSeen>();
  visit(document, formatPointer(schemaKeys), value, '', result, objects, 0);
  // A field is undocumented when no schema that reached its object (allOf branches together) names
  // it, and none of them declares the object open (`additionalProperties: true` or a schema).
  for (const [instancePointer, seen] of objects) {
    if (seen.open || seen.schemaPointer === null) continue;
    for (const key of Object.keys(seen.value)) {
      if (seen.declared.has(key)) continue;
      result.undocumented.push({
        instancePointer: `${instancePointer}/${escapeSegment(key)}`,
        schemaPointer: seen.schemaPointer,
        value: seen.value[key],
      });
    }
  }
  return result;
}

interface ObjectSeen {
  value: Record<string, unknown>;
  declared: Set<string>;
  open: boolean;
  /** The first schema with `properties` that reached the object. */
  schemaPointer: string | null;
}

function visit(
  document: OpenApiDocument,
  schemaPointer: string,
  value: unknown,
  instancePointer: string,
  result: WalkResult,
  objects: Map<string, ObjectSeen>,
  depth: number,
): void {
  if (depth > 64) return;
  const schema = valueAtPointer(document, schemaPointer) as JsonSchema | undefined;
  if (typeof schema !== 'object' || schema === null) return;
  result.visited.add(schemaPointer);
  if (typeof schema.$ref === 'string') {
    visit(document, refPointer(schema.$ref), value, instancePointer, result, objects, depth + 1);
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = schema[combinator];
    if (Array.isArray(branches))
      branches.forEach((_, i) =>
        visit(document, `${schemaPointer}/${combinator}/${i}`, value, instancePointer, result, objects, depth + 1),
      );
  }
  if (Array.isArray(value)) {
    if (typeof schema.items === 'object' && schema.items !== null) {
      value
        .slice(0, walkedElementsPerArray)
        .forEach((element, i) =>
          visit(document, `${schemaPointer}/items`, element, `${instancePointer}/${i}`, result, objects, depth + 1),
        );
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  let seen = objects.get(instancePointer);
  if (!seen)
    objects.set(instancePointer, (seen = { value: record, declared: new Set(), open: false, schemaPointer: null }));
  for (const name of Object.keys(properties)) seen.declared.add(name);
  if (schema.properties !== undefined && seen.schemaPointer === null) seen.schemaPointer = schemaPointer;
  if (
    schema.additionalProperties === true ||
    (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null)
  )
    seen.open = true;
  for (const key of Object.keys(record)) {
    const child = record[key];
    const childPointer = `${instancePointer}/${escapeSegment(key)}`;
    if (key in properties)
      visit(
        document,
        `${schemaPointer}/properties/${escapeSegment(key)}`,
        child,
        childPointer,
        result,
        objects,
        depth + 1,
      );
    else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null)
      visit(document, `${schemaPointer}/additionalProperties`, child, childPointer, result, objects, depth + 1);
  }
}

/**
 * The schema pointers on the way from a schema down to one place in a value (`/data/job/status`),
 * outermost first: where a problem found at that place can be attributed.
 */
export function schemaPathTo(
  document: OpenApiDocument,
  schemaKeys: readonly string[],
  instancePointer: string,
): string[] {
  // The validator names the root `/` as well as ''.
  const segments = instancePointer === '/' ? [] : parsePointer(instancePointer);
  const path: string[] = [];
  const along = (pointer: string, rest: readonly string[], depth: number) => {
    if (depth > 64) return;
    const schema = valueAtPointer(document, pointer) as JsonSchema | undefined;
    if (typeof schema !== 'object' || schema === null) return;
    path.push(pointer);
    if (typeof schema.$ref === 'string') along(refPointer(schema.$ref), rest, depth + 1);
    for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = schema[combinator];
      if (Array.isArray(branches)) branches.forEach((_, i) => along(`${pointer}/${combinator}/${i}`, rest, depth + 1));
    }
    const [key, ...more] = rest;
    if (key === undefined) return;
    const escaped = escapeSegment(key);
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    if (key in properties) along(`${pointer}/properties/${escaped}`, more, depth + 1);
    else if (/^\d+$/.test(key) && typeof schema.items === 'object') along(`${pointer}/items`, more, depth + 1);
    else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null)
      along(`${pointer}/additionalProperties`, more, depth + 1);
  };
  along(formatPointer(schemaKeys), segments, 0);
  return path;
}
