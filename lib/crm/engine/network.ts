import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { matchesPattern } from '@/lib/crm/match-pattern';
import type { Exchange } from '@/lib/crm/page-signals';
import type { DetectedRecord } from '@/lib/crm/record';
import { execBounded, MAX_REGEX_INPUT } from '@/lib/crm/safe-regex';
import { ruleNamesRequest } from '@/lib/crm/rule-match';
import { kindOf } from './kinds';
import { recordPageUrl } from './routes';
import { conditionValues, firstFailing, hasEmailIn, isEmptyValue, readFirstSource, sameValue, toAmount, toCurrency, toId, type Scope } from './values';
import { readPath } from '@/lib/crm/json-path';

type NetworkRule = NonNullable<AdapterInput['network']>[number];

/** Amount, currency and account remembered per record, for rules that fire without them (an order's confirmation). */
export type RecordMemory = Map<string, Remembered>;
export type Remembered = Pick<DetectedRecord, 'amount' | 'amountWithTax' | 'currency' | 'accountId'>;
const MEMORY_LIMIT = 200;

export interface EngineOptions {
  memory?: RecordMemory;
  /** The page the request came from: its route groups fill record URLs. */
  pageUrl?: string;
}

/** Records from one observed request and its answer, by the adapter's network rules. */

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function parseForm(text: string | undefined): Record<string, string> | undefined {
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
function formatSucceeded(rule: NetworkRule, response: unknown): boolean {
  const body = response !== null && typeof response === 'object' ? (response as Record<string, unknown>) : undefined;
  // JSON-RPC 2.0 leaves `error` out on success; 1.0 and 1.1 send `"error": null`. One call's
  // answer is an object: a batch (an array) would hide each call's error, so it is not read.
  if (rule.format === 'jsonrpc') return body !== undefined && !Array.isArray(body) && (body.error === undefined || body.error === null);
  if (rule.format === 'graphql') return body !== undefined && isEmptyValue(body.errors);
  if (rule.format === 'form-aura') return body !== undefined;
  return true;
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

export function memoryKey(object: string | undefined, recordId: string): string {
  return `${object ?? ''}:${recordId}`;
}

export const REMEMBERED = ['amount', 'amountWithTax', 'currency', 'accountId'] as const;

export function remember(memory: RecordMemory | undefined, key: string, record: Remembered): void {
  if (!memory || REMEMBERED.every((field) => record[field] === undefined)) return;
  const previous = memory.get(key) ?? {};
  memory.delete(key);
  const next: Record<string, unknown> = {};
  for (const field of REMEMBERED) next[field] = record[field] ?? previous[field];
  memory.set(key, next as Remembered);
  if (memory.size > MEMORY_LIMIT) memory.delete(memory.keys().next().value as string);
}

export function firstString(values: unknown[]): string | undefined {
  const value = values.find((v) => typeof v === 'string' || typeof v === 'number');
  return value === undefined ? undefined : String(value);
}

/**
 * Why a rule counted nothing from an exchange (or from one of its items), for the rule tester in
 * Options. `condition` is the index of the first condition that failed in `when`, `createIf` or
 * `successIf`; `value` is what was read where an id or status was expected.
 */
export type RuleMiss =
  | { reason: 'not-named' | 'status' | 'format-failure' | 'no-items' | 'no-kind' | 'observe-only' }
  | { reason: 'when' | 'createIf' | 'successIf'; condition: number; found: unknown[]; item?: number }
  | { reason: 'no-record-id'; value?: unknown; item?: number }
  | { reason: 'status-not-in'; value?: string; item?: number };

/** Each step of a rule that stops short of a record reports here (the tester listens; detection does not). */
export type MissListener = (miss: RuleMiss) => void;

function recordsForRule(adapter: AdapterInput, rule: NetworkRule, exchange: Exchange, options: EngineOptions, onMiss: MissListener = () => {}): DetectedRecord[] {
  // The browser's own navigations are read from the page's form submissions (navigation.ts), never from fetch/XHR.
  if (rule.navigation || !ruleNamesRequest(rule, exchange.method, exchange.url)) return (onMiss({ reason: 'not-named' }), []);
  // Run again for its named groups (compiled once, cached).
  const match = execBounded(rule.url, exchange.url);
  if (!match) return (onMiss({ reason: 'not-named' }), []);
  const { request, response } = parseBodies(rule, exchange);
  if (exchange.status < 200 || exchange.status > 299) return (onMiss({ reason: 'status' }), []);
  if (!formatSucceeded(rule, response)) return (onMiss({ reason: 'format-failure' }), []);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(exchange.responseHeaders ?? {})) headers[name.toLowerCase()] = value;
  const records: DetectedRecord[] = [];
  const pairs = pairItems(rule, request, response);
  if (pairs.length === 0) onMiss({ reason: 'no-items' });
  for (const [index, [requestItem, responseItem]] of pairs.entries()) {
    const item = rule.items ? { item: index } : {};
    const scope: Scope = { request, response, requestItem, responseItem, headers, urlGroups: { ...match.groups } };
    const failed = (['when', 'createIf', 'successIf'] as const).map((step) => [step, firstFailing(scope, rule[step])] as const).find(([, at]) => at >= 0);
    if (failed) {
      const [step, at] = failed;
      onMiss({ reason: step, condition: at, found: conditionValues(scope, rule[step]![at]!), ...item });
      continue;
    }
    const idValue = readFirstSource(scope, rule.read.recordId)[0];
    const recordId = toId(adapter, idValue);
    if (recordId === undefined) {
      onMiss({ reason: 'no-record-id', value: idValue, ...item });
      continue;
    }
    if (rule.read.status && rule.statusIn) {
      const status = firstString(readFirstSource(scope, rule.read.status));
      if (status === undefined || !rule.statusIn.includes(status)) {
        onMiss({ reason: 'status-not-in', value: status, ...item });
        continue;
      }
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
    if (rule.observeOnly) {
      onMiss({ reason: 'observe-only' });
      continue;
    }
    const recalled = options.memory?.get(key) ?? {};
    const kind = rule.kind ?? kindOf(adapter, object, recordId);
    if (kind === undefined) {
      onMiss({ reason: 'no-kind' });
      continue;
    }
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

/**
 * What each network rule makes of one exchange: its records, or why it made none. The engine's own
 * path (the same function detection runs), with a listener for the steps that stop short.
 */
export function explainRules(adapter: AdapterInput, exchange: Exchange, options: EngineOptions = {}): Array<{ rule: NetworkRule; records: DetectedRecord[]; misses: RuleMiss[] }> {
  return (adapter.network ?? []).map((rule) => {
    const misses: RuleMiss[] = [];
    let records: DetectedRecord[] = [];
    if (exchange.url.length > MAX_REGEX_INPUT) misses.push({ reason: 'not-named' });
    else records = recordsForRule(adapter, rule, exchange, options, (miss) => misses.push(miss));
    return { rule, records, misses };
  });
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
