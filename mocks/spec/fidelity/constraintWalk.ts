import { escapeSegment, valueAtKeys } from '../jsonPointer.js';
import { isReference } from '../openApiDocument.js';
import { extensionKey, inferredKey, inferredKeywordsKey, rulesKey, sourceKey } from '../specMarkers.js';
import { refKeys, refPointer } from '../specRefs.js';

/**
 * Finds every constraint a spec states (enums, patterns, formats, limits, `required`, defaults,
 * `additionalProperties: false`, `x-bulkmock-rules`, response statuses) and says where each one
 * comes from: a vendor fact (the facts list beside the spec), a cited source (`x-bulkmock-source`),
 * or a rule bulkmock designed (`x-bulkmock-inferred`, or an operation that exists only in the mock).
 * A constraint with none of these is `unaccounted`: the marker test fails on it.
 * The conventions are in docs/spec-conventions.md ("Telling the vendor from our inventions").
 */

/** Schema keywords that constrain a value (rather than describe it). */
const constraintKeywords = [
  'enum',
  'const',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'default',
  'additionalProperties',
  rulesKey,
] as const;

/** One documented fact about a spec: where it holds (a JSON pointer into the spec) and who says so. */
export interface VendorFact {
  pointer: string;
  fact: string;
  source: string;
}

export type Provenance =
  | { kind: 'fact'; fact: VendorFact }
  | { kind: 'source'; citation: string; at: string }
  | { kind: 'designed'; ruleId: string; reason: string }
  | { kind: 'unaccounted' };

export interface Constraint {
  /** JSON pointer (RFC 6901, without `#`) of the keyword, the `required` entry, the rule or the response status. */
  pointer: string;
  keyword: string;
  /** The constrained value, short: `["primary","secondary"]`, `500`, `uuid`, `202`. */
  value: string;
  provenance: Provenance;
}

/** The designed rule an object is, when it carries `x-bulkmock-inferred`. */
export interface DesignedRule {
  ruleId: string;
  pointer: string;
  reason: string;
  /** The keywords it designs, when the marker names them (`x-bulkmock-inferred-keywords`); else the whole object. */
  keywords: string[] | null;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys whose value maps names to objects (so the names are never keywords). */
const nameMaps = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'paths',
  'schemas',
  'responses',
  'parameters',
  'headers',
  'content',
  'requestBodies',
  'securitySchemes',
  'links',
  'callbacks',
  'encoding',
  'variables',
  'mapping',
  'pathItems',
]);
/** Keys holding examples or prose: never walked. */
const skipped = new Set(['examples', 'example', 'info', 'servers', 'tags', 'externalDocs', 'security']);
const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

const short = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** Every object of the spec that carries `x-bulkmock-inferred`, in document order. */
export function designedRules(vendor: string, document: unknown): DesignedRule[] {
  const rules: DesignedRule[] = [];
  const visit = (node: unknown, pointer: string, key: string | undefined) => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${pointer}/${i}`, undefined));
    if (!isNode(node) || (key !== undefined && skipped.has(key))) return;
    if (typeof node[inferredKey] === 'string') {
      const keywords = Array.isArray(node[inferredKeywordsKey]) ? (node[inferredKeywordsKey] as string[]) : null;
      rules.push({ ruleId: `${vendor}#${pointer}`, pointer, reason: node[inferredKey], keywords });
    }
    for (const [child, value] of Object.entries(node)) {
      if (child.startsWith('x-') && child !== rulesKey) continue;
      visit(value, `${pointer}/${escapeSegment(child)}`, key !== undefined && nameMaps.has(key) ? undefined : child);
    }
  };
  visit(document, '', undefined);
  return rules;
}

/**
 * Every constraint of a spec with its provenance. `vendor` is the vendor id used in rule ids
 * (`stackone#/components/schemas/...`); `facts` is the facts list of that spec.
 */
