import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { idPattern, idShape, type IdFound } from './find';
import { landingId, namedBefore, placesOf, type Place } from './forms';
import { escapeRegex as escape, safeDecode as decoded } from './generalise';
import type { LandingElement, LandingLink } from './landing-links';
import type { TaughtExchange } from './recording';

/**
 * A save that sends the browser back to the page it came from (a contact added from a company's
 * tab lands on the company again): the landing address names no new record, but the app's message
 * on that page links to it. The message is what a reload does not show again, so the rule counts
 * the save when the page it lands on shows that message, and reads the id from its link. Learned
 * only from a link inside an element that is a message by its role or its class (`role=status`,
 * `.alert`, `.notice`, …), whose id the rep's submission did not name: a list of records the page
 * always shows would count something at every visit.
 */

type DomRule = NonNullable<AdapterInput['dom']>[number];

const MESSAGE_CLASS = /(^|[-_])(notif\w*|message|msg|alert|success|flash|toast|notice|jnotify|status|feedback|callout|banner)($|[-_])/i;
const MESSAGE_ROLE = new Set(['status', 'alert', 'log']);
const IDENT = /^[A-Za-z_-][\w-]{0,39}$/;

export interface MarkerFound {
  found: IdFound;
  link: LandingLink;
  /** The message element around the link: how many levels up. */
  depth: number;
  place: Place;
}

function isMessage(element: LandingElement): boolean {
  return (element.role !== undefined && MESSAGE_ROLE.has(element.role)) || element.live === true || element.classes.some((name) => MESSAGE_CLASS.test(name));
}

/**
 * The new record on a landing page whose address names none: the id in a link inside the page's
 * message, that neither the form's fields, its page, its action nor the landing address named.
 */
export function markerId(exchange: TaughtExchange, fields: Record<string, string>): MarkerFound | undefined {
  if (!exchange.navigation?.redirected || exchange.pageUrlAfter === undefined || !exchange.landingLinks) return undefined;
  const urls: URL[] = [];
  for (const address of [exchange.pageUrlBefore, exchange.url, exchange.pageUrlAfter]) {
    try {
      urls.push(new URL(address));
    } catch {
      // an address that does not parse names nothing
    }
  }
  for (const link of exchange.landingLinks) {
    const depth = link.holders.findIndex(isMessage);
    if (depth < 0) continue;
    let url: URL;
    try {
      url = new URL(link.href, exchange.pageUrlAfter);
    } catch {
      continue;
    }
    const ids = placesOf(url)
      .filter(({ value, place }) => idShape(value) !== undefined && !namedBefore(value, place, { fields, urls }) && (place.in === 'path' || IDENT.test(place.param)))
      .sort((a, b) => Number(b.place.in === 'query' && /id$/i.test(b.place.param)) - Number(a.place.in === 'query' && /id$/i.test(a.place.param)));
    const best = ids[0];
    const shape = best && idShape(best.value);
    if (!best || !shape) continue;
    return { found: { value: best.value, shape, source: { from: 'landing', group: 'id' }, rank: 0 }, link, depth, place: best.place };
  }
  return undefined;
}

function selectorOf(element: LandingElement): string {
  const tag = /^[a-z][a-z0-9-]{0,19}$/.test(element.tag) ? element.tag : '*';
  const classes = element.classes.filter((name) => IDENT.test(name) && !/\d{3}/.test(name)).map((name) => `.${name}`);
  const role = element.role ? `[role="${element.role}"]` : '';
  return `${tag}${classes.join('')}${role}`;
}

/** The DOM rule that reads the new record from the message's link. */
export function markerRule(marker: MarkerFound, id: string, kind: string): DomRule {
  const holder = marker.link.holders[marker.depth]!;
  const anchor = marker.link.anchor.classes.length > 0 ? selectorOf(marker.link.anchor) : 'a[href]';
  const url = new URL(marker.link.href, 'https://x.invalid/');
  const group = idPattern(marker.found.shape, true);
  let regex: string;
  if (marker.place.in === 'query') {
    regex = `[?&]${escape(marker.place.param)}=${group}(?:[&#]|$)`;
  } else {
    const segments = url.pathname.split('/');
    const before = segments[marker.place.index - 1];
    regex = `${before ? `/${escape(decoded(before))}` : ''}/${group}(?:[/?#]|$)`;
  }
  return { id, selector: selectorOf(holder), kind, visibleOnly: true, recordFrom: { from: 'element', selector: anchor, attribute: 'href', regex } };
}

/** The page the save lands on, as a pattern: its path, and the ids its query names as patterns (the company it went back to). */
export function landingShape(landingUrl: string): string {
  const url = new URL(landingUrl);
  const host = `^${url.protocol === 'http:' ? 'http' : 'https'}://[^/?#]+`;
  const path = url.pathname
    .split('/')
    .map((segment) => {
      const shape = idShape(decoded(segment));
      return shape ? idPattern(shape) : escape(segment);
    })
    .join('/');
  const param = [...url.searchParams].find(([name, value]) => IDENT.test(name) && idShape(value));
  if (!param) return `${host}${path}/?(?:[?#]|$)`;
  return `${host}${path}\\?(?:[^#]*&)?${escape(param[0])}=${idPattern(idShape(param[1])!)}(?:[&#]|$)`;
}

/**
 * A form post the browser was sent on from to another page than the form's own address, naming no
 * new record there: a save sent back where the rep came from (an edit lands on its record's card,
 * the address it posted to).
 */
export function sentBackUnnamed(exchange: TaughtExchange, fields: Record<string, string>): boolean {
  if (!exchange.navigation?.redirected || exchange.method.toUpperCase() !== 'POST' || exchange.pageUrlAfter === undefined) return false;
  try {
    if (new URL(exchange.pageUrlAfter).pathname === new URL(exchange.url).pathname) return false;
  } catch {
    return false;
  }
  return landingId(exchange, fields) === undefined;
}
