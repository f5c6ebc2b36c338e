import { matchesPattern } from './match-pattern';
import type { DetectedRecord } from './record';
import type { AdapterInput, Condition, Source } from './adapter-schema';
import { readPath } from './json-path';
import { captureOf, execBounded, MAX_REGEX_INPUT } from './safe-regex';
import { mappedKindId } from '../rules/apply';
import type { Exchange } from './page-signals';

export type { Exchange };

/**
 * Turns what a CRM page shows (a request and its response, a route change, a success marker)
 * into detected records, using only the adapter's data. Pure: no browser APIs, no clock.
 */

type NetworkRule = NonNullable<AdapterInput['network']>[number];
type Route = NonNullable<AdapterInput['routes']>[number];
type DomRule = NonNullable<AdapterInput['dom']>[number];

/** Amount, currency and account remembered per record, for rules that fire without them (an order's confirmation). */
export type RecordMemory = Map<string, Remembered>;
type Remembered = Pick<DetectedRecord, 'amount' | 'amountWithTax' | 'currency' | 'accountId'>;
const MEMORY_LIMIT = 200;

export interface EngineOptions {
  memory?: RecordMemory;
  /** The page the request came from: its route groups fill record URLs. */
  pageUrl?: string;
}

// ---------- values ----------

interface Scope {
  request: unknown;
  response: unknown;
  requestItem: unknown;
  responseItem: unknown;
  headers: Record<string, string>;
  urlGroups: Record<string, string | undefined>;
}

function valuesFrom(scope: Scope, from: Source['from'], path?: string, header?: string, group?: string): unknown[] {
  switch (from) {
    case 'header': {
      const value = header ? scope.headers[header.toLowerCase()] : undefined;
      return value === undefined ? [] : [value];
    }
    case 'url': {
      const value = group ? scope.urlGroups[group] : undefined;
      return value === undefined ? [] : [value];
    }
    default:
      return readPath(scope[from], path ?? '');
  }
}

function readSource(scope: Scope, source: Source): unknown[] {
  const values = valuesFrom(scope, source.from, source.path, source.header, source.group);
  if (!source.regex) return values;
  const regex = source.regex;
  return values.flatMap((value) => {
    if (typeof value !== 'string' && typeof value !== 'number') return [];
    const match = execBounded(regex, String(value));
    const captured = match ? captureOf(match) : undefined;
    return captured === undefined ? [] : [captured];
  });
}

/** The values of the first source that yields any. */
function readFirstSource(scope: Scope, sources: Source[] | undefined): unknown[] {
  for (const source of sources ?? []) {
    const values = readSource(scope, source);
    if (values.length > 0) return values;
  }
  return [];
}

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Ids often come as numbers on one side and strings on the other.
  return (typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string') && String(a) === String(b);
}

function testOne(condition: Condition, value: unknown): boolean {
  const expected = condition.value;
  switch (condition.op) {
    case 'eq':
      return sameValue(value, expected);
    case 'ne':
      return !sameValue(value, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((candidate) => sameValue(value, candidate));
    case 'truthy':
      return Boolean(value) && !isEmptyValue(value);
    case 'falsy':
      return !value || isEmptyValue(value);
    case 'gt': {
      const number = toAmount(value);
      return number !== undefined && typeof expected === 'number' && number > expected;
    }
    case 'matches':
    case 'notMatches': {
      const text = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
      const hit = text !== undefined && typeof expected === 'string' && execBounded(expected, text) !== null;
      return condition.op === 'matches' ? hit : !hit;
    }
    default:
      return false;
  }
}

function holds(scope: Scope, condition: Condition): boolean {
  const values = valuesFrom(scope, condition.from, condition.path, condition.header, condition.group);
  switch (condition.op) {
    case 'exists':
      return values.length > 0;
    case 'absent':
      return values.length === 0;
    case 'empty':
      return values.every(isEmptyValue);
    case 'nonEmpty':
      return values.length > 0 && !values.every(isEmptyValue);
    case 'ne':
    case 'notMatches':
    case 'falsy':
      if (values.length === 0) return true;
  }
  if (values.length === 0) return false;
  return condition.any ? values.some((v) => testOne(condition, v)) : values.every((v) => testOne(condition, v));
}

function allHold(scope: Scope, conditions: Condition[] | undefined): boolean {
  return (conditions ?? []).every((condition) => holds(scope, condition));
}

// ---------- field normalisation ----------

export function toAmount(value: unknown): number | undefined {
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) number = Number(value);
  if (number === undefined || !Number.isFinite(number) || number < 0 || number > 1e12) return undefined;
  return number;
}

