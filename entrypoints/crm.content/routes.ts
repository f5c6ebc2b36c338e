import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import type { RecordSender } from './send';
import { createFormAt, detectFromRouteChange } from '@/lib/crm/engine';

/** A create form submitted by a full page POST, remembered across the redirect. */
const PENDING_KEY = 'kpi-pacer:pending-create';
const PENDING_MAX_AGE_MS = 60_000;

const LINK_WINDOW_MS = 5_000;

function sameDestination(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname === y.pathname && x.search === y.search && x.hash === y.hash;
  } catch {
    return false;
  }
}

interface PendingCreate {
  url: string;
  at: number;
  hasEmail?: boolean;
}

function readPending(): PendingCreate | undefined {
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    if (!raw) return undefined;
    sessionStorage.removeItem(PENDING_KEY);
    const value = JSON.parse(raw) as Partial<PendingCreate>;
    if (typeof value.url !== 'string' || typeof value.at !== 'number') return undefined;
    if (Date.now() - value.at > PENDING_MAX_AGE_MS || value.at > Date.now()) return undefined;
    return { url: value.url, at: value.at, hasEmail: typeof value.hasEmail === 'boolean' ? value.hasEmail : undefined };
  } catch {
    return undefined;
  }
}

/**
 * Watches SPA route changes (create form → new record page), and create forms submitted with a
 * full page load. While a create form is open it notes whether its email input is filled,
 * a yes/no only, never the value.
 */
export function watchRoutes(ctx: ContentScriptContext, adapter: AdapterInput, sender: RecordSender): void {
  if ((adapter.routes ?? []).length === 0) return;
  let lastUrl = location.href;
  let formHasEmail: boolean | undefined;

  const pending = readPending();
  // A form posted by a full page load: no request of the page could have reported it.
  if (pending) sender.strong(detectFromRouteChange(adapter, pending.url, lastUrl, { hasEmail: pending.hasEmail }));

  // A link followed from a create form (e.g. "recently viewed") opens an existing record.
  let followedLink: { href: string; at: number } | undefined;
  ctx.addEventListener(
    document,
    'click',
    (event) => {
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (anchor instanceof HTMLAnchorElement) followedLink = { href: anchor.href, at: Date.now() };
    },
    { capture: true },
  );
  const cameFromLink = (newUrl: string) => {
    const link = followedLink;
    followedLink = undefined;
    return link !== undefined && Date.now() - link.at < LINK_WINDOW_MS && sameDestination(link.href, newUrl);
  };

  const onChange = (newUrl: string) => {
    if (newUrl === lastUrl) return;
    const prevUrl = lastUrl;
    lastUrl = newUrl;
    if (!cameFromLink(newUrl)) sender.weak(detectFromRouteChange(adapter, prevUrl, newUrl, { hasEmail: formHasEmail }));
    if (!createFormAt(adapter, newUrl)) formHasEmail = undefined;
  };
  ctx.addEventListener(window, 'wxt:locationchange', (event) => onChange(event.newUrl.href));
  ctx.addEventListener(window, 'popstate', () => onChange(location.href));
  ctx.addEventListener(window, 'hashchange', () => onChange(location.href));

  const emailSelectors = (adapter.routes ?? []).flatMap((r) => (r.type === 'create-form' && r.emailInput ? [r.emailInput] : []));
  if (emailSelectors.length > 0) {
    const selector = emailSelectors.join(',');
    const onInput = (event: Event) => {
      const target = event.target;
      if (!(target instanceof HTMLInputElement)) return;
      try {
        if (target.matches(selector)) formHasEmail = target.value.trim() !== '';
      } catch {
        // an invalid selector in a user adapter
      }
    };
    ctx.addEventListener(document, 'input', onInput, { capture: true });
    ctx.addEventListener(document, 'change', onInput, { capture: true });
  }

  ctx.addEventListener(
    document,
    'submit',
    () => {
      if (!createFormAt(adapter, location.href)) return;
      try {
        const value: PendingCreate = { url: location.href, at: Date.now(), hasEmail: formHasEmail };
        sessionStorage.setItem(PENDING_KEY, JSON.stringify(value));
      } catch {
        // storage unavailable: the SPA signals still work
      }
    },
    { capture: true },
  );
}
