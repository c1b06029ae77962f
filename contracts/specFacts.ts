import { isReference, pointerGet, pointerSegment, resolveLocal, type JsonSchema, type ResponseObject } from '../mocks/spec/openApiDocument.js';
import { documents, findOperation, type OperationEntry, type SpecName } from '../mocks/spec/specRegistry.js';

/**
 * Facts the checks read from the specs rather than restate: which rules are bulkmock's design
 * (`x-bulkmock-inferred`), which operations exist only in the mock (`x-bulkmock-extension`), and the
 * columns of an import file.
 */

const inferredKey = 'x-bulkmock-inferred';

/** The `x-bulkmock-inferred` reason at a place in a spec; throws when the place does not exist. */
export function inferredReason(spec: SpecName, keys: readonly string[]): string | undefined {
  const node = pointerGet(documents[spec], `#/${keys.map(pointerSegment).join('/')}`);
  const reason = (node as Record<string, unknown>)[inferredKey];
  return typeof reason === 'string' ? reason : undefined;
}

/** Like `inferredReason`, but the place must be marked: a check labelled inferred cites its reason. */
export function requireInferred(spec: SpecName, keys: readonly string[]): string {
  const reason = inferredReason(spec, keys);
  if (!reason) throw new Error(`${spec}: ${keys.join('/')} is not marked ${inferredKey}; the check citing it should not be labelled inferred`);
  return reason;
}

/** An operation that only the mock has; throws when the spec does not mark it so. */
export function extensionOperation(spec: SpecName, operationId: string): OperationEntry {
  const entry = findOperation(spec, operationId);
  if (!entry.extension) throw new Error(`${spec}: ${operationId} is not marked x-bulkmock-extension`);
  return entry;
}

/** The properties of a row schema in spec order: the header of an import file. */
export function schemaColumns(spec: SpecName, schemaName: string): string[] {
  const schema = documents[spec].components?.schemas?.[schemaName];
  if (!schema) throw new Error(`${spec} has no schema ${schemaName}`);
  return Object.keys((schema.properties as object | undefined) ?? {});
}

/**
 * The name a Thought Industries answer wraps its payload in (`{ data: { <name>: ... } }`), read
 * from the operation's 200 schema.
 */
export function dataWrapperName(spec: SpecName, operationId: string): string {
  const document = documents[spec];
  const ok = findOperation(spec, operationId).operation.responses?.['200'];
  if (!ok) throw new Error(`${spec}: ${operationId} documents no 200 answer`);
  const response = resolveLocal<ResponseObject>(document, ok);
  const schema = resolveLocal<JsonSchema>(document, (response.content?.['application/json']?.schema ?? {}) as JsonSchema);
  const data = (schema.properties as Record<string, JsonSchema> | undefined)?.data;
  const name = Object.keys((resolveLocal<JsonSchema>(document, data ?? {}).properties as object | undefined) ?? {})[0];
  if (!name) throw new Error(`${spec}: the 200 answer of ${operationId} has no data.<name> wrapper`);
  return name;
}

/**
 * Why a problem in a response is one with a rule bulkmock designed: the first `x-bulkmock-inferred`
 * on the way from the response (and its header, or its body schema) down to the value at `pointer`.
 */
export function inferredForResponse(entry: OperationEntry, status: number, where: string): string | undefined {
  const document = documents[entry.spec];
  const responses = entry.operation.responses ?? {};
  const raw = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (!raw) return undefined;
  const response = resolveLocal<ResponseObject>(document, raw);
  const own = typeof response[inferredKey] === 'string' ? (response[inferredKey] as string) : undefined;
  if (own) return own;
  if (where.startsWith('header ')) {
    const name = where.slice('header '.length).toLowerCase();
    const header = Object.entries(response.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
    const resolved = header && (resolveLocal<Record<string, unknown>>(document, header) as Record<string, unknown>);
    return typeof resolved?.[inferredKey] === 'string' ? (resolved[inferredKey] as string) : undefined;
  }
  if (!where.startsWith('/')) return undefined;
  const schema = Object.values(response.content ?? {}).find((media) => media.schema)?.schema;
  return schema ? inferredAlong(document, schema, where === '/' ? [] : where.slice(1).split('/').map(unescape)) : undefined;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Walks a schema along instance keys (through $ref, properties, items, allOf/anyOf/oneOf), collecting the first marker. */
function inferredAlong(document: Parameters<typeof resolveLocal>[0], start: JsonSchema, keys: readonly string[], depth = 0): string | undefined {
  if (depth > 32) return undefined;
  const schema = isReference(start) ? resolveLocal<JsonSchema>(document, start) : start;
  if (typeof schema[inferredKey] === 'string') return schema[inferredKey] as string;
  // A $ref next to other keywords (3.1 allows it) is followed as well.
  if (typeof schema.$ref === 'string' && !isReference(start)) {
    const found = inferredAlong(document, { $ref: schema.$ref }, keys, depth + 1);
    if (found) return found;
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const branch of (schema[combinator] as JsonSchema[] | undefined) ?? []) {
      const found = inferredAlong(document, branch, keys, depth + 1);
      if (found) return found;
    }
  }
  const [key, ...rest] = keys;
  if (key === undefined) return undefined;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  const next =
    properties?.[key] ??
    (/^\d+$/.test(key) && typeof schema.items === 'object' ? (schema.items as JsonSchema) : undefined) ??
    (typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined);
  return next ? inferredAlong(document, next, rest, depth + 1) : undefined;
}