export function walkConstraints(vendor: string, document: unknown, facts: readonly VendorFact[]): Constraint[] {
  const factAt = new Map(facts.map((fact) => [fact.pointer, fact]));
  const found: Constraint[] = [];

  /** Whether an object's own marker designs `keyword`, and the rule id it gets. */
  const ownDesign = (node: Node, pointer: string, keyword: string): Provenance | null => {
    const reason = node[inferredKey];
    if (typeof reason !== 'string') return null;
    const keywords = node[inferredKeywordsKey];
    if (!Array.isArray(keywords)) return { kind: 'designed', ruleId: `${vendor}#${pointer}`, reason };
    return keywords.includes(keyword)
      ? { kind: 'designed', ruleId: `${vendor}#${pointer}/${escapeSegment(keyword)}`, reason }
      : null;
  };

  const judge = (node: Node, pointer: string, keyword: string, at: string, inherited: Provenance | null): Provenance =>
    ownDesign(node, pointer, keyword) ??
    (factAt.get(at) ? { kind: 'fact', fact: factAt.get(at)! } : null) ??
    (typeof node[sourceKey] === 'string' ? { kind: 'source', citation: node[sourceKey], at: pointer } : null) ??
    inherited ?? { kind: 'unaccounted' };

  const constraintsOf = (node: Node, pointer: string, inherited: Provenance | null) => {
    // A parameter or header the client must send (path parameters are required by OpenAPI itself).
    if (node.required === true && typeof node.name === 'string' && typeof node.in === 'string' && node.in !== 'path') {
      found.push({
        pointer: `${pointer}/required`,
        keyword: 'required',
        value: `${node.in} ${node.name}`,
        provenance: judge(node, pointer, 'required', `${pointer}/required`, inherited),
      });
    }
    for (const keyword of constraintKeywords) {
      if (!(keyword in node)) continue;
      const value = node[keyword];
      const at = `${pointer}/${escapeSegment(keyword)}`;
      if (keyword === 'additionalProperties' && value !== false) continue;
      if (keyword === 'required') {
        if (!Array.isArray(value)) continue;
        const properties = isNode(node.properties) ? node.properties : {};
        value.forEach((name: unknown, i) => {
          const property = properties[String(name)];
          const propertyPointer = `${pointer}/properties/${escapeSegment(String(name))}`;
          const viaProperty = isNode(property) ? ownDesign(property, propertyPointer, 'required') : null;
          const entryFact = factAt.get(`${at}/${i}`);
          const provenance = entryFact
            ? { kind: 'fact' as const, fact: entryFact }
            : (viaProperty ?? judge(node, pointer, keyword, at, inherited));
          found.push({ pointer: `${at}/${i}`, keyword, value: String(name), provenance });
        });
        continue;
      }
      if (keyword === rulesKey) {
        if (!Array.isArray(value)) continue;
        value.forEach((rule: unknown, i) => {
          const rulePointer = `${at}/${i}`;
          const own = isNode(rule) ? ownDesign(rule, rulePointer, keyword) : null;
          const fact = factAt.get(rulePointer);
          const shown = isNode(rule)
            ? Object.entries(rule)
                .filter(([k]) => !k.startsWith('x-'))
                .map(([, v]) => String(v))
                .join(' ')
            : short(rule);
          found.push({
            pointer: rulePointer,
            keyword,
            value: shown,
            provenance: own ?? (fact ? { kind: 'fact', fact } : null) ?? judge(node, pointer, keyword, at, inherited),
          });
        });
        continue;
      }
      found.push({
        pointer: at,
        keyword,
        value: short(value),
        provenance: judge(node, pointer, keyword, at, inherited),
      });
    }
  };

  const statusesOf = (operation: Node, pointer: string, inherited: Provenance | null) => {
    if (!isNode(operation.responses)) return;
    for (const [status, raw] of Object.entries(operation.responses)) {
      const at = `${pointer}/responses/${escapeSegment(status)}`;
      const response = isReference(raw) && raw.$ref.startsWith('#/') ? valueAtKeys(document, refKeys(raw)) : raw;
      const responsePointer = isReference(raw) ? refPointer(raw) : at;
      const fact = factAt.get(at);
      const provenance: Provenance = (fact ? { kind: 'fact', fact } : null) ??
        (isNode(response) ? ownDesign(response, responsePointer, 'status') : null) ??
        ownDesign(operation, pointer, 'responses') ??
        inherited ?? { kind: 'unaccounted' };
      found.push({ pointer: at, keyword: 'status', value: status, provenance });
    }
  };

  const visit = (
    node: unknown,
    pointer: string,
    key: string | undefined,
    inMap: boolean,
    inherited: Provenance | null,
  ) => {
    if (Array.isArray(node))
      return node.forEach((item, i) => visit(item, `${pointer}/${i}`, undefined, false, inherited));
    if (!isNode(node)) return;
    let passed = inherited;
    if (node[extensionKey] === true)
      passed = {
        kind: 'designed',
        ruleId: `${vendor}#${pointer}`,
        reason: 'exists only in the mock (x-bulkmock-extension)',
      };
    if (typeof node[inferredKey] === 'string' && !Array.isArray(node[inferredKeywordsKey])) {
      passed = { kind: 'designed', ruleId: `${vendor}#${pointer}`, reason: node[inferredKey] };
    }
    if (!inMap) {
      constraintsOf(node, pointer, passed);
      if (key !== undefined && httpMethods.has(key)) statusesOf(node, pointer, passed);
    }
    for (const [child, value] of Object.entries(node)) {
      if (skipped.has(child) && !inMap) continue;
      if (child.startsWith('x-') && !inMap) continue;
      // Operation statuses are judged above; their response objects are still walked for schemas.
      const childIsMap = !inMap && nameMaps.has(child);
      visit(value, `${pointer}/${escapeSegment(child)}`, inMap ? undefined : child, childIsMap, passed);
    }
  };
  visit(document, '', undefined, false, null);
  return found;
}
