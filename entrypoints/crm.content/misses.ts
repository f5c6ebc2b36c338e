import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { networkRuleApplies } from '@/lib/crm/engine';
import type { RecordSender } from './send';

/** After the URL-only grace period, so a record any signal reported is known by then. */
const ROUTE_MISS_DELAY_MS = 1500;
/** A generic create form, then the record page under the same path: …/new → …/{id}. */
const CREATE_FORM = /^(.*)\/(?:new|create)$/;

/**
 * Saves the page made that look like creates and that no rule counted, sent as content-free
 * notes (the path only): a request answered with a new id that no rule names, or a create form
 * followed by a record page whose id no signal reported.
 */
export function watchMisses(ctx: ContentScriptContext, adapter: AdapterInput, sender: RecordSender) {
  // A page cannot flood the rep's notes: a few per page are enough to show a miss.
  let left = 20;
  const note = (url: string, signal: 'request' | 'route') => {
    if (left-- <= 0) return;
    try {
      void browser.runtime.sendMessage({ type: 'missed-save', path: new URL(url).pathname, signal }).catch(() => {});
    } catch {
      // the extension was reloaded
    }
  };
  let last = location.pathname;
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    const form = CREATE_FORM.exec(last)?.[1];
    last = newUrl.pathname;
    const id = form !== undefined && newUrl.pathname.startsWith(`${form}/`) ? newUrl.pathname.slice(form.length + 1) : '';
    if (!/^[\w-]*\d[\w-]*$/.test(id)) return;
    ctx.setTimeout(() => {
      if (!sender.knows(id)) note(newUrl.href, 'route');
    }, ROUTE_MISS_DELAY_MS);
  });
  /** A probe from the page hook: a rule that names the request decided already, counted or not. */
  return (data: unknown) => {
    const probe = data as { type?: unknown; method?: unknown; url?: unknown };
    if (probe?.type !== 'probe' || typeof probe.method !== 'string' || typeof probe.url !== 'string' || probe.url.length > 4096) return;
    if (!probe.url.startsWith(`${location.origin}/`)) return;
    if ((adapter.network ?? []).some((rule) => networkRuleApplies(rule, probe.method as string, probe.url as string))) return;
    note(probe.url, 'request');
  };
}
