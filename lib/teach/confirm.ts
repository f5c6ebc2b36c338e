import type { AdapterInput, Condition } from '@/lib/crm/adapter-schema';
import { idPattern, idShape, type IdFound } from './find';
import { landingPattern, placesOf, type Place } from './forms';
import { escapeRegex as escape, safeDecode as decoded } from './generalise';
import type { TaughtExchange } from './recording';

/**
 * Server-rendered apps often count a record only once the rep confirms it: a GET link on the
 * record's page (Dolibarr's `card.php?id=12&action=confirm_validate&confirm=yes`) that the server
 * answers with a redirect back to the card. In a lesson that is a followed link the browser was
 * redirected from, whose address says "confirm" or "validate" and names the record of the page the
 * link was on. It becomes a GET navigation rule that reads the id from the link; the amount stays
 * with the form that created the record (an `observeOnly` rule), as hand-written adapters do.
 */

type NetworkRule = NonNullable<AdapterInput['network']>[number];

/** Words of an address that say it confirms something. */
const CONFIRMING = /confirm|valid|approv/i;
const PARAM = /^[A-Za-z_][\w-]{0,39}$/;
const VALUE = /^[\w.-]{1,60}$/;
/** Words of a confirming value that are not the action's own name (`confirm_validate` → Validate). */
const FILLER = /^(confirm|confirmed|yes|do|action|true|1)$/i;

export interface Confirmation {
  exchange: TaughtExchange;
  /** Position in the window (time order). */
  index: number;
  /** The confirmed record's id, where the link names it. */
  id: IdFound;
  place: Place;
  /** Query parameters that say it confirms (`action=confirm_validate`, `confirm=yes`), the telling one first. */
  says: Array<{ name: string; value: string }>;
  /** A path segment that says it (`/orders/12/validate`), when the query says nothing. */
  pathSays?: string;
}

function parse(url: string | undefined): URL | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The confirmations of a lesson, best first: a followed link answered by a redirect, whose address
 * says it confirms and names the record the page it was on showed. One that confirms a record
 * created in the lesson (`created`) goes first, then the latest.
 */
export function findConfirmations(window: readonly TaughtExchange[], created: ReadonlySet<string>): Confirmation[] {
  const ordered = [...window].sort((a, b) => a.at - b.at);
  const found: Confirmation[] = [];
  ordered.forEach((exchange, index) => {
    if (!exchange.navigation?.redirected || exchange.method.toUpperCase() !== 'GET') return;
    const url = parse(exchange.url);
    const before = parse(exchange.pageUrlBefore);
    const landing = parse(exchange.pageUrlAfter);
    if (!url || !before || !landing || url.origin !== before.origin || landing.origin !== url.origin) return;
    const says = [...url.searchParams]
      .filter(([name, value]) => PARAM.test(name) && VALUE.test(value) && !idShape(value) && (CONFIRMING.test(name) || CONFIRMING.test(value)))
      .map(([name, value]) => ({ name, value }))
      .sort((a, b) => Number(CONFIRMING.test(b.value)) - Number(CONFIRMING.test(a.value)));
    const pathSays = says.length === 0 ? url.pathname.split('/').map(decoded).find((segment) => CONFIRMING.test(segment) && VALUE.test(segment)) : undefined;
    if (says.length === 0 && pathSays === undefined) return;
    // The record is the one the page the link was on names, where the link names it too.
    const shown = new Set(placesOf(before).map(({ value }) => value));
    const ids = placesOf(url)
      .filter(({ value, place }) => idShape(value) !== undefined && shown.has(value) && !(place.in === 'query' && !PARAM.test(place.param)))
      .sort((a, b) => Number(created.has(b.value)) - Number(created.has(a.value)) || idNamed(b.place) - idNamed(a.place));
    const best = ids[0];
    const shape = best && idShape(best.value);
    if (!best || !shape) return;
    const source = best.place.in === 'query' ? ({ from: 'request', path: best.place.param } as const) : ({ from: 'url', group: 'id' } as const);
    found.push({ exchange, index, id: { value: best.value, shape, source, rank: 0 }, place: best.place, says, ...(pathSays !== undefined && { pathSays }) });
  });
  return found.sort((a, b) => Number(created.has(b.id.value)) - Number(created.has(a.id.value)) || b.index - a.index);
}

function idNamed(place: Place): number {
  return place.in === 'query' && /id$/i.test(place.param) ? 1 : 0;
}

/** The link as the rep knows it: "Validate" from `action=confirm_validate`, "Approve" from `/approve`. */
export function confirmationLabel(confirmation: Pick<Confirmation, 'says' | 'pathSays'>): string {
  const text = confirmation.says[0]?.value ?? confirmation.pathSays ?? 'confirm';
  const words = text.split(/[_.-]+/).filter((word) => word !== '');
  const word = words.find((w) => !FILLER.test(w)) ?? words[0] ?? 'confirm';
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** The part of the rule that names the call, as the rep reads it (`action=confirm_validate`). */
export function confirmationName(confirmation: Pick<Confirmation, 'says' | 'pathSays'>): string {
  const first = confirmation.says[0];
  return first ? `${first.name}=${first.value}` : (confirmation.pathSays ?? '');
}

const host = (url: URL) => `^${url.protocol === 'http:' ? 'http' : 'https'}://[^/?#]+`;

/** The link's path with ids as patterns (the record's id as the `id` group when the path names it). */
function pathPattern(url: URL, place: Place | undefined): string {
  return url.pathname
    .split('/')
    .map((segment, index) => {
      const shape = idShape(decoded(segment));
      if (place?.in === 'path' && place.index === index && shape) return idPattern(shape, true);
      return shape ? idPattern(shape) : escape(segment);
    })
    .join('/');
}

/** Where the confirmation lands: the record's page (its id as `id`), or the same kind of page. */
function landingOf(confirmation: Confirmation): string {
  const landing = new URL(confirmation.exchange.pageUrlAfter!);
  const named = placesOf(landing).find(({ value }) => value === confirmation.id.value);
  if (named) return landingPattern(landing.href, { found: confirmation.id, place: named.place });
  return `${host(landing)}${pathPattern(landing, undefined)}/?(?:[?#]|$)`;
}

/**
 * The confirmation as a rule: a GET navigation to the link's path with its telling parameter, its
 * parameters that say "confirm" as conditions, the id read from the link, landing on a page of the
 * same shape as the lesson's.
 */
export function confirmationRule(confirmation: Confirmation, ruleId: string, kind: string): NetworkRule {
  const url = new URL(confirmation.exchange.url);
  const first = confirmation.says[0];
  const query = first ? `\\?(?:[^#]*&)?${escape(first.name)}=${escape(first.value)}(?:[&#]|$)` : '/?(?:[?#]|$)';
  const when: Condition[] = confirmation.says.map(({ name, value }) => ({ from: 'request', path: name, op: 'eq', value }));
  return {
    id: ruleId,
    methods: ['GET'],
    url: `${host(url)}${pathPattern(url, confirmation.place)}${query}`,
    format: 'form',
    kind,
    navigation: { landing: landingOf(confirmation) },
    ...(when.length > 0 && { when }),
    read: { recordId: [confirmation.id.source] },
  };
}
