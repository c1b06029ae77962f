import { parse } from 'yaml';
import type { OpenApiDocument } from './openApiDocument.js';

/**
 * Reads an OpenAPI document from its YAML text (openapi/*.yaml), for the code that has the text
 * rather than the generated documents: the generator that makes them, and the example app, which
 * loads a vendor's YAML in the browser. `file` names the text in errors.
 */
export function parseSpecYaml(text: string, file = 'the spec'): OpenApiDocument {
  const document: unknown = parse(text);
  if (
    typeof document !== 'object' ||
    document === null ||
    typeof (document as { openapi?: unknown }).openapi !== 'string'
  ) {
    throw new Error(`${file} is not an OpenAPI document (no openapi version at its top)`);
  }
  return document as OpenApiDocument;
}
