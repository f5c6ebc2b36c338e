import { amountPaths, emailPaths, idsIn, scalarsOf, type IdFound } from './find';
import { formatOf, graphqlOperation, graphqlRootField, isObject, parseJson, readRequest, rpcCall, type TaughtFormat } from './bodies';
import { landingId, type LandingId } from './forms';
import { markerId, type MarkerFound } from './marker';
import type { TaughtExchange, TeachIntent } from './recording';

/**
 * Which exchange of the teaching window was the save: a non-GET request answered with a new id,
 * preferably one that carries the values the rep typed. Pages make many other calls meanwhile —
 * polling, analytics beacons, a note or activity posted right after the save — and those are
 * ranked down or left out, with the reasons kept for the proposal.
 */

export type Reason =
  | 'typed-email'
  | 'typed-amount'
  | 'has-email'
  | 'has-amount'
  | 'opened-record'
  | 'message-link'
  | 'create-name'
  | 'other-call-name'
  | 'repeated'
  | 'beacon'
  | 'follow-up'
  | 'empty-request';

export interface Candidate {
  exchange: TaughtExchange;
  /** Position in the window (time order). */
  index: number;
  score: number;
  reasons: Reason[];
  format: TaughtFormat;
  request: unknown;
  response: unknown;
  /** The new record's id and where the answer carries it. */
  id: IdFound;
  /** A native form submission: where the landing address names the new id. */
  landing?: LandingId;
  /** A native form submission sent back to the page it came from: the link in that page's message names the new id. */
  marker?: MarkerFound;
}

const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEACON = /(^|[/._-])(collect|beacon|analytics|track(ing)?|telemetry|metrics|pixel|log|logs|events?|heartbeat|ping|rum|stats)([/._-]|$)/i;
const CREATE_NAME = /(create|add|new|insert|save|register|enrol|enroll)/i;
const OTHER_NAME = /(update|write|edit|delete|remove|log|track|poll|heartbeat|read|search|list|fetch|get|count|notify|activity|message)/i;

function failedAnswer(format: TaughtFormat, response: unknown): boolean {
  if (!isObject(response)) return false;
  if (format === 'graphql' || Array.isArray(response.errors)) return Array.isArray(response.errors) && response.errors.length > 0;
  if (response.error !== undefined && response.error !== null && response.error !== false) return true;
  return response.success === false || response.ok === false;
}

/** The call's own name: JSON-RPC method or GraphQL mutation field, when it has one. */
export function callName(request: unknown): string | undefined {
  const operation = graphqlOperation(request);
  if (operation) return graphqlRootField(operation.query) ?? operation.operationName;
  return rpcCall(request)?.name;
}

/** Method and path with ids blurred: the same endpoint polled again looks the same. */
function endpointKey(exchange: TaughtExchange, request: unknown): string {
  let path = exchange.url;
  try {
    path = new URL(exchange.url).pathname.replace(/\/\d+(?=\/|$)/g, '/#');
  } catch {
    // keep the raw address
  }
  return `${exchange.method.toUpperCase()} ${path} ${callName(request) ?? ''}`;
}

function idInAddress(url: string | undefined, id: string): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    const parts = [...parsed.pathname.split('/'), ...parsed.searchParams.values(), ...parsed.hash.split(/[/#?&=]/)];
    return parts.some((part) => part === id);
  } catch {
    return false;
  }
}

/** Candidates for the create call, best first. An empty list: nothing in the window created a record. */
export function rankCandidates(exchanges: readonly TaughtExchange[], intent: TeachIntent): Candidate[] {
  const ordered = [...exchanges].sort((a, b) => a.at - b.at);
  const parsed = ordered.map((exchange) => ({ exchange, request: readRequest(exchange.requestBody).value, response: parseJson(exchange.responseBody) }));
  const endpointCounts = new Map<string, number>();
  for (const { exchange, request } of parsed) {
    const key = endpointKey(exchange, request);
    endpointCounts.set(key, (endpointCounts.get(key) ?? 0) + 1);
  }
  const candidates: Candidate[] = [];
  const createdIds = new Set<string>();
  parsed.forEach(({ exchange, request, response }, index) => {
    const method = exchange.method.toUpperCase();
    if (NO_BODY_METHODS.has(method) || exchange.status < 200 || exchange.status > 299) return;
    const format = exchange.navigation ? 'form' : formatOf(exchange.requestBody, response);
    if (failedAnswer(format, response)) return;
    const known = scalarsOf(request, exchange.url);
    // A form submission has no answer to read: the page it was redirected to names the new id.
    const landing = exchange.navigation ? landingId(exchange, formFields(request)) : undefined;
    const marker = exchange.navigation && !landing && isObject(request) ? markerId(exchange, request as Record<string, string>) : undefined;
    const id = exchange.navigation ? (landing?.found ?? marker?.found) : idsIn(response, exchange.responseHeaders).find((found) => !known.has(found.value));
    if (!id) return;
    const reasons: Reason[] = [];
    let score = 10;
    const add = (reason: Reason, points: number) => {
      reasons.push(reason);
      score += points;
    };
    if (intent.email !== undefined) {
      if (emailPaths(request, intent.email).length > 0) add('typed-email', 50);
    } else if (intent.kind === 'contact' && emailPaths(request, undefined).length > 0) add('has-email', 15);
    if (intent.amount !== undefined) {
      if (amountPaths(request, intent.amount).length > 0) add('typed-amount', 40);
      else if (amountPaths(response, intent.amount).length > 0) add('typed-amount', 20);
    } else if ((intent.kind === 'order' || intent.kind === 'quote') && amountPaths(request, undefined).length > 0) add('has-amount', 10);
    if (idInAddress(exchange.pageUrlAfter, id.value) && !idInAddress(exchange.pageUrlBefore, id.value)) add('opened-record', 30);
    if (marker) add('message-link', 20);
    const name = callName(request);
    if (name && CREATE_NAME.test(name)) add('create-name', 10);
    else if (name && OTHER_NAME.test(name)) add('other-call-name', -15);
    if ((endpointCounts.get(endpointKey(exchange, request)) ?? 0) >= 3) add('repeated', -30);
    if (BEACON.test(safePath(exchange.url))) add('beacon', -40);
    if ([...known].some((value) => createdIds.has(value))) add('follow-up', -35);
    if (request === undefined) add('empty-request', -10);
    createdIds.add(id.value);
    candidates.push({ exchange, index, score, reasons, format, request, response, id, ...(landing && { landing }), ...(marker && { marker }) });
  });
  return candidates.sort((a, b) => b.score - a.score || a.index - b.index);
}

/**
 * The id fields of a form submission (an edit posts `id=57` or `socid=4`). Other fields are left
 * out: a `client=1` or a `type=3` must not hide a new record that happens to get the same number.
 */
function formFields(request: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (isObject(request)) {
    for (const [key, value] of Object.entries(request)) if (/id$/i.test(key) && typeof value === 'string') fields[key] = value;
  }
  return fields;
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
