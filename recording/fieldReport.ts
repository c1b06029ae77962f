import { SpecValidators } from '../mocks/spec/schemaValidators.js';
import { createRouteTable } from '../mocks/spec/routeTable.js';
import { listOperations, vendors as allVendors, type Vendor } from '../mocks/spec/specRegistry.js';
import { credentialNames, redactEntry } from '../mocks/replay/credentialRedaction.js';
import { designedRules, type DesignedRule } from './designedRules.js';
import type { ExchangeProblem } from './exchangeObservation.js';
import { observeExchange } from './exchangeObservation.js';
import { isTruncated, type HarLog } from '../mocks/replay/har.js';

/** One observation that speaks against a rule: which entry, where in it, what was there. */
export interface Evidence {
  /** Index of the entry in the HAR's `log.entries`. */
  entry: number;
  /** `METHOD path status` of the entry. */
  exchange: string;
  /** `response body`, `response header Retry-After`, `response status`, `request body`, `request query page_size`. */
  part: string;
  /** JSON pointer into that part ('' for the whole of it). */
  pointer: string;
  value: unknown;
  message: string;
}

export type Verdict = 'confirmed' | 'contradicted' | 'not exercised';

export interface RuleFinding {
  rule: DesignedRule;
  verdict: Verdict;
  /** Entries that exercised the rule. */
  exercisedBy: number[];
  evidence: Evidence[];
}

export interface FieldReport {
  sources: string[];
  vendors: Vendor[];
  entries: {
    total: number;
    matched: number;
    outsideSpecs: number;
    unreadable: Array<{ entry: number; reason: string }>;
  };
  /** Designed rules the platform can exercise, with their verdicts. */
  rules: RuleFinding[];
  /**
   * Designed rules no recording of the platform's API answers can exercise: those reachable only from
   * operations that exist in the mock alone, and those outside operations (such as a server URL).
   */
  unobservable: Array<{ rule: DesignedRule; why: string }>;
  /** Schema violations at places no designed rule covers: the recording contradicts what the vendor documents (or our reading of it). */
  documentedContradictions: Array<Evidence & { vendor: Vendor; location: string }>;
  /** Fields the platform sent that the spec does not name (allowed, but worth knowing). */
  undocumentedFields: Array<{
    vendor: Vendor;
    entry: number;
    exchange: string;
    pointer: string;
    schema: string;
    value: unknown;
  }>;
}

export function hasContradictions(report: FieldReport): boolean {
  return report.documentedContradictions.length > 0 || report.rules.some((r) => r.verdict === 'contradicted');
}

/**
 * Reads recorded real answers against the specs: for each designed rule of the vendors the
 * recording touches, whether the answers confirm it, contradict it, or never exercised it; and
 * every schema violation that no designed rule covers. A request that breaks a designed request
 * rule contradicts that rule only if the platform accepted it (2xx); refused (4xx), it confirms it.
 */
