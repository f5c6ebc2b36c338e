import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PagePlan } from '@/lib/crm/page-plan';
import type { PageSignal } from '@/lib/crm/page-signals';
import { onCreateForm } from './page-plan';
import { followedLink as namedLink, submittedForm } from './navigations';

/** A link followed within this long opens the page it names: an existing record, not a new one. */
const LINK_WINDOW_MS = 5_000;
/**
 * A route change only suggests a create; the page's own request proves it and names the kind. It
 * goes to the background this much later, so a request about the same record arrives first.
 */
const ROUTE_SIGNAL_DELAY_MS = 1_000;

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
 * Watches in-page navigation (a create form followed by the new record's page) and create forms
 * submitted with a full page load. While a create form is open it notes whether its email input
 * is filled, a yes/no only, never the value.
 */
export function watchRoutes(ctx: ContentScriptContext, plan: PagePlan, send: (signal: PageSignal) => void): void {
  let lastUrl = location.href;
  let formHasEmail: boolean | undefined;
  const isCreateForm = (href: string) => onCreateForm(plan, href);

  // A link followed from a create form (e.g. "recently viewed") opens an existing record.
  let followedLink: { href: string; at: number } | undefined;
  ctx.addEventListener(
    document,
    'click',
    (event) => {
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      followedLink = { href: anchor.href, at: Date.now() };
      const confirmation = event.isTrusted && namedLink(plan, anchor, event as MouseEvent, location.href);
      if (confirmation) send(confirmation);
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
    const signal: PageSignal = { kind: 'route', from: lastUrl, to: newUrl };
    if (formHasEmail !== undefined) signal.hasEmail = formHasEmail;
    if (cameFromLink(newUrl)) signal.viaLink = true;
    lastUrl = newUrl;
    ctx.setTimeout(() => send(signal), ROUTE_SIGNAL_DELAY_MS);
    if (!isCreateForm(newUrl)) formHasEmail = undefined;
  };
  ctx.addEventListener(window, 'wxt:locationchange', (event) => onChange(event.newUrl.href));
  ctx.addEventListener(window, 'popstate', () => onChange(location.href));
  ctx.addEventListener(window, 'hashchange', () => onChange(location.href));

  if (plan.emailInputs.length > 0) {
    const selector = plan.emailInputs.join(',');
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

  // Listened to on every page: a teaching window may open on any of them.
  ctx.addEventListener(
    document,
    'submit',
    (event) => {
      // A submit the page dispatched itself is not the rep's.
      if (!event.isTrusted) return;
      // A submission a rule names goes with its fields; the background notes it for the next page.
      const named = submittedForm(plan, event as SubmitEvent, location.href, formHasEmail);
      if (named) return send(named);
      if (!isCreateForm(location.href)) return;
      // Async: a throw from an extension that is reloading becomes a rejection, never the page's error.
      void (async () => browser.runtime.sendMessage({ type: 'form-submitted', ...(formHasEmail !== undefined && { hasEmail: formHasEmail }) }))().catch(() => undefined);
    },
    { capture: true },
  );
}
