import type { AdapterInput } from '@/lib/crm/adapter-schema';
import type { DetectedRecord } from '@/lib/crm/record';
import { execBounded, MAX_REGEX_INPUT } from '@/lib/crm/safe-regex';
import { kindOf } from './kinds';
import { toId } from './values';

type Route = NonNullable<AdapterInput['routes']>[number];

/** What a URL is (a create form, a record page), route changes that are creates, and the page URL of a record. */

export interface RouteMatch {
  route: Route;
  kind?: string;
  recordId?: string;
  object?: string;
}

function partsOf(url: string): { path: string; search: string; hash: string; clean: string; origin: string } | undefined {
  if (url.length > MAX_REGEX_INPUT) return undefined;
  try {
    const parsed = new URL(url);
    return { path: parsed.pathname, search: parsed.search, hash: parsed.hash, clean: parsed.origin + parsed.pathname, origin: parsed.origin };
  } catch {
    return undefined;
  }
}

type UrlParts = NonNullable<ReturnType<typeof partsOf>>;
type Groups = Record<string, string | undefined>;

/** The route's named groups (as written in the URL) when every part it tests matches. */
function routeGroups(route: Route, parts: UrlParts): Groups | undefined {
  const groups: Groups = {};
  for (const part of ['path', 'search', 'hash'] as const) {
    const source = route[part];
    if (source === undefined) continue;
    const match = execBounded(source, parts[part]);
    if (!match) return undefined;
    Object.assign(groups, match.groups);
  }
  return groups;
}

/** Every route of the adapter the URL matches, with its kind and record id when the route has them. */
export function matchRoutes(adapter: AdapterInput, url: string): RouteMatch[] {
  const parts = partsOf(url);
  if (!parts) return [];
  const matches: RouteMatch[] = [];
  for (const route of adapter.routes ?? []) {
    const groups = routeGroups(route, parts);
    if (!groups) continue;
    const recordId = groups.id === undefined ? undefined : toId(adapter, safeDecode(groups.id));
    const object = groups.object === undefined ? undefined : safeDecode(groups.object);
    const kind = route.kind ?? kindOf(adapter, object, recordId);
    if (kind === undefined) continue;
    matches.push({ route, kind, recordId, object });
  }
  return matches;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** URL worth keeping with a record: ids in the query or fragment stay, the rest goes. */
function recordUrl(route: Route, url: string): string | undefined {
  const parts = partsOf(url);
  if (!parts) return undefined;
  const keepAll = route.search !== undefined || route.hash !== undefined;
  const kept = keepAll ? url : parts.clean;
  return kept.length <= 2048 ? kept : undefined;
}

export interface RouteChangeContext {
  /** Whether the create form had an email filled in (from the route's `emailInput`), when known. */
  hasEmail?: boolean;
}

/**
 * A create form followed by the record page of the same kind is a create; any other change
 * (record to record, list to record) is plain navigation. `prevUrl` may come from a form
 * submitted before a full page load.
 */
export function detectFromRouteChange(
  adapter: AdapterInput,
  prevUrl: string,
  newUrl: string,
  context: RouteChangeContext = {},
): DetectedRecord[] {
  const forms = matchRoutes(adapter, prevUrl).filter((m) => m.route.type === 'create-form');
  if (forms.length === 0) return [];
  const records: DetectedRecord[] = [];
  for (const page of matchRoutes(adapter, newUrl)) {
    if (page.route.type !== 'record' || page.recordId === undefined) continue;
    const form = forms.find((f) => f.kind === page.kind);
    if (!form || page.kind === undefined) continue;
    const record: DetectedRecord = { adapter: adapter.id, kind: page.kind, recordId: page.recordId, rule: form.route.id };
    const url = recordUrl(page.route, newUrl);
    if (url) record.url = url;
    if (context.hasEmail !== undefined) record.hasEmail = context.hasEmail;
    records.push(record);
  }
  return records;
}

/** The create-form route the URL is on, if any. */
export function createFormAt(adapter: AdapterInput, url: string): Route | undefined {
  return matchRoutes(adapter, url).find((m) => m.route.type === 'create-form')?.route;
}


// ---------- record page URLs ----------

/** Characters a filled-in value may carry: no query, fragment or whitespace of its own. */
const URL_VALUE = /^[\w.~%:@!$*+,;=/-]{1,200}$/;

function fillTemplate(template: string, values: Groups): string | undefined {
  let complete = true;
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined || !URL_VALUE.test(value)) complete = false;
    return value ?? '';
  });
  return complete ? filled : undefined;
}

/**
 * The page of a record reported by a request or a marker, built from the adapter's `recordUrl`
 * templates: `{id}` and `{object}` from the record (ids and object names only), other names from
 * the page where it was created. A URL counts only when one of the adapter's record routes reads
 * the same record back from it, so a page of another object (a contact created from a quotation's
 * form) never lends its path.
 */
export function recordPageUrl(
  adapter: AdapterInput,
  record: { recordId: string; kind: string; object?: string },
  pageUrl: string,
): string | undefined {
  const routes = (adapter.routes ?? []).filter((route) => route.recordUrl !== undefined);
  const page = routes.length > 0 ? partsOf(pageUrl) : undefined;
  if (!page) return undefined;
  const values: Groups = {};
  const whole = page.path + page.search + page.hash;
  const add = (groups: Groups | undefined) => {
    for (const [name, value] of Object.entries(groups ?? {})) if (value !== undefined) values[name] = value;
  };
  for (const source of adapter.pageGroups ?? []) add(execBounded(source, whole)?.groups);
  for (const route of adapter.routes ?? []) add(routeGroups(route, page));
  const object = record.object ?? adapter.kinds[record.kind]?.objects?.[0];
  values.id = encodeURIComponent(record.recordId);
  values.object = object === undefined ? undefined : encodeURIComponent(adapter.urlObjects?.[object] ?? object);
  const objectKind = object === undefined ? undefined : kindOf(adapter, object, record.recordId);
  for (const route of routes) {
    for (const template of route.recordUrl ?? []) {
      const path = fillTemplate(template, values);
      if (path === undefined) continue;
      const url = page.origin + path;
      if (url.length > 2048 || partsOf(url)?.origin !== page.origin) continue;
      const readBack = matchRoutes(adapter, url).some(
        (m) => m.route.type === 'record' && m.recordId === record.recordId && (m.kind === record.kind || m.kind === objectKind),
      );
      if (readBack) return url;
    }
  }
  return undefined;
}
