import { pointerSegment } from '../openApiDocument.js';

/** JSON pointers (without `#`) of the parts of a spec one operation uses, by side. */
export interface OperationScope {
  operation: string;
  /** Its parameters and request body, and every component they reference (transitively). */
  request: string[];
  /** Its responses and every component they reference (transitively). */
  response: string[];
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

function nodeAt(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (isNode(node) ? node[key] : undefined), document);
}

/** Every local `$ref` reachable from the given places, as pointers, including the places themselves. */
function closure(document: unknown, starts: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = starts.filter((start) => nodeAt(document, start) !== undefined);
  while (queue.length > 0) {
    const pointer = queue.pop()!;
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const collect = (node: unknown, key?: string) => {
      if (!isNode(node) || key === 'examples' || key === 'example') return;
      if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) queue.push(node.$ref.slice(1));
      for (const [child, value] of Object.entries(node)) collect(value, child);
    };
    collect(nodeAt(document, pointer));
  }
  return [...seen];
}

export function operationScope(document: unknown, pathTemplate: string, method: string): OperationScope {
  const pathPointer = `/paths/${pointerSegment(pathTemplate)}`;
  const operation = `${pathPointer}/${method}`;
  return {
    operation,
    request: closure(document, [`${pathPointer}/parameters`, `${operation}/parameters`, `${operation}/requestBody`]),
    response: closure(document, [`${operation}/responses`]),
  };
}

export const within = (pointer: string, prefix: string) => pointer === prefix || pointer.startsWith(`${prefix}/`);

/** Which side of the operation a pointer belongs to, or null when the operation does not use it. */
export function sideOf(scope: OperationScope, pointer: string): 'request' | 'response' | 'operation' | null {
  if (scope.request.some((prefix) => within(pointer, prefix))) return 'request';
  if (scope.response.some((prefix) => within(pointer, prefix))) return 'response';
  if (within(pointer, scope.operation)) return 'operation';
  return null;
}
