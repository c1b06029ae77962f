import { formatPointer } from '../mocks/spec/jsonPointer.js';
import { inferredMarker } from '../mocks/spec/specMarkers.js';
import { reachablePointers } from '../mocks/spec/specRefs.js';
import { documents, listOperations, type Vendor } from '../mocks/spec/specRegistry.js';

/** `behaviour`: a marker that names no keyword (`x-bulkmock-inferred-keywords: []`), such as how a job moves between states. */
export type RuleKind =
  'operation' | 'parameter' | 'request-body' | 'response' | 'header' | 'schema' | 'behaviour' | 'other';

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
    const marker = inferredMarker(record);
    if (marker) {
      const base = formatPointer(keys);
      const { reason, keywords } = marker;
      const mockOnly = !isReachable(base, reachable);
      if (!keywords) {
        rules.push({
          id: `${vendor}#${base}`,
          vendor,
          pointer: base,
          base,
          keyword: null,
          kind: kindOf(keys),
          reason,
          mockOnly,
        });
      } else if (keywords.length === 0) {
        rules.push({
          id: `${vendor}#${base}`,
          vendor,
          pointer: base,
          base,
          keyword: null,
          kind: 'behaviour',
          reason,
          mockOnly,
        });
      } else {
        for (const keyword of keywords) {
          const pointer = `${base}${formatPointer([keyword])}`;
          rules.push({
            id: `${vendor}#${pointer}`,
            vendor,
            pointer,
            base,
            keyword,
            kind: kindOf(keys),
            reason,
            mockOnly,
          });
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

function kindOf(keys: readonly string[]): RuleKind {
  const last = keys.length - 1;
  if (keys[0] === 'paths' && keys.length === 3) return 'operation';
  if (keys[last - 1] === 'parameters' || (keys[0] === 'components' && keys[1] === 'parameters' && keys.length === 3))
    return 'parameter';
  if (keys[last] === 'requestBody' || (keys[0] === 'components' && keys[1] === 'requestBodies' && keys.length === 3))
    return 'request-body';
  if (keys[last - 1] === 'responses' || (keys[0] === 'components' && keys[1] === 'responses' && keys.length === 3))
    return 'response';
  if (keys[last - 1] === 'headers' || (keys[0] === 'components' && keys[1] === 'headers' && keys.length === 3))
    return 'header';
  if (keys.includes('schema') || keys.includes('schemas') || keys.includes('properties') || keys.includes('items'))
    return 'schema';
  return 'other';
}

/**
 * The pointers of every object a platform operation (one not marked `x-bulkmock-extension`) can
 * reach: its own subtree and everything its `$ref`s lead to, transitively.
 */
function reachableFromPlatformOperations(vendor: Vendor): Set<string> {
  const document = documents[vendor];
  const starts: string[] = [];
  for (const entry of listOperations([vendor])) {
    if (entry.extension) continue;
    starts.push(entry.pointer.slice(1));
    if (document.paths?.[entry.pathTemplate]?.parameters)
      starts.push(formatPointer(['paths', entry.pathTemplate, 'parameters']));
  }
  return reachablePointers(document, starts);
}

function isReachable(pointer: string, reached: ReadonlySet<string>): boolean {
  if (pointer.startsWith('/info') || pointer.startsWith('/servers')) return true;
  for (const root of reached) if (pointer === root || pointer.startsWith(`${root}/`)) return true;
  return false;
}
