import { isReference, pointerSegment, type JsonSchema, type OpenApiDocument } from '../mocks/spec/openApiDocument.js';
import { documents, listOperations, type Vendor } from '../mocks/spec/specRegistry.js';

const inferredKey = 'x-bulkmock-inferred';
const inferredKeywordsKey = 'x-bulkmock-inferred-keywords';

/** `behaviour`: a marker that names no keyword (`x-bulkmock-inferred-keywords: []`), such as how a job moves between states. */
export type RuleKind = 'operation' | 'parameter' | 'request-body' | 'response' | 'header' | 'schema' | 'behaviour' | 'other';

/**
 * One rule bulkmock designed where the vendor's documents are silent: an object in a vendor spec
 * that carries `x-bulkmock-inferred`. Its id follows the shared convention (notes/ROSTER.md):
 * `<vendor>#<JSON pointer of the object>`.
 */
export interface DesignedRule {
  id: string;
  vendor: Vendor;
  /** RFC 6901 pointer inside the spec, without the leading `#` (the marked object's, plus the keyword for a keyword rule). */
  pointer: string;
  /** The pointer of the object that carries the marker. */
  base: string;
  /**
   * The one schema keyword this rule designs, when the marker names its keywords
   * (`x-bulkmock-inferred-keywords`; one rule per keyword, as the fidelity report counts them);
   * null when the marker designs the whole object.
   */
  keyword: string | null;
  kind: RuleKind;
  reason: string;
  /**
   * The rule is only reachable from operations that exist in the mock alone (`x-bulkmock-extension`),
   * so no recording of the platform can exercise it.
   */
  mockOnly: boolean;
}

/** Every designed rule of a vendor spec, in document order. Computed from the markers, nothing listed by hand. */
export function designedRules(vendor: Vendor): DesignedRule[] {
  const document = documents[vendor];
  const reachable = reachableFromPlatformOperations(vendor);
  const rules: DesignedRule[] = [];
  const walk = (node: unknown, keys: string[]) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, [...keys, String(i)]));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record[inferredKey] === 'string') {
      const base = toPointer(keys);
      const reason = record[inferredKey] as string;
      const mockOnly = !isReachable(base, reachable);
      const keywords = record[inferredKeywordsKey];
      if (!Array.isArray(keywords)) {
        rules.push({ id: `${vendor}#${base}`, vendor, pointer: base, base, keyword: null, kind: kindOf(keys), reason, mockOnly });
      } else if (keywords.length === 0) {
        rules.push({ id: `${vendor}#${base}`, vendor, pointer: base, base, keyword: null, kind: 'behaviour', reason, mockOnly });
      } else {
        for (const keyword of keywords as string[]) {
          const pointer = `${base}/${pointerSegment(keyword)}`;
          rules.push({ id: `${vendor}#${pointer}`, vendor, pointer, base, keyword, kind: kindOf(keys), reason, mockOnly });
        }
      }
    }
    for (const [key, child] of Object.entries(record)) {
      // Examples are data, not rules.
      if (key === 'example' || key === 'examples') continue;
      walk(child, [...keys, key]);
    }
  };
  walk(document, []);
  return rules;
}

export function toPointer(keys: readonly string[]): string {
  return keys.length === 0 ? '' : `/${keys.map(pointerSegment).join('/')}`;
}

function kindOf(keys: readonly string[]): RuleKind {
  const last = keys.length - 1;
  if (keys[0] === 'paths' && keys.length === 3) return 'operation';
  if (keys[last - 1] === 'parameters' || (keys[0] === 'components' && keys[1] === 'parameters' && keys.length === 3)) return 'parameter';
  if (keys[last] === 'requestBody' || (keys[0] === 'components' && keys[1] === 'requestBodies' && keys.length === 3)) return 'request-body';
  if (keys[last - 1] === 'responses' || (keys[0] === 'components' && keys[1] === 'responses' && keys.length === 3)) return 'response';
  if (keys[last - 1] === 'headers' || (keys[0] === 'components' && keys[1] === 'headers' && keys.length === 3)) return 'header';
  if (keys.includes('schema') || keys.includes('schemas') || keys.includes('properties') || keys.includes('items')) return 'schema';
  return 'other';
}

/**
 * The pointers of every object a platform operation (one not marked `x-bulkmock-extension`) can
 * reach: its own subtree and everything its `$ref`s lead to, transitively.
 */
function reachableFromPlatformOperations(vendor: Vendor): Set<string> {
  const document = documents[vendor];
  const reached = new Set<string>();
  const pending: string[] = [];
  for (const entry of listOperations([vendor])) {
    if (entry.extension) continue;
    pending.push(entry.pointer.slice(1));
    const pathLevel = document.paths?.[entry.pathTemplate]?.parameters;
    if (pathLevel) pending.push(toPointer(['paths', entry.pathTemplate, 'parameters']));
  }
  while (pending.length > 0) {
    const pointer = pending.pop()!;
    if (reached.has(pointer)) continue;
    reached.add(pointer);
    collectRefs(nodeAt(document, pointer), pending);
  }
  return reached;
}

function collectRefs(node: unknown, into: string[]): void {
  if (Array.isArray(node)) for (const child of node) collectRefs(child, into);
  else if (typeof node === 'object' && node !== null) {
    if (isReference(node) && node.$ref.startsWith('#/')) into.push(node.$ref.slice(1));
    for (const child of Object.values(node)) collectRefs(child, into);
  }
}

function isReachable(pointer: string, reached: ReadonlySet<string>): boolean {
  if (pointer.startsWith('/info') || pointer.startsWith('/servers')) return true;
  for (const root of reached) if (pointer === root || pointer.startsWith(`${root}/`)) return true;
  return false;
}

/** The node at a pointer (`/a/b~1c`), or undefined. */
export function nodeAt(document: OpenApiDocument | JsonSchema, pointer: string): unknown {
  let node: unknown = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
