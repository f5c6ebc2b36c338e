import type { PagePlan } from '@/lib/crm/page-plan';
import type { PageSignal } from '@/lib/crm/page-signals';
import { planMatches } from './page-plan';

type NavigationSignal = PageSignal & { kind: 'navigation' };

/** Whether a network rule of the plan names this navigation (method and URL only, as the hook decides). */
function named(plan: PagePlan, method: string, url: string): boolean {
  return (plan.navigations ?? []).some((rule) => rule.methods.includes(method) && planMatches(rule.url, url));
}

/**
 * A native form submission a rule names (or any on the page's origin during a teaching window),
 * with its fields; undefined for any other. The fields are
 * those the browser sends (FormData: named, enabled controls, hidden and read-only ones included,
 * where servers pre-fill amounts and currencies). They go to the background once
 * (it reads ids, amounts and whether an email was given) and are not kept.
 */
export function submittedForm(plan: PagePlan, event: SubmitEvent, pageUrl: string, hasEmail?: boolean): NavigationSignal | undefined {
  const form = event.target as HTMLFormElement;
  // Read through the prototype: a control named `action` or `method` (Dolibarr's forms all have
  // `<input name="action">`) shadows the form's own property. A submit button's own `formaction`
  // is not followed (CRM forms post where the form says; a rule would not name it, so nothing counts).
  const own = (name: 'action' | 'method') => Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, name)!.get!.call(form) as string;
  const method = own('method').toUpperCase();
  const url = new URL(own('action'));
  // A file field would read as "[object File]": its name and content never leave the page.
  const body = new URLSearchParams(new FormData(form, event.submitter) as unknown as string[][]).toString();
  if (method === 'GET') url.search = body;
  // A form larger than the background takes (MAX_FORM_BYTES) is refused there, counting nothing.
  // While the rep teaches on this tab, every submission to the page's own origin goes (a sign-in
  // form never does): the background learns the save from it and the page it lands on.
  return named(plan, method, url.href) || (plan.hook.teach && url.origin === location.origin && !form.querySelector('[type=password]')) ? { kind: 'navigation', via: 'form', method: method as 'GET' | 'POST', url: url.href, body, pageUrl, hasEmail } : undefined;
}

/**
 * A link a rule names (a confirmation such as `?action=confirm_validate&confirm=yes`), followed in
 * this tab; while the rep teaches on this tab, any link to the page's own origin (the lesson may be
 * a confirmation).
 */
export function followedLink(plan: PagePlan, anchor: HTMLAnchorElement, event: MouseEvent, pageUrl: string): NavigationSignal | undefined {
  if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || (anchor.target && anchor.target !== '_self')) return undefined;
  return named(plan, 'GET', anchor.href) || (plan.hook.teach && anchor.origin === location.origin) ? { kind: 'navigation', via: 'link', method: 'GET', url: anchor.href, pageUrl } : undefined;
}