function toCurrency(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : undefined;
}

function toId(adapter: AdapterInput, value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  let id = String(value).trim();
  for (const step of adapter.idNormalize ?? []) {
    if (step === 'lowercase') id = id.toLowerCase();
    if (step === 'strip-braces') id = id.replace(/^(%7B|\{)/i, '').replace(/(%7D|\})$/i, '');
  }
  return id.length > 0 && id.length <= 128 ? id : undefined;
}

function hasEmailIn(values: unknown[]): boolean {
  return values.some((value) =>
    Array.isArray(value) ? value.some((v) => typeof v === 'string' && v.trim() !== '') : typeof value === 'string' && value.trim() !== '',
  );
}

// ---------- kinds ----------

/** The kind a CRM object name (or, failing that, a record-id prefix) stands for. */
export function kindForObject(adapter: AdapterInput, object?: string, recordId?: string): string | undefined {
  const kinds = Object.entries(adapter.kinds);
  if (object !== undefined) {
    const byObject = kinds.find(([, kind]) => (kind.objects ?? []).includes(object));
    if (byObject) return byObject[0];
  }
  if (recordId !== undefined) {
    const byPrefix = kinds.find(([, kind]) => (kind.idPrefixes ?? []).some((prefix) => recordId.startsWith(prefix)));
    if (byPrefix) return byPrefix[0];
  }
  if (object !== undefined) {
    const byPrefixName = kinds.find(([, kind]) => (kind.idPrefixes ?? []).includes(object));
    if (byPrefixName) return byPrefixName[0];
  }
  return undefined;
}

/**
 * The kind for a record, falling back to the kind a mapping of its object would create
 * (`obj-<object>`), so an object no kind names (a custom object) is still reported and a
 * mapping the rep adds later picks it up; unmapped, the background counts it toward nothing.
 */
function kindOf(adapter: AdapterInput, object?: string, recordId?: string): string | undefined {
  return kindForObject(adapter, object, recordId) ?? (object ? mappedKindId(object) : undefined);
}

// ---------- network ----------

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseForm(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  try {
    return Object.fromEntries(new URLSearchParams(text));
  } catch {
    return undefined;
  }
}

/** Aura prefixes its JSON (e.g. `while(1);`) and may append a comment: keep the outer object. */
function parseFromFirstBrace(text: string | undefined): unknown {
  if (!text) return undefined;
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start < 0 || end < start ? undefined : parseJson(text.slice(start, end + 1));
}

function parseBodies(rule: NetworkRule, exchange: Exchange): { request: unknown; response: unknown } {
  switch (rule.format) {
    case 'form-aura': {
      const form = parseForm(exchange.requestBody);
      return { request: parseJson(form?.message), response: parseFromFirstBrace(exchange.responseBody) };
    }
    case 'form':
      return { request: parseForm(exchange.requestBody), response: parseJson(exchange.responseBody) };
    default:
      return { request: parseJson(exchange.requestBody), response: parseJson(exchange.responseBody) };
  }
}

/** Failure signals a format carries by itself, on top of the rule's own `successIf`. */
function formatSucceeded(rule: NetworkRule, response: unknown, status: number): boolean {
  if (status < 200 || status > 299) return false;
  const body = response !== null && typeof response === 'object' ? (response as Record<string, unknown>) : undefined;
  if (rule.format === 'jsonrpc') return body !== undefined && body.error === undefined;
  if (rule.format === 'graphql') return body !== undefined && isEmptyValue(body.errors);
  if (rule.format === 'form-aura') return body !== undefined;
  return true;
}

