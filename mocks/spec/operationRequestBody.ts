import { isReference, type RequestBodyObject } from './openApiDocument.js';
import { refKeys, resolveLocal } from './specRefs.js';
import { documents, type OperationEntry } from './specRegistry.js';

/** An operation's request body, with where the spec writes it. */
export interface DocumentedRequestBody {
  body: RequestBodyObject;
  /** Keys of the request body object: the reference's target, or the operation's `requestBody`. */
  definedAt: string[];
  referenced: boolean;
}

/** The request body an operation documents, its reference followed; null when it takes none. */
export function requestBodyOf(entry: OperationEntry): DocumentedRequestBody | null {
  const raw = entry.operation.requestBody;
  if (!raw) return null;
  const referenced = isReference(raw);
  return {
    body: resolveLocal<RequestBodyObject>(documents[entry.spec], raw),
    definedAt: referenced ? refKeys(raw) : ['paths', entry.pathTemplate, entry.method, 'requestBody'],
    referenced,
  };
}
