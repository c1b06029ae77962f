import type { JsonSchema } from '../../mocks/spec/openApiDocument.js';
import type { RowRule } from '../../mocks/spec/rowRules.js';
import { schemaNameOf } from '../../mocks/spec/specRefs.js';
import { specFiles, type SpecName } from '../../mocks/spec/specRegistry.js';
import { componentSchema, resolveSchema as resolve, rowColumns, rowRulesOf } from '../../mocks/spec/specSchemas.js';

/** One scalar field of a row schema, nested ones included, with the constraints a defect can break. */
export interface FieldFacts {
  /** Keys from the row down to the field; `*` stands for any element of an array. */
  path: readonly string[];
  types: readonly string[];
  format?: string;
  pattern?: string;
  enum?: readonly unknown[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** Listed in `required` of the object that holds it. */
  required: boolean;
}

/** What the generators read from a row schema of a spec: nothing about a row is typed twice. */
export interface RowSchemaFacts {
  spec: SpecName;
  name: string;
  schema: JsonSchema;
  /** The top-level properties in the order the spec lists them: the CSV header. */
  columns: readonly string[];
  /** Every scalar field, nested ones included. */
  fields: readonly FieldFacts[];
  /** `x-bulkmock-rules` of the schema. */
  rules: readonly RowRule[];
}

const scalarTypes = new Set(['string', 'integer', 'number', 'boolean']);

export function readRowSchema(spec: SpecName, name: string): RowSchemaFacts {
  const schema = componentSchema(spec, name);
  return {
    spec,
    name,
    schema,
    columns: rowColumns(spec, name),
    fields: collectFields(spec, schema, [], 0),
    rules: rowRulesOf(spec, name),
  };
}

/**
 * The array property of a request schema that holds the rows (`templates`, `items`), found by its
 * `items.$ref`, and its `maxItems`: the JSON document of a kind is shaped as that request body.
 */
export function envelopeOf(
  spec: SpecName,
  requestSchema: string,
  rowSchema: string,
): { property: string; maxItems: number | null } {
  const properties = (componentSchema(spec, requestSchema).properties ?? {}) as Record<string, JsonSchema>;
  for (const [property, schema] of Object.entries(properties)) {
    if (schema.type === 'array' && schemaNameOf(schema.items) === rowSchema) {
      return { property, maxItems: typeof schema.maxItems === 'number' ? schema.maxItems : null };
    }
  }
  throw new Error(`${specFiles[spec]}: ${requestSchema} has no array of ${rowSchema}`);
}

/** The facts of one field by its path (`['orientation']`, `['skills', '*', 'proficiency', 'value']`). */
export function fieldAt(facts: RowSchemaFacts, path: readonly string[]): FieldFacts {
  const field = facts.fields.find((f) => f.path.length === path.length && f.path.every((key, i) => key === path[i]));
  if (!field) throw new Error(`${specFiles[facts.spec]}: ${facts.name} has no field ${path.join('.')}`);
  return field;
}

/** The `enum` of a field, typed as the generated type of that field. */
export function enumOf<T>(facts: RowSchemaFacts, path: readonly string[]): readonly T[] {
  const values = fieldAt(facts, path).enum;
  if (!values || values.length === 0)
    throw new Error(`${specFiles[facts.spec]}: ${facts.name}.${path.join('.')} has no enum`);
  return values as readonly T[];
}

/** `['categories', 0, 'name']` -> `categories[0].name`, the way the mock names a field in its reports. */
export function fieldName(path: ReadonlyArray<string | number>): string {
  let name = '';
  for (const key of path) name += typeof key === 'number' ? `[${key}]` : name === '' ? key : `.${key}`;
  return name;
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type.map(String);
  if (typeof schema.type === 'string') return [schema.type];
  return schema.properties ? ['object'] : [];
}

function collectFields(spec: SpecName, object: JsonSchema, path: readonly string[], depth: number): FieldFacts[] {
  if (depth > 8) return [];
  const required = new Set(Array.isArray(object.required) ? object.required.map(String) : []);
  const fields: FieldFacts[] = [];
  for (const [key, raw] of Object.entries((object.properties ?? {}) as Record<string, JsonSchema>)) {
    const schema = resolve(spec, raw);
    const types = typesOf(schema);
    const here = [...path, key];
    if (types.includes('object') && schema.properties) {
      fields.push(...collectFields(spec, schema, here, depth + 1));
    } else if (types.includes('array') && schema.items) {
      const items = resolve(spec, schema.items as JsonSchema);
      if (items.properties) fields.push(...collectFields(spec, items, [...here, '*'], depth + 1));
    } else if (types.some((t) => scalarTypes.has(t))) {
      // Fields of any type (anyOf, no `type`) cannot be given a wrong value, so only typed ones count.
      fields.push({
        path: here,
        types,
        required: required.has(key),
        ...(typeof schema.format === 'string' && { format: schema.format }),
        ...(typeof schema.pattern === 'string' && { pattern: schema.pattern }),
        ...(Array.isArray(schema.enum) && { enum: schema.enum }),
        ...(typeof schema.maxLength === 'number' && { maxLength: schema.maxLength }),
        ...(typeof schema.minimum === 'number' && { minimum: schema.minimum }),
        ...(typeof schema.maximum === 'number' && { maximum: schema.maximum }),
      });
    }
  }
  return fields;
}
