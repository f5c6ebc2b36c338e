import type { AdapterInput, Condition } from '@/lib/crm/adapter-schema';
import { idPattern, idShape, type IdFound } from './find';
import { escapeRegex as escape, safeDecode as decoded } from './generalise';
import type { TaughtExchange } from './recording';

/**
 * Server-rendered apps: the save is a native form POST the server answers with a redirect to the
 * new record (`/contact/card.php?id=57`). The id is the one the landing address names and the
 * form's own page, its action and its fields did not; the rule waits for a landing page of the
 * same shape, and reads the submitted fields.
 */

type NetworkRule = NonNullable<AdapterInput['network']>[number];

const SAFE_NAME = /^[\w.-]{1,40}$/;

/** Where a landing address names a value: a path segment or a query parameter. */
export type Place = { in: 'path'; index: number } | { in: 'query'; param: string };

export function placesOf(url: URL): Array<{ value: string; place: Place }> {
  const places: Array<{ value: string; place: Place }> = [];
  url.pathname.split('/').forEach((segment, index) => segment && places.push({ value: decoded(segment), place: { in: 'path', index } }));
  for (const [param, value] of url.searchParams) if (SAFE_NAME.test(param)) places.push({ value, place: { in: 'query', param } });
  return places;
}

export interface LandingId {
  found: IdFound;
  place: Place;
}

/** Fields that name the record a form edits, whatever the landing address calls it. */
const RECORD_ID_FIELD = /^(id|rowid|record_?id)$/i;

/**
 * Whether the rep's submission already named this value at this place: an edit posts `id=57` (or
 * its form's address says `?id=57`) and lands on `?id=57`. A value in a field or parameter of
 * another name (`socid=1` of the customer) does not hide a new record that happens to get the same
 * number (`?id=1` of the new order): ids of different tables run on their own.
 */
export function namedBefore(value: string, place: Place, sent: { fields: Record<string, string>; urls: URL[] }): boolean {
  if (place.in === 'path') {
    return sent.urls.some((url) => url.pathname.split('/').some((segment) => decoded(segment) === value)) || Object.values(sent.fields).includes(value);
  }
  if (sent.fields[place.param] === value) return true;
  if (Object.entries(sent.fields).some(([key, field]) => RECORD_ID_FIELD.test(key) && field === value)) return true;
  return sent.urls.some((url) => url.searchParams.get(place.param) === value || url.pathname.split('/').some((segment) => decoded(segment) === value));
}

/**
 * The new record's id on the page the submission landed on: a value of id shape the landing
 * address names and the rep's submission did not name at that place (the form's page, its action,
 * its fields). A query parameter named like an id is preferred to one that is not.
 */
export function landingId(exchange: TaughtExchange, fields: Record<string, string> = {}): LandingId | undefined {
  if (!exchange.navigation?.redirected || exchange.pageUrlAfter === undefined) return undefined;
  let landing: URL;
  try {
    landing = new URL(exchange.pageUrlAfter);
  } catch {
    return undefined;
  }
  const urls: URL[] = [];
  for (const address of [exchange.pageUrlBefore, exchange.url]) {
    try {
      urls.push(new URL(address));
    } catch {
      // an address that does not parse names nothing
    }
  }
  const fresh = placesOf(landing)
    .map(({ value, place }) => ({ value, place, shape: idShape(value) }))
    .filter((entry) => entry.shape !== undefined && !namedBefore(entry.value, entry.place, { fields, urls }));
  fresh.sort((a, b) => idNamed(b.place) - idNamed(a.place));
  const best = fresh[0];
  if (!best?.shape) return undefined;
  return { found: { value: best.value, shape: best.shape, source: { from: 'landing', group: 'id' }, rank: 0 }, place: best.place };
}

function idNamed(place: Place): number {
  return place.in === 'query' && /(^|_)id$|id$/i.test(place.param) ? 1 : 0;
}

/**
 * The landing address as `navigation.landing`: its path with the new id as the `id` group (other
 * ids as patterns), and the parameter that names it when the id is in the query — in any order
 * among the others (`?id=57`, `?mainmenu=x&id=57`).
 */
export function landingPattern(landingUrl: string, id: LandingId): string {
  const url = new URL(landingUrl);
  const group = idPattern(id.found.shape, true);
  const path = url.pathname
    .split('/')
    .map((segment, index) => {
      if (id.place.in === 'path' && index === id.place.index) return group;
      const shape = idShape(decoded(segment));
      return shape ? idPattern(shape) : escape(segment);
    })
    .join('/');
  const host = `^${url.protocol === 'http:' ? 'http' : 'https'}://[^/?#]+`;
  if (id.place.in === 'path') return `${host}${path}/?(?:[?#]|$)`;
  return `${host}${path}\\?(?:[^#]*&)?${escape(id.place.param)}=${group}(?:[&#]|$)`;
}

/** Form fields that say which save a shared form action is (Dolibarr's `action=add` / `update`). */
const MODE_FIELDS = ['action', 'mode', 'op', 'operation', 'cmd', 'command', 'do', 'task', 'event', 'submit_action'];
const CREATE_VALUE = /^(add|create|new|insert|creat\w*|add_?\w{0,20}|new_?\w{0,20})$/i;

/**
 * What tells a create from an edit in the submitted fields, where the form has such a field: a
 * mode field whose value says "add" or "create", else an id field the create left empty (the
 * edit of the same form fills it). Nothing when the form shows neither: the edit check can still
 * narrow the rule from an edit's fields.
 */
export function formCreateIf(fields: Record<string, string>): Condition[] {
  for (const key of MODE_FIELDS) {
    const value = fields[key];
    if (value !== undefined && CREATE_VALUE.test(value)) return [{ from: 'request', path: key, op: 'eq', value }];
  }
  const emptyId = Object.keys(fields).find((key) => SAFE_NAME.test(key) && /^(id|rowid|record_?id)$/i.test(key) && fields[key] === '');
  return emptyId ? [{ from: 'request', path: emptyId, op: 'empty' }] : [];
}

/** The parts of a form rule that differ from a fetch/XHR rule. */
export function formRuleParts(exchange: TaughtExchange, id: LandingId, fields: Record<string, string>): Pick<NetworkRule, 'navigation' | 'createIf'> {
  const createIf = formCreateIf(fields);
  return { navigation: { landing: landingPattern(exchange.pageUrlAfter!, id) }, ...(createIf.length > 0 && { createIf }) };
}
