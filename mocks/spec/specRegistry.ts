import {
  bulkmockControlDocument,
  learningBuilderDocument,
  stackOneLmsDocument,
  thoughtIndustriesDocument,
} from '../../openapi/generated/documents.js';
import { formatPointer } from './jsonPointer.js';
import { httpMethods, type HttpMethod, type OpenApiDocument, type OperationObject } from './openApiDocument.js';
import { isMockExtension } from './specMarkers.js';
import { specFiles, type SpecName } from './specNames.js';

export { specFiles, vendors, type SpecName, type Vendor } from './specNames.js';

/** Every spec bulkmock serves, by name. The documents are generated from openapi/*.yaml. */
export const documents: Readonly<Record<SpecName, OpenApiDocument>> = {
  'thought-industries': thoughtIndustriesDocument,
  stackone: stackOneLmsDocument,
  'learning-builder': learningBuilderDocument,
  control: bulkmockControlDocument,
};

export interface OperationEntry {
  spec: SpecName;
  operationId: string;
  method: HttpMethod;
  pathTemplate: string;
  operation: OperationObject;
  /** JSON pointer to the operation inside its document. */
  pointer: string;
  /** Exists only in the mock (`x-bulkmock-extension: true`). */
  extension: boolean;
}

/** The operations of a document, in document order; `spec` names it in the entries and in errors. */
export function operationsOf(spec: SpecName, document: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [pathTemplate, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (!operation) continue;
      if (!operation.operationId)
        throw new Error(`${specFiles[spec]}: ${method.toUpperCase()} ${pathTemplate} has no operationId`);
      entries.push({
        spec,
        operationId: operation.operationId,
        method,
        pathTemplate,
        operation,
        pointer: `#${formatPointer(['paths', pathTemplate, method])}`,
        extension: isMockExtension(operation),
      });
    }
  }
  return entries;
}

export function listOperations(names: readonly SpecName[] = Object.keys(documents) as SpecName[]): OperationEntry[] {
  return names.flatMap((spec) => operationsOf(spec, documents[spec]));
}

/**
 * Adds the spec of a vendor made with `defineVendor` under its name, so that routes, validators and
 * example lookups find it as they find the built-in ones (registering a built-in's own document again
 * changes nothing). The maps above are typed by the built-in names; a defined vendor's name is one
 * more key at run time, which is why the name comes back as a SpecName.
 */
export function registerSpec(name: string, document: OpenApiDocument, file: string): SpecName {
  const byName = documents as Record<string, OpenApiDocument>;
  const known = byName[name];
  if (known !== undefined && known !== document)
    throw new RangeError(
      `a different spec is already registered as "${name}" (${(specFiles as Record<string, string>)[name]})`,
    );
  byName[name] = document;
  (specFiles as Record<string, string>)[name] = file;
  return name as SpecName;
}

export function findOperation(spec: SpecName, operationId: string): OperationEntry {
  const entry = listOperations([spec]).find((e) => e.operationId === operationId);
  if (!entry) throw new Error(`${specFiles[spec]} has no operation ${operationId}`);
  return entry;
}