export function buildFieldReport(
  hars: ReadonlyArray<{ name: string; har: HarLog }>,
  options: { vendors?: readonly Vendor[] } = {},
): FieldReport {
  const validators = new SpecValidators();
  const names = credentialNames();
  const wanted = options.vendors && options.vendors.length > 0 ? options.vendors : allVendors;
  const tables = wanted.map((vendor) => ({
    vendor,
    routes: createRouteTable(listOperations([vendor]).filter((e) => !e.extension)),
  }));
  const rulesOf = new Map<Vendor, DesignedRule[]>(wanted.map((v) => [v, designedRules(v)]));
  const exercised = new Map<string, Set<number>>();
  const evidence = new Map<string, Evidence[]>();
  const report: FieldReport = {
    sources: hars.map((h) => h.name),
    vendors: [],
    entries: { total: 0, matched: 0, outsideSpecs: 0, unreadable: [] },
    rules: [],
    unobservable: [],
    documentedContradictions: [],
    undocumentedFields: [],
  };
  const seenVendors = new Set<Vendor>(options.vendors ?? []);
  let index = -1;

  for (const { har } of hars) {
    for (const raw of har.log.entries) {
      index += 1;
      report.entries.total += 1;
      const entry = redactEntry(raw, names);
      const url = new URL(entry.request.url);
      const found = tables
        .map(({ vendor, routes }) => ({ vendor, lookup: routes.lookup(entry.request.method, url.pathname) }))
        .find((t) => t.lookup.kind === 'found');
      if (!found || found.lookup.kind !== 'found') {
        report.entries.outsideSpecs += 1;
        continue;
      }
      if (entry.response.status === 0) {
        report.entries.unreadable.push({ entry: index, reason: 'no answer (status 0)' });
        continue;
      }
      if (isTruncated(entry.response.content) || entry.response.content.encoding === 'base64') {
        report.entries.unreadable.push({ entry: index, reason: 'the answer was recorded only in part, or is binary' });
        continue;
      }
      report.entries.matched += 1;
      const { vendor } = found;
      seenVendors.add(vendor);
      const op = found.lookup.match.entry;
      const rules = rulesOf.get(vendor)!;
      const exchange = `${entry.request.method} ${url.pathname} ${entry.response.status}`;
      const observed = observeExchange(op, entry, url, validators);
      for (const pointer of observed.visited) {
        for (const rule of rules)
          if (pointer === rule.base || pointer.startsWith(`${rule.base}/`)) addTo(exercised, rule.id, index);
      }
      const accepted = entry.response.status >= 200 && entry.response.status < 300;
      for (const problem of observed.problems) {
        const rule = attribute(rules, problem);
        if (problem.requestSide && !accepted) {
          // Refused as the rule says it should be: that confirms the rule (a documented fact needs nothing).
          if (rule) addTo(exercised, rule.id, index);
          continue;
        }
        const item: Evidence = {
          entry: index,
          exchange,
          part: problem.part,
          pointer: problem.pointer,
          value: problem.value,
          message: problem.requestSide
            ? `${problem.message}, yet the platform accepted it (${entry.response.status})`
            : problem.message,
        };
        if (rule) {
          addTo(exercised, rule.id, index);
          const list = evidence.get(rule.id) ?? [];
          if (!mergeInto(list, item)) list.push(item);
          evidence.set(rule.id, list);
        } else if (!mergeInto(report.documentedContradictions, item)) {
          report.documentedContradictions.push({
            ...item,
            vendor,
            location: `${vendor}#${problem.locations.at(-1) ?? op.pointer.slice(1)}`,
          });
        }
      }
      for (const extra of observed.undocumented)
        report.undocumentedFields.push({ vendor, entry: index, exchange, ...extra });
    }
  }

  report.vendors = wanted.filter((v) => seenVendors.has(v));
  for (const vendor of report.vendors) {
    for (const rule of rulesOf.get(vendor)!) {
      if (rule.mockOnly || rule.kind === 'other' || rule.kind === 'behaviour') {
        const why = rule.mockOnly
          ? 'used only by operations that exist in the mock alone'
          : rule.kind === 'behaviour'
            ? 'a designed behaviour (no schema keyword): single answers cannot show it'
            : "not part of any operation's requests or answers";
        report.unobservable.push({ rule, why });
        continue;
      }
      const by = [...(exercised.get(rule.id) ?? [])].sort((a, b) => a - b);
      const against = evidence.get(rule.id) ?? [];
      report.rules.push({
        rule,
        verdict: against.length > 0 ? 'contradicted' : by.length > 0 ? 'confirmed' : 'not exercised',
        exercisedBy: by,
        evidence: against,
      });
    }
  }
  return report;
}

/** Two problems at one place of one entry (a wrong type that also breaks a const) are one piece of evidence. */
function mergeInto(list: Evidence[], item: Evidence): boolean {
  const same = list.find((e) => e.entry === item.entry && e.part === item.part && e.pointer === item.pointer);
  if (same && !same.message.includes(item.message)) same.message = `${same.message}; ${item.message}`;
  return same !== undefined;
}

function addTo(map: Map<string, Set<number>>, key: string, value: number): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/**
 * The innermost designed rule that covers the problem (its locations searched from the innermost
 * out). A rule that designs the whole object covers everything under it; a keyword rule covers only
 * a failure of its keyword at its own object; a behaviour rule covers no schema failure.
 */
function attribute(
  rules: readonly DesignedRule[],
  problem: Pick<ExchangeProblem, 'locations' | 'keyword'>,
): DesignedRule | null {
  const { locations } = problem;
  for (let i = locations.length - 1; i >= 0; i--) {
    const pointer = locations[i]!;
    let best: DesignedRule | null = null;
    for (const rule of rules) {
      if (rule.kind === 'behaviour') continue;
      const covers =
        rule.keyword === null
          ? pointer === rule.pointer || pointer.startsWith(`${rule.pointer}/`)
          : i === locations.length - 1 && pointer === rule.base && problem.keyword === rule.keyword;
      if (covers && (!best || rule.pointer.length > best.pointer.length)) best = rule;
    }
    if (best) return best;
  }
  return null;
}
