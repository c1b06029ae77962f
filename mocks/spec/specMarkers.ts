/**
 * The extension keywords that tell the vendor's rules from bulkmock's (docs/spec-conventions.md):
 *   x-bulkmock-inferred           on an object bulkmock designed where the documents are silent: the reason
 *   x-bulkmock-inferred-keywords  narrows that marker to the keywords it designs ([] for a behaviour)
 *   x-bulkmock-source             the vendor document, note or SDK model that states a schema's constraints
 *   x-bulkmock-extension          an operation that exists only in the mock
 *   x-bulkmock-rules              row rules JSON Schema cannot state (read by rowRules.ts)
 */
export const inferredKey = 'x-bulkmock-inferred';
export const inferredKeywordsKey = 'x-bulkmock-inferred-keywords';
export const sourceKey = 'x-bulkmock-source';
export const extensionKey = 'x-bulkmock-extension';
export const rulesKey = 'x-bulkmock-rules';

/** A designed-rule marker as written on one object. */
export interface InferredMarker {
  reason: string;
  /** The keywords it designs when the marker names them; null when it designs the whole object. */
  keywords: string[] | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The object's `x-bulkmock-inferred` marker, or null when it carries none. */
export function inferredMarker(node: unknown): InferredMarker | null {
  if (!isObject(node) || typeof node[inferredKey] !== 'string') return null;
  const keywords = node[inferredKeywordsKey];
  return { reason: node[inferredKey], keywords: Array.isArray(keywords) ? (keywords as string[]) : null };
}

/** Whether an operation (or any object) is marked as existing only in the mock. */
export function isMockExtension(node: unknown): boolean {
  return isObject(node) && node[extensionKey] === true;
}
