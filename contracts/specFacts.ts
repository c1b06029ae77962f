import { isReference, pointerGet, pointerSegment, resolveLocal, type JsonSchema, type ResponseObject } from '../mocks/spec/openApiDocument.js';
import { documents, findOperation, type OperationEntry, type SpecName } from '../mocks/spec/specRegistry.js';

/**
 * Facts the checks read from the specs rather than restate: which rules are bulkmock's design
 * (`x-bulkmock-inferred`), which operations exist only in the mock (`x-bulkmock-extension`), and the
 * columns of an import file.
 */

const inferredKey = 'x-bulkmock-inferred';
const keywordsKey = 'x-bulkmock-inferred-keywords';

/** A rule bulkmock designed: its id (as in docs/fidelity.md) and the spec's reason. */
export interface DesignedRuleRef {
  ruleId: string;
  reason: string;
}

const ruleIdOf = (spec: SpecName, pointer: string) => `${spec}#${pointer.replace(/^#/, '')}`;
const keywordsOf = (node: Record<string, unknown>) => (Array.isArray(node[keywordsKey]) ? (node[keywordsKey] as string[]) : null);

/** The `x-bulkmock-inferred` reason at a place in a spec; throws when the place does not exist. */
export function inferredReason(spec: SpecName, keys: readonly string[]): string | undefined {
  const node = pointerGet(documents[spec], `#/${keys.map(pointerSegment).join('/')}`);
  const reason = (node as Record<string, unknown>)[inferredKey];
  return typeof reason === 'string' ? reason : undefined;
}

/**
 * The designed rule a check tests, as `{ inferred, ruleId }` to spread into its definition; throws
 * when the place is not marked, so a check is never labelled designed by mistake.
 */
export function designedRule(spec: SpecName, keys: readonly string[], keyword?: string): { inferred: string; ruleId: string } {
  const reason = inferredReason(spec, keys);
  if (!reason) throw new Error(`${spec}: ${keys.join('/')} is not marked ${inferredKey}; the check citing it should not be labelled inferred`);
  const pointer = `/${keys.map(pointerSegment).join('/')}`;
  return { inferred: reason, ruleId: ruleIdOf(spec, keyword ? `${pointer}/${pointerSegment(keyword)}` : pointer) };
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
 * Why a problem in a response is one with a rule bulkmock designed, and that rule's id: the first
 * `x-bulkmock-inferred` on the way from the response (and its header, or its body schema) down to
 * the value at `pointer` that designs the failing `keyword` (a marker that names its keywords with
 * `x-bulkmock-inferred-keywords` designs only those).
 */
export function inferredForResponse(entry: OperationEntry, status: number, where: string, keyword?: string): DesignedRuleRef | undefined {
  const document = documents[entry.spec];
  const responses = entry.operation.responses ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k] !== undefined);
  if (!key) return undefined;
  const raw = responses[key]!;
  const responsePointer = isReference(raw) ? raw.$ref.slice(1) : `${entry.pointer.slice(1)}/responses/${pointerSegment(key)}`;
  const response = resolveLocal<ResponseObject>(document, raw);
  if (typeof response[inferredKey] === 'string' && !keywordsOf(response as Record<string, unknown>)) {
    return { ruleId: ruleIdOf(entry.spec, responsePointer), reason: response[inferredKey] as string };
  }
  if (where.startsWith('header ')) {
    const name = where.slice('header '.length).toLowerCase();
    const found = Object.entries(response.headers ?? {}).find(([k]) => k.toLowerCase() === name);
    if (!found) return undefined;
    const [headerName, header] = found;
    const pointer = isReference(header) ? header.$ref.slice(1) : `${responsePointer}/headers/${pointerSegment(headerName)}`;
    const resolved = resolveLocal<Record<string, unknown>>(document, header) as Record<string, unknown>;
    return typeof resolved[inferredKey] === 'string' ? { ruleId: ruleIdOf(entry.spec, pointer), reason: resolved[inferredKey] as string } : undefined;
  }
  if (!where.startsWith('/')) return undefined;
  const mediaType = Object.entries(response.content ?? {}).find(([, media]) => media.schema);
  if (!mediaType) return undefined;
  const start = { schema: mediaType[1].schema as JsonSchema, pointer: `${responsePointer}/content/${pointerSegment(mediaType[0])}/schema` };
  const keys = where === '/' ? [] : where.slice(1).split('/').map(unescape);
  const found = inferredAlong(document, start.schema, start.pointer, keys, keyword);
  return found ? { ruleId: ruleIdOf(entry.spec, found.pointer), reason: found.reason } : undefined;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Walks a schema along instance keys (through $ref, properties, items, allOf/anyOf/oneOf), returning
 * the first marker that designs the failing keyword, with the pointer of its rule.
 */
function inferredAlong(
  document: Parameters<typeof resolveLocal>[0],
  start: JsonSchema,
  at: string,
  keys: readonly string[],
  keyword: string | undefined,
  depth = 0,
): { pointer: string; reason: string } | undefined {
  if (depth > 32) return undefined;
  const schema = isReference(start) ? resolveLocal<JsonSchema>(document, start) : start;
  const pointer = isReference(start) ? start.$ref.slice(1) : at;
  const reason = schema[inferredKey];
  if (typeof reason === 'string') {
    const named = keywordsOf(schema);
    if (!named) return { pointer, reason };
    // A missing required property is reported at the property's pointer, one key below its object.
    if (keyword !== undefined && named.includes(keyword) && keys.length === 0) return { pointer: `${pointer}/${pointerSegment(keyword)}`, reason };
    if (keyword === 'required' && keys.length === 1 && named.includes('required') && Array.isArray(schema.required) && (schema.required as string[]).includes(keys[0]!)) {
      return { pointer: `${pointer}/required`, reason };
    }
  }
  // A $ref next to other keywords (3.1 allows it) is followed as well.
  if (typeof schema.$ref === 'string' && !isReference(start)) {
    const found = inferredAlong(document, { $ref: schema.$ref }, schema.$ref.slice(1), keys, keyword, depth + 1);
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
  if (named) return inferredAlong(document, named, `${pointer}/properties/${pointerSegment(key)}`, rest, keyword, depth + 1);
  if (/^\d+$/.test(key) && typeof schema.items === 'object') return inferredAlong(document, schema.items as JsonSchema, `${pointer}/items`, rest, keyword, depth + 1);
  if (typeof schema.additionalProperties === 'object') {
    return inferredAlong(document, schema.additionalProperties as JsonSchema, `${pointer}/additionalProperties`, rest, keyword, depth + 1);
  }
  return undefined;
}

const properties = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema> | undefined;
