import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { pointerToField } from '../../../mocks/spec/jsonPointer.js';
import { createRuleChecker, readRowRules } from '../../../mocks/spec/rowRules.js';
import { parseSpecYaml } from '../../../mocks/spec/specYaml.js';

/** Checks one record found at `position` ("line 3"); returns its problems in words, empty when it is valid. */
export type RecordCheck = (record: unknown, position: string) => string[];

/**
 * Compiles a record schema of a vendor's OpenAPI document (the same YAML bulkmock serves from) for
 * checking records in the browser, for vendors that offer no dry run. The rules JSON Schema cannot
 * state (`x-bulkmock-rules`: unique values, one date after another) are applied too, across the
 * records in the order they are checked. Make one check per file.
 */
export function compileSpecCheck(specYaml: string, schemaName: string): RecordCheck {
  const document = parseSpecYaml(specYaml, 'the vendor document');
  const schema = document.components?.schemas?.[schemaName];
  if (!schema) throw new Error(`the vendor document has no schema ${schemaName}`);
  // strict: false because OpenAPI adds keywords (example, discriminator, x-*) that JSON Schema does not know.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document, 'vendor.json');
  const validate = ajv.compile({ $ref: `vendor.json#/components/schemas/${schemaName}` });
  // The spec module's rule reader and checker, the ones the mock applies; positions are labels (`line 3`).
  const checkRules = createRuleChecker(readRowRules(schema), null);

  return (record, position) => {
    if (!validate(record)) return (validate.errors ?? []).map(describeProblem);
    return checkRules(record as Record<string, unknown>, position).map((problem) => problem.message);
  };
}

/** "Email must be a valid email", "title is required": the field first, worded as the vendors' own messages. */
function describeProblem(error: ErrorObject): string {
  const path = pointerToField(error.instancePath) ?? '';
  const params = error.params as Record<string, unknown>;
  const name = path === '' ? 'the record' : path;
  switch (error.keyword) {
    case 'required':
      return `${path === '' ? String(params.missingProperty) : `${path}.${String(params.missingProperty)}`} is required`;
    case 'format':
      return `${name} must be a valid ${String(params.format)}`;
    case 'enum':
      return `${name} must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'multipleOf':
      return `${name} must be a multiple of ${String(params.multipleOf)}`;
    case 'pattern':
      return `${name} must match the pattern ${String(params.pattern)}`;
    default:
      return `${name} ${error.message ?? `fails ${error.keyword}`}`;
  }
}
