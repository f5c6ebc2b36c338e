import type { AdapterInput, Condition, Source } from '@/lib/crm/adapter-schema';
import { amountPaths, currencyPaths, emailPaths, idShape, idPattern, walk, type Found, type IdShape } from './find';
import { graphqlOperation, graphqlRootField, isObject, rpcCall } from './bodies';
import { callName, type Candidate } from './candidates';
import { formCreateIf, formRuleParts } from './forms';
import { landingShape, markerRule } from './marker';
import { kindIdOf, kpiOf, type TaughtExchange, type TeachIntent } from './recording';

/**
 * Turns the one save the rep showed into a rule of the adapter schema that recognises every
 * later save of the same kind: ids in the address become patterns, the call's name (JSON-RPC
 * method, GraphQL mutation) becomes a condition where one endpoint serves many calls, and the
 * places of the id, email, amount and currency become paths.
 */

type NetworkRule = NonNullable<AdapterInput['network']>[number];
type Route = NonNullable<AdapterInput['routes']>[number];

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;
export const escapeRegex = (text: string) => text.replace(REGEX_SPECIALS, '\\$&');

/** A path segment that is an id (a number, a UUID, an opaque id) rather than a name. */
function dynamicShape(segment: string): IdShape | undefined {
  const decoded = safeDecode(segment);
  return idShape(decoded);
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The request address as a pattern: any host of the page's own origin, ids as patterns, any query. */
export function urlPattern(requestUrl: string, pageUrl: string): { regex: string; apiHost?: string } {
  const request = new URL(requestUrl);
  const page = new URL(pageUrl);
  const segments = request.pathname.replace(/\/+$/, '').split('/').slice(1);
  const path = segments.map((segment) => {
    const shape = dynamicShape(segment);
    return shape ? idPattern(shape) : escapeRegex(segment);
  });
  const sameOrigin = request.origin === page.origin;
  const host = sameOrigin ? '[^/?#]+' : escapeRegex(request.host);
  const scheme = request.protocol === 'http:' ? 'http' : 'https';
  const regex = `^${scheme}://${host}/${path.join('/')}/?(?:[?#]|$)`;
  return sameOrigin ? { regex } : { regex, apiHost: `${scheme}://${request.hostname}/*` };
}

/** The address as the rep reads it: path with ids shown as "…". */
export function readablePath(requestUrl: string): string {
  const request = new URL(requestUrl);
  const segments = request.pathname.split('/').map((segment) => (dynamicShape(segment) ? '…' : safeDecode(segment)));
  return segments.join('/') || '/';
}

/** Keys that tell apart calls sharing one endpoint, in REST-ish JSON and form bodies. */
export const DISCRIMINATORS = ['action', 'op', 'operation', 'command', 'cmd', 'type', 'method', 'do', 'task'];

/** The body conditions that say which call of a shared endpoint this is. */
function callConditions(candidate: Candidate, sharedEndpoint: boolean): Condition[] {
  const { request } = candidate;
  const operation = graphqlOperation(request);
  if (operation) {
    const field = graphqlRootField(operation.query);
    if (field) {
      return [
        { from: 'request', path: 'query', op: 'matches', value: '^\\s*mutation\\b' },
        { from: 'request', path: 'query', op: 'matches', value: `\\b${escapeRegex(field)}\\b` },
      ];
    }
    return operation.operationName ? [{ from: 'request', path: 'operationName', op: 'eq', value: operation.operationName }] : [];
  }
  const rpc = rpcCall(request);
  if (rpc) return [{ from: 'request', path: rpc.path, op: 'eq', value: rpc.name }];
  if (!sharedEndpoint || !isObject(request)) return [];
  for (const key of DISCRIMINATORS) {
    const value = request[key];
    if (typeof value === 'string' && value.length > 0 && value.length <= 200) return [{ from: 'request', path: key, op: 'eq', value }];
  }
  return [];
}

/** Success beyond HTTP 2xx: no error member, and a `success`/`ok` flag when the answer has one. */
function successConditions(candidate: Candidate): Condition[] {
  const conditions: Condition[] = [];
  const response = candidate.response;
  if (candidate.format === 'json' || candidate.format === 'form') {
    conditions.push({ from: 'response', path: 'error', op: 'falsy' });
    conditions.push({ from: 'response', path: 'errors', op: 'empty' });
  }
  if (isObject(response)) {
    for (const flag of ['success', 'ok']) if (response[flag] === true) conditions.push({ from: 'response', path: flag, op: 'eq', value: true });
  }
  return conditions;
}

function firstPath(found: Found[], from: 'request' | 'response'): Source | undefined {
  const best = found[0];
  return best ? { from, path: best.path } : undefined;
}

function sources(...candidates: Array<Source | undefined>): Source[] | undefined {
  const list = candidates.filter((source): source is Source => source !== undefined);
  const unique = list.filter((source, i) => list.findIndex((other) => JSON.stringify(other) === JSON.stringify(source)) === i);
  return unique.length > 0 ? unique : undefined;
}

/** Where the rule reads the record's values. */
function reads(candidate: Candidate, intent: TeachIntent): NetworkRule['read'] {
  const { request, response } = candidate;
  const read: NetworkRule['read'] = { recordId: [candidate.id.source] };
  const kpi = kpiOf(intent);
  const wantsEmail = kpi === 'contacts' || intent.email !== undefined;
  if (wantsEmail) {
    const email = sources(firstPath(emailPaths(request, intent.email), 'request'), firstPath(emailPaths(response, intent.email), 'response'));
    if (email) read.email = email;
    // A form names its fields whatever they hold: the email field read even when this save left it empty.
    else if (candidate.landing || candidate.marker) {
      const field = [...emailPaths(request, undefined), ...walk(request).filter((node) => node.depth === 1 && /^e-?mail$|e-?mail$/i.test(node.key))][0];
      if (field) read.email = [{ from: 'request', path: field.path }];
    }
  }
  const wantsAmount = kpi === 'revenue' || intent.amount !== undefined;
  if (wantsAmount) {
    const amount = sources(firstPath(amountPaths(request, intent.amount), 'request'), firstPath(amountPaths(response, intent.amount), 'response'));
    if (amount) read.amount = amount;
    // A form's fields are all there is: the field named like an amount when none holds the typed one.
    else if (candidate.landing || candidate.marker) {
      const field = sources(firstPath(amountPaths(request, undefined), 'request'));
      if (field) read.amount = field;
    }
    const currency = sources(firstPath(currencyPaths(request), 'request'), firstPath(currencyPaths(response), 'response'));
    if (currency) read.currency = currency;
  }
  return read;
}

type DomRule = NonNullable<AdapterInput['dom']>[number];

export interface TaughtRule {
  /** The rule that counts. */
  rule: NetworkRule;
  /** Rules it needs before it: the create an `observeOnly` rule reads the amount from, before its confirmation. */
  companions?: NetworkRule[];
  /** The DOM rule a navigation rule's `marker` names. */
  dom?: DomRule[];
  /** The API host the app saves to, when it is not the page's own. */
  apiHost?: string;
  /** The record page, when the app opened the new record at an address that names it. */
  route?: Route;
}

/**
 * The rule for the chosen candidate. `window` is the whole teaching window: another call that
 * shares the endpoint means the call's name must be part of the rule.
 */
export function generaliseRule(candidate: Candidate, intent: TeachIntent, window: readonly TaughtExchange[], ruleId: string): TaughtRule {
  const { exchange } = candidate;
  const { regex, apiHost } = urlPattern(exchange.url, exchange.pageUrlBefore);
  const compiled = new RegExp(regex);
  const method = exchange.method.toUpperCase() as NetworkRule['methods'][number];
  const sharedEndpoint = window.some((other) => other !== exchange && other.method.toUpperCase() === method && compiled.test(other.url));
  const route = recordRoute(candidate, window, kindIdOf(intent), `${ruleId}-page`);
  if (candidate.marker && isObject(candidate.request)) {
    // Sent back to the page it came from: that page's message, shown once, names the new record.
    const dom = markerRule(candidate.marker, `${ruleId}-message`, kindIdOf(intent));
    const createIf = formCreateIf(candidate.request as Record<string, string>);
    const rule: NetworkRule = {
      id: ruleId,
      methods: [method],
      url: regex,
      format: 'form',
      kind: kindIdOf(intent),
      navigation: { landing: landingShape(exchange.pageUrlAfter!), marker: dom.id },
      ...(createIf.length > 0 && { createIf }),
      read: reads(candidate, intent),
    };
    return { rule, dom: [dom] };
  }
  if (candidate.landing && isObject(candidate.request)) {
    // A native form post: the redirect is the success, the landing address the id, the fields the values.
    const rule: NetworkRule = {
      id: ruleId,
      methods: [method],
      url: regex,
      format: 'form',
      kind: kindIdOf(intent),
      ...formRuleParts(exchange, candidate.landing, candidate.request as Record<string, string>),
      read: reads(candidate, intent),
    };
    return { rule, ...(route && { route }) };
  }
  const when = callConditions(candidate, sharedEndpoint);
  const rule: NetworkRule = {
    id: ruleId,
    methods: [method],
    url: regex,
    format: candidate.format,
    kind: kindIdOf(intent),
    ...(when.length > 0 && { when }),
    successIf: successConditions(candidate),
    read: reads(candidate, intent),
  };
  return { rule, ...(apiHost && { apiHost }), ...(route && { route }) };
}

/**
 * The record page route, when the page moved to an address naming the new id during the window
 * (`/contacts/57`, `#/contacts/57`, `card.php?id=57`): the id becomes the route's `id` group.
 */
export function recordRoute(candidate: Candidate, window: readonly TaughtExchange[], kind: string, id: string): Route | undefined {
  const before = candidate.exchange.pageUrlBefore;
  const after = [candidate.exchange, ...window.filter((e) => e.at >= candidate.exchange.at)]
    .map((e) => e.pageUrlAfter)
    .find((url): url is string => url !== undefined && url !== before && addressNames(url, candidate.id.value));
  // A form post's landing id was checked place by place already (`socid=1` before, `?id=1` after).
  if (!after || (!candidate.landing && addressNames(before, candidate.id.value))) return undefined;
  const url = new URL(after);
  const shape = candidate.id.shape;
  const value = candidate.id.value;
  const routeOf = (text: string, lead: string) => {
    const parts = text.slice(lead.length).split('/');
    const at = parts.findIndex((part) => safeDecode(part) === value);
    if (at < 0) return undefined;
    const fixed = parts.every((part, i) => i === at || !dynamicShape(part));
    const pattern = parts.map((part, i) => (i === at ? idPattern(shape, true) : escapeRegex(part))).join('/');
    const template = parts.map((part, i) => (i === at ? '{id}' : part)).join('/');
    return { pattern: `^${escapeRegex(lead)}${pattern}/?$`, template: fixed ? `${lead}${template}` : undefined };
  };
  const base = { id, kind, type: 'record' as const, testUrls: [after] };
  const inPath = routeOf(url.pathname, '/');
  if (inPath) return { ...base, path: inPath.pattern, ...(inPath.template && { recordUrl: [inPath.template] }) };
  if (url.hash.startsWith('#')) {
    const lead = url.hash.startsWith('#/') ? '#/' : url.hash.startsWith('#!/') ? '#!/' : '#';
    const inHash = routeOf(url.hash, lead);
    if (inHash) {
      const template = inHash.template && `${url.pathname}${inHash.template}`;
      return { ...base, path: `^${escapeRegex(url.pathname)}$`, hash: inHash.pattern, ...(template && { recordUrl: [template] }) };
    }
  }
  const param = [...url.searchParams.entries()].find(([, v]) => v === value)?.[0];
  if (param && /^[\w.-]{1,40}$/.test(param)) {
    const others = [...url.searchParams.entries()].filter(([k, v]) => k !== param && /^[\w.-]{1,40}$/.test(k) && /^[\w.-]{1,60}$/.test(v));
    const template = `${url.pathname}?${[...others.map(([k, v]) => `${k}=${v}`), `${param}={id}`].join('&')}`;
    return {
      ...base,
      path: `^${escapeRegex(url.pathname)}$`,
      search: `[?&]${escapeRegex(param)}=${idPattern(shape, true)}(?:&|$)`,
      recordUrl: [template],
    };
  }
  return undefined;
}

function addressNames(address: string, id: string): boolean {
  try {
    const url = new URL(address);
    return [...url.pathname.split('/'), ...url.hash.split(/[/#!?&=]/), ...url.searchParams.values()].some((part) => safeDecode(part) === id);
  } catch {
    return false;
  }
}

/** The call's name for the rep ("partner.create", "createContact"), when it has one. */
export function taughtCallName(candidate: Candidate): string | undefined {
  return callName(candidate.request);
}

/** Paths of the request that carry the id of an existing record (for the edit check). */
export function requestIdPaths(request: unknown, id: string): string[] {
  return walk(request)
    .filter((node) => (typeof node.value === 'string' || typeof node.value === 'number') && String(node.value) === id)
    .map((node) => node.path);
}
