import { matchesRestOfPath } from './operationParameters.js';
import type { OperationEntry } from './specRegistry.js';

export interface RouteMatch {
  entry: OperationEntry;
  pathParams: Record<string, string>;
}

export type RouteLookup =
  { kind: 'found'; match: RouteMatch } | { kind: 'method-not-allowed'; allowed: string[] } | { kind: 'not-found' };

interface CompiledRoute {
  entry: OperationEntry;
  pattern: RegExp;
  paramNames: string[];
  /** Literal characters in the template: more literal text wins over a parameter. */
  specificity: number;
}

/**
 * The routing table every adapter shares, compiled from the specs' `paths`. A path parameter matches
 * one segment, except one marked `x-bulkmock-match-rest: true`, which takes the rest of the path
 * (asset paths contain slashes).
 */
export function createRouteTable(entries: readonly OperationEntry[]) {
  const routes: CompiledRoute[] = entries.map(compileRoute).sort((a, b) => b.specificity - a.specificity);

  return {
    entries,
    lookup(method: string, path: string): RouteLookup {
      const wanted = method.toLowerCase();
      const allowed: string[] = [];
      for (const route of routes) {
        const found = route.pattern.exec(path);
        if (!found) continue;
        if (route.entry.method !== wanted) {
          allowed.push(route.entry.method.toUpperCase());
          continue;
        }
        const pathParams: Record<string, string> = {};
        route.paramNames.forEach((name, i) => {
          pathParams[name] = safeDecode(found[i + 1] ?? '');
        });
        return { kind: 'found', match: { entry: route.entry, pathParams } };
      }
      return allowed.length > 0
        ? { kind: 'method-not-allowed', allowed: [...new Set(allowed)] }
        : { kind: 'not-found' };
    },
  };
}

export type RouteTable = ReturnType<typeof createRouteTable>;

function compileRoute(entry: OperationEntry): CompiledRoute {
  const paramNames: string[] = [];
  let specificity = 0;
  const source = entry.pathTemplate.replace(/\{([^}]+)\}|[^{]+/g, (part, name: string | undefined) => {
    if (name === undefined) {
      specificity += part.length;
      return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    }
    paramNames.push(name);
    return matchesRestOfPath(entry, name) ? '(.+)' : '([^/]+)';
  });
  return { entry, pattern: new RegExp(`^${source}$`), paramNames, specificity };
}

/**
 * Percent-decodes a path parameter once. A malformed escape (`%ZZ`, or bytes that are not UTF-8) is
 * kept as sent, but every other escape is still decoded, so `%ZZ/%2e%2e/x` reads as `%ZZ/../x` and
 * the parameter's schema sees the `..` segment.
 */
function safeDecode(value: string): string {
  if (!value.includes('%')) return value;
  return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%[0-7][0-9A-Fa-f]/g, (ascii) => decodeURIComponent(ascii));
    }
  });
}
