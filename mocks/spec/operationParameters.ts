import { isReference, type OpenApiDocument, type ParameterObject, type ReferenceObject } from './openApiDocument.js';
import { refKeys, resolveLocal } from './specRefs.js';
import { documents, type OperationEntry } from './specRegistry.js';

/** One parameter an operation takes, with where the spec writes it. */
export interface OperationParameter {
  /** The parameter object, its reference followed. */
  parameter: ParameterObject;
  /** Keys of the place that declares it for the operation: its path item's or its own `parameters` entry. */
  declaredAt: string[];
  /** Keys of the parameter object itself: the reference's target, or `declaredAt` when it is written in place. */
  definedAt: string[];
  /** Whether it was declared through a `$ref`. */
  referenced: boolean;
}

const cache = new WeakMap<OperationEntry, readonly OperationParameter[]>();

/**
 * The parameters an operation takes: those of its path item merged with its own, as OpenAPI says
 * (an operation's parameter replaces a path item's one with the same name and location). Path-level
 * ones come first. Worked out once per operation. `document` is the entry's spec unless given.
 */
export function operationParameters(
  entry: OperationEntry,
  document: OpenApiDocument = documents[entry.spec],
): readonly OperationParameter[] {
  let found = cache.get(entry);
  if (found) return found;
  const read = (raw: ParameterObject | ReferenceObject, declaredAt: string[]): OperationParameter => {
    const referenced = isReference(raw);
    return {
      parameter: resolveLocal<ParameterObject>(document, raw),
      declaredAt,
      definedAt: referenced ? refKeys(raw) : declaredAt,
      referenced,
    };
  };
  const pathLevel = (document.paths?.[entry.pathTemplate]?.parameters ?? []).map((raw, i) =>
    read(raw, ['paths', entry.pathTemplate, 'parameters', String(i)]),
  );
  const own = (entry.operation.parameters ?? []).map((raw, i) =>
    read(raw, ['paths', entry.pathTemplate, entry.method, 'parameters', String(i)]),
  );
  const replaced = (p: OperationParameter) =>
    own.some((o) => o.parameter.name === p.parameter.name && o.parameter.in === p.parameter.in);
  found = [...pathLevel.filter((p) => !replaced(p)), ...own];
  cache.set(entry, found);
  return found;
}

/** The operation's path parameter of that name, or undefined. */
function pathParameter(entry: OperationEntry, name: string, document?: OpenApiDocument): ParameterObject | undefined {
  return operationParameters(entry, document).find((p) => p.parameter.in === 'path' && p.parameter.name === name)
    ?.parameter;
}

/** Whether a path parameter takes the rest of the path, slashes included (`x-bulkmock-match-rest: true`). */
export function matchesRestOfPath(entry: OperationEntry, name: string, document?: OpenApiDocument): boolean {
  return pathParameter(entry, name, document)?.['x-bulkmock-match-rest'] === true;
}
