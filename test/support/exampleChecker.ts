import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { escapeSegment } from '../../mocks/spec/jsonPointer.js';
import type { OpenApiDocument } from '../../mocks/spec/openApiDocument.js';
import { resolveRef } from '../../mocks/spec/specRefs.js';
import { describeSchemaErrors } from '../../mocks/spec/schemaValidators.js';

export interface ExampleProblem {
  /** JSON pointer of the example in the document. */
  example: string;
  message: string;
}

interface FoundExample {
  example: string;
  schemaPointer: string;
  value: unknown;
  /** For JSON Lines bodies: the schema each line must satisfy. */
  lineSchemaRef?: string;
}

/**
 * Finds every example in an OpenAPI document and the schema it illustrates: media type, parameter
 * and header examples (`example` / `examples` next to a `schema`), and schema-level `examples`
 * lists.
 */
export function collectExamples(document: OpenApiDocument): FoundExample[] {
  const found: FoundExample[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${pointer}/${i}`));
    const object = node as Record<string, unknown>;
    if ('schema' in object && typeof object.schema === 'object') {
      const schemaPointer = `${pointer}/schema`;
      const lineSchemaRef = (
        (object.schema as Record<string, unknown>)['x-bulkmock-line-schema'] as { $ref?: string } | undefined
      )?.$ref;
      if ('example' in object)
        found.push({
          example: `${pointer}/example`,
          schemaPointer,
          value: object.example,
          ...(lineSchemaRef && { lineSchemaRef }),
        });
      if (object.examples && typeof object.examples === 'object' && !Array.isArray(object.examples)) {
        for (const [name, example] of Object.entries(
          object.examples as Record<string, { value?: unknown; $ref?: string }>,
        )) {
          // A shared example (`$ref: '#/components/examples/...'`) is checked against every schema that uses it.
          const resolved =
            'value' in example || typeof example.$ref !== 'string'
              ? example
              : (resolveRef(document, example.$ref) as { value?: unknown } | undefined);
          if (resolved && 'value' in resolved)
            found.push({
              example: `${pointer}/examples/${escapeSegment(name)}`,
              schemaPointer,
              value: resolved.value,
              ...(lineSchemaRef && { lineSchemaRef }),
            });
        }
      }
    }
    if (Array.isArray(object.examples) && /\/(schema|schemas\/[^/]+|properties\/[^/]+|items)$/.test(pointer)) {
      object.examples.forEach((value, i) =>
        found.push({ example: `${pointer}/examples/${i}`, schemaPointer: pointer, value }),
      );
    }
    for (const [key, value] of Object.entries(object)) {
      if (key === 'examples' || key === 'example') continue;
      walk(value, `${pointer}/${escapeSegment(key)}`);
    }
  };
  walk(document, '#');
  return found;
}

/** Validates every example of a document against its schema (JSON Schema 2020-12 with formats). */
export function checkExamples(document: OpenApiDocument): { checked: number; problems: ExampleProblem[] } {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const id = 'https://bulkmock.local/example-check.json';
  ajv.addSchema(document, id, undefined, false);
  const problems: ExampleProblem[] = [];
  const examples = collectExamples(document);
  const encode = (pointer: string) =>
    pointer
      .split('/')
      .map((s, i) => (i === 0 ? s : encodeURIComponent(s)))
      .join('/');
  for (const found of examples) {
    const validate = ajv.compile({ $ref: `${id}${encode(found.schemaPointer)}` });
    if (!validate(found.value)) {
      for (const p of describeSchemaErrors(validate.errors))
        problems.push({ example: found.example, message: `${p.message} (at ${p.pointer || '/'})` });
    }
    if (found.lineSchemaRef && typeof found.value === 'string') {
      const validateLine = ajv.compile({ $ref: `${id}${found.lineSchemaRef}` });
      found.value.split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        if (!validateLine(JSON.parse(line)))
          problems.push({
            example: `${found.example} line ${i + 1}`,
            message: describeSchemaErrors(validateLine.errors)
              .map((p) => p.message)
              .join('; '),
          });
      });
    }
  }
  return { checked: examples.length, problems };
}