/** True when the rule is about this method and URL: the only thing the page hook checks. */
export function networkRuleApplies(rule: Pick<NetworkRule, 'methods' | 'url'>, method: string, url: string): boolean {
  return (rule.methods as string[]).includes(method.toUpperCase()) && execBounded(rule.url, url.slice(0, MAX_REGEX_INPUT + 1)) !== null;
}

function pairItems(rule: NetworkRule, request: unknown, response: unknown): Array<[unknown, unknown]> {
  const items = rule.items;
  if (!items) return [[undefined, undefined]];
  const requestItems = items.request ? readPath(request, items.request) : [];
  const responseItems = items.response ? readPath(response, items.response) : [];
  const count = Math.min(Math.max(requestItems.length, responseItems.length), 100);
  const pairs: Array<[unknown, unknown]> = [];
  for (let i = 0; i < count; i += 1) {
    const requestItem = requestItems[i];
    let responseItem = responseItems[i];
    if (items.pairBy && requestItem !== undefined) {
      const key = readPath(requestItem, items.pairBy)[0];
      const partner = key === undefined ? undefined : responseItems.find((r) => sameValue(readPath(r, items.pairBy as string)[0], key));
      if (partner !== undefined) responseItem = partner;
    }
    pairs.push([requestItem, responseItem]);
  }
  return pairs;
}

function memoryKey(object: string | undefined, recordId: string): string {
  return `${object ?? ''}:${recordId}`;
}

const REMEMBERED = ['amount', 'amountWithTax', 'currency', 'accountId'] as const;

function remember(memory: RecordMemory | undefined, key: string, record: Remembered): void {
  if (!memory || REMEMBERED.every((field) => record[field] === undefined)) return;
  const previous = memory.get(key) ?? {};
  memory.delete(key);
  const next: Record<string, unknown> = {};
  for (const field of REMEMBERED) next[field] = record[field] ?? previous[field];
  memory.set(key, next as Remembered);
  if (memory.size > MEMORY_LIMIT) memory.delete(memory.keys().next().value as string);
}

function firstString(values: unknown[]): string | undefined {
  const value = values.find((v) => typeof v === 'string' || typeof v === 'number');
  return value === undefined ? undefined : String(value);
}

function recordsForRule(adapter: AdapterInput, rule: NetworkRule, exchange: Exchange, options: EngineOptions): DetectedRecord[] {
  const match = execBounded(rule.url, exchange.url);
  if (!match || !(rule.methods as string[]).includes(exchange.method.toUpperCase())) return [];
  const { request, response } = parseBodies(rule, exchange);
  if (!formatSucceeded(rule, response, exchange.status)) return [];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(exchange.responseHeaders ?? {})) headers[name.toLowerCase()] = value;
  const records: DetectedRecord[] = [];
  for (const [requestItem, responseItem] of pairItems(rule, request, response)) {
    const scope: Scope = { request, response, requestItem, responseItem, headers, urlGroups: { ...match.groups } };
    if (!allHold(scope, rule.when) || !allHold(scope, rule.createIf) || !allHold(scope, rule.successIf)) continue;
    const recordId = toId(adapter, readFirstSource(scope, rule.read.recordId)[0]);
    if (recordId === undefined) continue;
    if (rule.read.status && rule.statusIn) {
      const status = firstString(readFirstSource(scope, rule.read.status));
      if (status === undefined || !rule.statusIn.includes(status)) continue;
    }
    const object = firstString(readFirstSource(scope, rule.read.object));
    const found: Remembered = {
      amount: toAmount(readFirstSource(scope, rule.read.amount)[0]),
      amountWithTax: toAmount(readFirstSource(scope, rule.read.amountWithTax)[0]),
      currency: toCurrency(readFirstSource(scope, rule.read.currency)[0]),
      accountId: toId(adapter, readFirstSource(scope, rule.read.accountId)[0]),
    };
    const key = memoryKey(object, recordId);
    remember(options.memory, key, found);
    if (rule.observeOnly) continue;
    const recalled = options.memory?.get(key) ?? {};
    const kind = rule.kind ?? kindOf(adapter, object, recordId);
    if (kind === undefined) continue;
    const record: DetectedRecord = { adapter: adapter.id, kind, recordId, rule: rule.id };
    const url = options.pageUrl === undefined ? undefined : recordPageUrl(adapter, { recordId, kind, object }, options.pageUrl);
    if (url) record.url = url;
    if (rule.read.email) {
      // Said for contacts always, for other kinds only when the record carries an email field.
      const emails = readFirstSource(scope, rule.read.email);
      const feedsContacts = (adapter.kinds[kind]?.kpis ?? []).includes('contacts');
      if (emails.length > 0 || feedsContacts) record.hasEmail = hasEmailIn(emails);
    }
    for (const field of REMEMBERED) {
      const value = found[field] ?? recalled[field];
      if (value !== undefined) (record as Record<string, unknown>)[field] = value;
    }
    records.push(record);
  }
  return records;
}

