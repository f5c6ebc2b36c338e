import type { AdapterSpec } from './adapter-schema';
import { parsePath, type PathSegment } from './json-path';
import { matchRoutes } from './engine/routes';

/**
 * Things a valid adapter may get wrong without the schema noticing: it would then count nothing,
 * or the wrong thing. They are warnings, not errors (the adapter still saves), found from the
 * adapter alone, before any CRM page is seen. Each names the field as written in the JSON.
 */
export type AdapterWarning =
  /** A path rooted at `$` (JSONPath habit): `$` is read as a key of that name, so it finds nothing. */
  | { code: 'dollar-path'; field: string; path: string; suggestion: string }
  /** A record-id path that can give several values: only the first becomes the id. */
  | { code: 'id-list'; field: string; path: string }
  /** A record-id path ending on a `[key=value]` filter: it gives whole elements, never an id. */
  | { code: 'id-element'; field: string; path: string }
  /** One of a route's `testUrls` that the route itself does not match. */
  | { code: 'test-url-miss'; field: string; url: string }
  /** A create-form route and a record route that both match one page (one's test URL). */
  | { code: 'form-matches-record'; field: string; url: string; other: string };

type NetworkRule = AdapterSpec['network'][number];

/** Every JSON path of a network rule, with the field that holds it. */
function pathsOf(rule: NetworkRule, at: string): Array<{ field: string; path: string }> {
  const found: Array<{ field: string; path: string }> = [];
  for (const key of ['request', 'response', 'pairBy'] as const) {
    const path = rule.items?.[key];
    if (path !== undefined) found.push({ field: `${at}.items.${key}`, path });
  }
  for (const key of ['when', 'createIf', 'successIf'] as const) {
    rule[key].forEach((condition, i) => {
      if (condition.path !== undefined) found.push({ field: `${at}.${key}.${i}.path`, path: condition.path });
    });
  }
  for (const [name, sources] of Object.entries(rule.read)) {
    (sources ?? []).forEach((source, i) => {
      if (source.path !== undefined) found.push({ field: `${at}.read.${name}.${i}.path`, path: source.path });
    });
  }
  return found;
}

/** `$.result[0]` → `result[0]`, `$` → `''`: paths start at the body itself. */
function withoutRoot(path: string): string {
  return path.replace(/^\$\.?/, '');
}

function segments(path: string): PathSegment[] {
  try {
    return parsePath(path);
  } catch {
    return [];
  }
}

function pathWarnings(rule: NetworkRule, at: string): AdapterWarning[] {
  const warnings: AdapterWarning[] = [];
  for (const { field, path } of pathsOf(rule, at)) {
    const first = segments(path)[0];
    if (first?.type === 'key' && first.key === '$' && /^\$(?:$|[.[])/.test(path)) {
      warnings.push({ code: 'dollar-path', field, path, suggestion: withoutRoot(path) });
    }
  }
  rule.read.recordId.forEach((source, i) => {
    if (source.path === undefined) return;
    const parsed = segments(source.path);
    const field = `${at}.read.recordId.${i}.path`;
    if (parsed.at(-1)?.type === 'filter') warnings.push({ code: 'id-element', field, path: source.path });
    else if (parsed.some((segment) => segment.type === 'all')) warnings.push({ code: 'id-list', field, path: source.path });
  });
  return warnings;
}

function routeWarnings(adapter: AdapterSpec): AdapterWarning[] {
  const warnings: AdapterWarning[] = [];
  adapter.routes.forEach((route, i) => {
    route.testUrls.forEach((url, j) => {
      if (!matchRoutes(adapter, url).some((m) => m.route === route)) {
        warnings.push({ code: 'test-url-miss', field: `routes.${i}.testUrls.${j}`, url });
      }
    });
  });
  adapter.routes.forEach((form, i) => {
    if (form.type !== 'create-form') return;
    for (const record of adapter.routes) {
      if (record.type !== 'record') continue;
      // Each route's own pages are its test URLs (the check above ties them to it): a page of one the other also claims.
      const claims = (route: typeof form) => (url: string) => matchRoutes(adapter, url).some((m) => m.route === route);
      const shared = record.testUrls.find(claims(form)) ?? form.testUrls.find(claims(record));
      const samePattern = form.path === record.path && form.search === record.search && form.hash === record.hash;
      const url = shared ?? (samePattern ? record.testUrls[0] : undefined);
      if (url !== undefined) warnings.push({ code: 'form-matches-record', field: `routes.${i}`, url, other: record.id });
    }
  });
  return warnings;
}

/** What in a schema-valid adapter would make it count nothing or the wrong thing. */
export function adapterWarnings(adapter: AdapterSpec): AdapterWarning[] {
  return [...adapter.network.flatMap((rule, i) => pathWarnings(rule, `network.${i}`)), ...routeWarnings(adapter)];
}
