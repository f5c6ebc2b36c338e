import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import type { RecordSender } from './send';
import { createFormAt, detectFromRouteChange } from '@/lib/crm/engine';

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

/**
 * The note the background kept for this tab when a create form was submitted with a full page
 * load (server-rendered CRMs post and redirect). It lives in the extension's storage, never in
 * the page's, so a page script cannot write one.
 */
async function takeFormNote(): Promise<{ url?: unknown; hasEmail?: boolean } | undefined> {
  try {
    // The background wrote it from the browser's own sender URL; the caller checks its shape.
    return ((await browser.runtime.sendMessage({ type: 'take-form-submitted' })) as { data?: { url?: unknown; hasEmail?: boolean } } | undefined)?.data;
  } catch {
    // the extension is reloading: no note
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

  const loadedAt = lastUrl;
  // A form posted by a full page load: no request of the page could have reported it.
  void takeFormNote().then((note) => {
    if (typeof note?.url === 'string' && ctx.isValid) sender.strong(detectFromRouteChange(adapter, note.url, loadedAt, { hasEmail: note.hasEmail }));
  });

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
    (event) => {
      // A submit the page dispatched itself is not the rep's.
      if (!event.isTrusted || !createFormAt(adapter, location.href)) return;
      try {
        void browser.runtime.sendMessage({ type: 'form-submitted', ...(formHasEmail !== undefined && { hasEmail: formHasEmail }) }).catch(() => undefined);
      } catch {
        // the extension is reloading: the SPA signals still work
      }
    },
    { capture: true },
  );
}
