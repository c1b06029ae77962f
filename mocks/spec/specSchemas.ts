import type { JsonSchema } from './openApiDocument.js';
import { responseFor } from './operationResponses.js';
import { readRowRules, type RowRule } from './rowRules.js';
import { resolveLocal } from './specRefs.js';
import { documents, findOperation, specFiles, type SpecName } from './specRegistry.js';

/** `components.schemas.<name>` of a spec; throws naming the spec file when there is none. */
export function componentSchema(spec: SpecName, name: string): JsonSchema {
  const schema = documents[spec].components?.schemas?.[name];
  if (!schema) throw new Error(`${specFiles[spec]} has no schema ${name}`);
  return schema;
}

/** A schema with its `$ref` followed (cycle-safe), in a spec. */
export function resolveSchema(spec: SpecName, schema: JsonSchema): JsonSchema {
  return resolveLocal<JsonSchema>(documents[spec], schema, specFiles[spec]);
}

/** The properties of a row schema in spec order: the header of an import file. */
export function rowColumns(spec: SpecName, schemaName: string): string[] {
  return Object.keys(componentSchema(spec, schemaName).properties ?? {});
}

/** The `x-bulkmock-rules` of a row schema. */
export function rowRulesOf(spec: SpecName, schemaName: string): RowRule[] {
  return readRowRules(componentSchema(spec, schemaName));
}

/**
 * The name a Thought Industries answer wraps its payload in (`{ data: { <name>: ... } }`), read from
 * the operation's 200 schema so it is written once, in the spec.
 */
export function dataWrapperName(spec: SpecName, operationId: string): string {
  const document = documents[spec];
  const ok = responseFor(findOperation(spec, operationId), 200);
  if (!ok || ok.key !== '200') throw new Error(`${specFiles[spec]}: ${operationId} documents no 200 answer`);
  const schema = resolveLocal<JsonSchema>(document, ok.response.content?.['application/json']?.schema ?? {});
  const data = (schema.properties as Record<string, JsonSchema> | undefined)?.data;
  const name = Object.keys((resolveLocal<JsonSchema>(document, data ?? {}).properties as object | undefined) ?? {})[0];
  if (!name) throw new Error(`${specFiles[spec]}: the 200 answer of ${operationId} has no data.<name> wrapper`);
  return name;
}
