import { formatPointer } from '../jsonPointer.js';
import { reachablePointers } from '../specRefs.js';

/** JSON pointers (without `#`) of the parts of a spec one operation uses, by side. */
export interface OperationScope {
  operation: string;
  /** Its parameters and request body, and every component they reference (transitively). */
  request: string[];
  /** Its responses and every component they reference (transitively). */
  response: string[];
}

export function operationScope(document: unknown, pathTemplate: string, method: string): OperationScope {
  const pathPointer = formatPointer(['paths', pathTemplate]);
  const operation = `${pathPointer}/${method}`;
  return {
    operation,
    request: [
      ...reachablePointers(
        document,
        [`${pathPointer}/parameters`, `${operation}/parameters`, `${operation}/requestBody`],
        { skipExamples: true },
      ),
    ],
    response: [...reachablePointers(document, [`${operation}/responses`], { skipExamples: true })],
  };
}

const within = (pointer: string, prefix: string) => pointer === prefix || pointer.startsWith(`${prefix}/`);

/** Which side of the operation a pointer belongs to, or null when the operation does not use it. */
export function sideOf(scope: OperationScope, pointer: string): 'request' | 'response' | 'operation' | null {
  if (scope.request.some((prefix) => within(pointer, prefix))) return 'request';
  if (scope.response.some((prefix) => within(pointer, prefix))) return 'response';
  if (within(pointer, scope.operation)) return 'operation';
  return null;
}