/** Records created (or won/confirmed) by one observed request. Failed saves and edits yield none. */
export function detectFromExchange(adapter: AdapterInput, exchange: Exchange, options: EngineOptions = {}): DetectedRecord[] {
  if (exchange.url.length > MAX_REGEX_INPUT) return [];
  if (options.pageUrl !== undefined && !requestAllowed(adapter, exchange.url, options.pageUrl)) return [];
  const records: DetectedRecord[] = [];
  for (const rule of adapter.network ?? []) {
    try {
      records.push(...recordsForRule(adapter, rule, exchange, options));
    } catch {
      // A malformed rule or body must not stop the other rules.
    }
  }
  return records;
}

/**
 * Network rules speak only of the page's own origin and the API hosts the adapter names: a
 * request to any other place (another site, a `data:` or `blob:` URL) is something a page script
 * can make up at no cost, so it never counts.
 */
export function requestAllowed(adapter: AdapterInput, url: string, pageUrl: string): boolean {
  let request: URL;
  try {
    request = new URL(url);
    if (!/^https?:$/.test(request.protocol)) return false;
    if (request.origin === new URL(pageUrl).origin) return true;
  } catch {
    return false;
  }
  return (adapter.apiHosts ?? []).some((pattern) => matchesPattern(pattern, request));
}

// ---------- routes ----------

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

/** The create-form route the URL is on, if any (the content script watches its email input). */
export function createFormAt(adapter: AdapterInput, url: string): Route | undefined {
  return matchRoutes(adapter, url).find((m) => m.route.type === 'create-form')?.route;
}

// ---------- DOM markers ----------

export interface DomHit {
  ruleId: string;
  /** The attribute value read by `recordFrom: element` (never page text). */
  value?: string;
  /** The page URL when the marker appeared. */
  url: string;
}

/** Records for success markers found in the page. */
export function detectFromDomHit(adapter: AdapterInput, hit: DomHit): DetectedRecord[] {
  const rule: DomRule | undefined = (adapter.dom ?? []).find((r) => r.id === hit.ruleId);
  if (!rule) return [];
  let recordId: string | undefined;
  let object: string | undefined;
  let kind = rule.kind;
  if (rule.recordFrom.from === 'route') {
    const page = matchRoutes(adapter, hit.url).find((m) => m.route.type === 'record' && m.recordId !== undefined);
    if (!page) return [];
    recordId = page.recordId;
    kind = kind ?? page.kind;
  } else {
    const match = hit.value === undefined ? null : execBounded(rule.recordFrom.regex, hit.value);
    if (!match) return [];
    recordId = toId(adapter, match.groups?.id ?? match[1]);
    object = match.groups?.object;
    kind = kind ?? kindOf(adapter, object, recordId);
  }
  if (rule.requireCreateForm) {
    const forms = matchRoutes(adapter, hit.url).filter((m) => m.route.type === 'create-form');
    const form = forms.find((f) => kind === undefined || f.kind === kind);
    if (!form) return [];
    kind = kind ?? form.kind;
  }
  if (recordId === undefined || kind === undefined) return [];
  const record: DetectedRecord = { adapter: adapter.id, kind, recordId, rule: rule.id };
  const url = recordPageUrl(adapter, { recordId, kind, object }, hit.url);
  if (url) record.url = url;
  return [record];
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
