import { formatPointer, unescapeSegment, valueAtPointer } from './jsonPointer.js';
import { isReference, type ReferenceObject } from './openApiDocument.js';

/**
 * Local `$ref`s (`#/components/schemas/Course`): the only kind the specs use. Every reader of a spec
 * follows references with these functions; none of them follows a reference outside the document.
 */

/**
 * The keys a local reference walks, unescaped: `#/components/responses/NotFound` gives components, responses,
 * NotFound.
 */
export function refKeys(ref: ReferenceObject | string): string[] {
  const text = typeof ref === 'string' ? ref : ref.$ref;
  if (!text.startsWith('#/')) throw new Error(`only local references are supported, got ${text}`);
  return text
    .slice(2)
    .split('/')
    .map((raw) => unescapeSegment(decodeURIComponent(raw)));
}

/** The JSON pointer (without `#`) a local reference leads to: the place rule ids and reports name. */
export function refPointer(ref: ReferenceObject | string): string {
  return formatPointer(refKeys(ref));
}

/** The name of the component schema a reference names (`#/components/schemas/Course` -> `Course`), or null. */
export function schemaNameOf(ref: unknown): string | null {
  if (!isReference(ref) || !ref.$ref.startsWith('#/')) return null;
  const keys = refKeys(ref);
  return keys.length === 3 && keys[0] === 'components' && keys[1] === 'schemas' ? keys[2]! : null;
}

/** What a local reference points at; throws naming the reference when it leads nowhere. */
export function resolveRef(document: unknown, ref: ReferenceObject | string): unknown {
  const keys = refKeys(ref);
  let node: unknown = document;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || !(key in node))
      throw new Error(`unresolvable reference ${typeof ref === 'string' ? ref : ref.$ref}`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Follows a value's local reference, and the reference that leads to, until it reaches an object
 * that is not one (responses, parameters, schemas: a schema's other keywords beside `$ref` are not
 * merged). A reference that comes back to itself throws, naming where the cycle closes; `where`
 * (a spec file) starts the message.
 */
export function resolveLocal<T>(document: unknown, value: T | ReferenceObject, where?: string): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isReference(current)) {
    if (seen.has(current.$ref)) throw new Error(`${where ? `${where}: ` : ''}reference cycle at ${current.$ref}`);
    seen.add(current.$ref);
    current = resolveRef(document, current.$ref);
  }
  return current as T;
}

/**
 * Every place reachable from `starts` (pointers without `#`) through local references, transitively,
 * the starts included (those that exist). `skipExamples` leaves `example`/`examples` unread: their
 * references lead to illustrations, not to rules.
 */
export function reachablePointers(
  document: unknown,
  starts: readonly string[],
  options: { skipExamples?: boolean } = {},
): Set<string> {
  const reached = new Set<string>();
  const pending = starts.filter((start) => valueAtPointer(document, start) !== undefined);
  while (pending.length > 0) {
    const pointer = pending.pop()!;
    if (reached.has(pointer)) continue;
    reached.add(pointer);
    const collect = (node: unknown, key?: string) => {
      if (typeof node !== 'object' || node === null) return;
      if (options.skipExamples && (key === 'example' || key === 'examples')) return;
      if (isReference(node) && node.$ref.startsWith('#/')) pending.push(node.$ref.slice(1));
      for (const [child, value] of Object.entries(node)) collect(value, child);
    };
    collect(valueAtPointer(document, pointer));
  }
  return reached;
}
