import { designedRules, walkConstraints, type Constraint, type VendorFact } from './constraintWalk.js';
import { operationScope, sideOf } from './operationScope.js';

/**
 * The fidelity report: per vendor operation, which of its rules the vendor documents (with the
 * citation) and which bulkmock designed (with the rule id and the reason). Built from the specs and
 * the facts lists only, so `docs/fidelity.md`, `bulkmock fidelity` and the dashboard say the same.
 */

export type FidelityVendor = 'thought-industries' | 'stackone' | 'learning-builder';
export const fidelityVendors: readonly FidelityVendor[] = ['thought-industries', 'stackone', 'learning-builder'];
const vendorNames: Record<FidelityVendor, string> = {
  'thought-industries': 'Thought Industries',
  stackone: 'StackOne unified LMS',
  'learning-builder': 'Learning Builder',
};
const specFiles: Record<FidelityVendor, string> = {
  'thought-industries': 'openapi/thought-industries.yaml',
  stackone: 'openapi/stackone-lms.yaml',
  'learning-builder': 'openapi/learning-builder.yaml',
};

export interface DocumentedRule {
  pointer: string;
  constraint: string;
  /** The seed file and section, the research note, or the SDK model that states it. */
  source: string;
}

export interface DesignedRuleEntry {
  /** `<vendor>#<JSON pointer>` (docs/spec-conventions.md); with a keyword segment when the marker names its keywords. */
  ruleId: string;
  reason: string;
  /** The constraints this rule designs, such as `maxItems 500` or `status 200`. */
  constraints: string[];
  /** `request`: the mock refuses requests for it, which the vendor may accept (stricter than the documents). */
  side: 'request' | 'response' | 'operation';
}

export interface OperationFidelity {
  vendor: FidelityVendor;
  operationId: string;
  method: string;
  path: string;
  documented: DocumentedRule[];
  designed: DesignedRuleEntry[];
}

export interface VendorFidelity {
  vendor: FidelityVendor;
  name: string;
  spec: string;
  operations: OperationFidelity[];
  /** Operations that exist only in the mock (`x-bulkmock-extension`), by operationId. */
  extensions: string[];
  /** Constraints that are neither documented nor marked: the marker test keeps this empty. */
  unaccounted: string[];
}

export interface FidelityReport {
  vendors: VendorFidelity[];
}

type Documents = Partial<Record<FidelityVendor, unknown>>;
type Facts = Partial<Record<FidelityVendor, readonly VendorFact[]>>;
type Node = Record<string, unknown>;
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

const describe = (constraint: Constraint) =>
  constraint.keyword === 'status'
    ? `status ${constraint.value}`
    : constraint.keyword === 'required'
      ? `required ${constraint.value}`
      : `${constraint.keyword} ${constraint.value}`;

export function buildFidelityReport(
  documents: Documents,
  facts: Facts,
  only?: readonly FidelityVendor[],
): FidelityReport {
  const vendors: VendorFidelity[] = [];
  for (const vendor of fidelityVendors) {
    const document = documents[vendor] as Node | undefined;
    if (!document || (only && !only.includes(vendor))) continue;
    const constraints = walkConstraints(vendor, document, facts[vendor] ?? []);
    const rules = designedRules(vendor, document).flatMap((rule) =>
      rule.keywords && rule.keywords.length > 0
        ? rule.keywords.map((keyword) => ({
            ruleId: `${rule.ruleId}/${keyword}`,
            pointer: rule.pointer,
            reason: rule.reason,
          }))
        : [{ ruleId: rule.ruleId, pointer: rule.pointer, reason: rule.reason }],
    );
    const operations: OperationFidelity[] = [];
    const extensions: string[] = [];
    for (const [path, item] of Object.entries((document.paths as Record<string, Node> | undefined) ?? {})) {
      for (const method of methods) {
        const operation = item[method] as Node | undefined;
        if (!operation) continue;
        const operationId = String(operation.operationId);
        if (operation['x-bulkmock-extension'] === true) {
          extensions.push(operationId);
          continue;
        }
        const scope = operationScope(document, path, method);
        const documented: DocumentedRule[] = [];
        const designedById = new Map<string, DesignedRuleEntry>();
        for (const rule of rules) {
          const side = sideOf(scope, rule.pointer);
          if (side) designedById.set(rule.ruleId, { ruleId: rule.ruleId, reason: rule.reason, constraints: [], side });
        }
        for (const constraint of constraints) {
          const side = sideOf(scope, constraint.pointer);
          if (!side) continue;
          const { provenance } = constraint;
          if (provenance.kind === 'fact')
            documented.push({
              pointer: constraint.pointer,
              constraint: describe(constraint),
              source: provenance.fact.source,
            });
          else if (provenance.kind === 'source')
            documented.push({
              pointer: constraint.pointer,
              constraint: describe(constraint),
              source: provenance.citation,
            });
          else if (provenance.kind === 'designed') {
            const entry = designedById.get(provenance.ruleId) ?? {
              ruleId: provenance.ruleId,
              reason: provenance.reason,
              constraints: [],
              side,
            };
            entry.constraints.push(describe(constraint));
            designedById.set(provenance.ruleId, entry);
          }
        }
        operations.push({
          vendor,
          operationId,
          method: method.toUpperCase(),
          path,
          documented,
          designed: [...designedById.values()],
        });
      }
    }
    const unaccounted = constraints
      .filter((c) => c.provenance.kind === 'unaccounted')
      .map((c) => `${vendor}#${c.pointer}`);
    vendors.push({ vendor, name: vendorNames[vendor], spec: specFiles[vendor], operations, extensions, unaccounted });
  }
  return { vendors };
}
