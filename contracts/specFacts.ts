import { formatPointer, parsePointer } from '../mocks/spec/jsonPointer.js';
import { isReference, type JsonSchema } from '../mocks/spec/openApiDocument.js';
import { responseFor } from '../mocks/spec/operationResponses.js';
import { inferredKey, inferredMarker } from '../mocks/spec/specMarkers.js';
import { refPointer, resolveLocal, resolveRef } from '../mocks/spec/specRefs.js';
import { documents, findOperation, type OperationEntry, type SpecName } from '../mocks/spec/specRegistry.js';

/**
 * Facts the checks read from the specs rather than restate: which rules are bulkmock's design
 * (`x-bulkmock-inferred`) and which operations exist only in the mock (`x-bulkmock-extension`).
 * Columns and wrapper names come from the spec module (mocks/spec/specSchemas.ts).
 */

/** A rule bulkmock designed: its id (as in docs/fidelity.md) and the spec's reason. */
export interface DesignedRuleRef {
  ruleId: string;
  reason: string;
}

const ruleIdOf = (spec: SpecName, pointer: string) => `${spec}#${pointer.replace(/^#/, '')}`;

/** The `x-bulkmock-inferred` reason at a place in a spec; throws when the place does not exist. */
function inferredReason(spec: SpecName, keys: readonly string[]): string | undefined {
  return inferredMarker(resolveRef(documents[spec], `#${formatPointer(keys)}`))?.reason;
}

/**
 * The designed rule a check tests, as `{ inferred, ruleId }` to spread into its definition; throws
 * when the place is not marked, so a check is never labelled designed by mistake.
 */
export function designedRule(
  spec: SpecName,
  keys: readonly string[],
  keyword?: string,
): { inferred: string; ruleId: string } {
  const reason = inferredReason(spec, keys);
  if (!reason)
    throw new Error(
      `${spec}: ${keys.join('/')} is not marked ${inferredKey}; the check citing it should not be labelled inferred`,
    );
  return { inferred: reason, ruleId: ruleIdOf(spec, formatPointer(keyword ? [...keys, keyword] : keys)) };
}

/** An operation that only the mock has; throws when the spec does not mark it so. */
export function extensionOperation(spec: SpecName, operationId: string): OperationEntry {
  const entry = findOperation(spec, operationId);
  if (!entry.extension) throw new Error(`${spec}: ${operationId} is not marked x-bulkmock-extension`);
  return entry;
}

/**
 * Why a problem in a response is one with a rule bulkmock designed, and that rule's id: the first
 * `x-bulkmock-inferred` on the way from the response (and its header, or its body schema) down to
 * the value at `pointer` that designs the failing `keyword` (a marker that names its keywords with
 * `x-bulkmock-inferred-keywords` designs only those).
 */
export function inferredForResponse(
  entry: OperationEntry,
  status: number,
  where: string,
  keyword?: string,
): DesignedRuleRef | undefined {
  const document = documents[entry.spec];
  const documented = responseFor(entry, status);
  if (!documented) return undefined;
  const { response } = documented;
  const responsePointer = formatPointer(documented.definedAt);
  const marker = inferredMarker(response);
  if (marker && !marker.keywords) return { ruleId: ruleIdOf(entry.spec, responsePointer), reason: marker.reason };
  if (where.startsWith('header ')) {
    const name = where.slice('header '.length).toLowerCase();
    const found = Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === name);
    if (!found) return undefined;
    const [headerName, header] = found;
    const pointer = isReference(header)
      ? refPointer(header)
      : `${responsePointer}${formatPointer(['headers', headerName])}`;
    const headerMarker = inferredMarker(resolveLocal(document, header));
    return headerMarker ? { ruleId: ruleIdOf(entry.spec, pointer), reason: headerMarker.reason } : undefined;
  }
  if (!where.startsWith('/')) return undefined;
  const mediaType = Object.entries(response.content ?? {}).find(([, media]) => media.schema);
  if (!mediaType) return undefined;
  const start = {
    schema: mediaType[1].schema as JsonSchema,
    pointer: `${responsePointer}${formatPointer(['content', mediaType[0], 'schema'])}`,
  };
  const keys = where === '/' ? [] : parsePointer(where);
  const found = inferredAlong(document, start.schema, start.pointer, keys, keyword);
  return found ? { ruleId: ruleIdOf(entry.spec, found.pointer), reason: found.reason } : undefined;
}

/**
 * Walks a schema along instance keys (through $ref, properties, items, allOf/anyOf/oneOf), returning
 * the first marker that designs the failing keyword, with the pointer of its rule.
 */
function inferredAlong(
  document: unknown,
  start: JsonSchema,
  at: string,
  keys: readonly string[],
  keyword: string | undefined,
  depth = 0,
): { pointer: string; reason: string } | undefined {
  if (depth > 32) return undefined;
  const schema = isReference(start) ? resolveLocal<JsonSchema>(document, start) : start;
  const pointer = isReference(start) ? refPointer(start) : at;
  const marker = inferredMarker(schema);
  if (marker) {
    const { reason, keywords: named } = marker;
    if (!named) return { pointer, reason };
    // A missing required property is reported at the property's pointer, one key below its object.
    if (keyword !== undefined && named.includes(keyword) && keys.length === 0)
      return { pointer: `${pointer}${formatPointer([keyword])}`, reason };
    if (
      keyword === 'required' &&
      keys.length === 1 &&
      named.includes('required') &&
      Array.isArray(schema.required) &&
      (schema.required as string[]).includes(keys[0]!)
    ) {
      return { pointer: `${pointer}/required`, reason };
    }
  }
  // A $ref next to other keywords (3.1 allows it) is followed as well.
  if (typeof schema.$ref === 'string' && !isReference(start)) {
    const found = inferredAlong(document, { $ref: schema.$ref }, refPointer(schema.$ref), keys, keyword, depth + 1);
    if (found) return found;
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = (schema[combinator] as JsonSchema[] | undefined) ?? [];
    for (const [i, branch] of branches.entries()) {
      const found = inferredAlong(document, branch, `${pointer}/${combinator}/${i}`, keys, keyword, depth + 1);
      if (found) return found;
    }
  }
  const [key, ...rest] = keys;
  if (key === undefined) return undefined;
  const named = properties(schema)?.[key];
  if (named)
    return inferredAlong(document, named, `${pointer}${formatPointer(['properties', key])}`, rest, keyword, depth + 1);
  if (/^\d+$/.test(key) && typeof schema.items === 'object')
    return inferredAlong(document, schema.items as JsonSchema, `${pointer}/items`, rest, keyword, depth + 1);
  if (typeof schema.additionalProperties === 'object') {
    return inferredAlong(
      document,
      schema.additionalProperties as JsonSchema,
      `${pointer}/additionalProperties`,
      rest,
      keyword,
      depth + 1,
    );
  }
  return undefined;
}

const properties = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema> | undefined;
