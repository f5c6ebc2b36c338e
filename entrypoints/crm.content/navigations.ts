import { MAX_FORM_BYTES, type PagePlan } from '@/lib/crm/page-plan';
import type { PageSignal } from '@/lib/crm/page-signals';
import { planMatches } from './page-plan';

type NavigationSignal = PageSignal & { kind: 'navigation' };

const MAX_FIELDS = 300;
const SKIPPED_TYPES = new Set(['file', 'submit', 'button', 'image', 'reset']);

/**
 * A form's own property, read through the prototype: a control named `action`, `method` or
 * `elements` (Dolibarr's forms all have `<input name="action">`) shadows it on the form itself.
 */
function formProperty<K extends 'action' | 'method' | 'elements'>(form: HTMLFormElement, name: K): HTMLFormElement[K] {
  return Object.getOwnPropertyDescriptor(HTMLFormElement.prototype, name)!.get!.call(form) as HTMLFormElement[K];
}

/** Whether a network rule of the plan names this navigation (method and URL only, as the hook decides). */
function named(plan: PagePlan, method: string, url: string): boolean {
  return (plan.navigations ?? []).some((rule) => rule.methods.includes(method) && planMatches(rule.url, url));
}

/**
 * The fields a form submits, as the browser would send them: named, enabled controls, checked
 * boxes only, hidden and read-only ones included (servers pre-fill amounts and currencies there),
 * files left out. Read by hand rather than with `new FormData(form)`, which would fire the page's
 * own `formdata` listeners.
 */
function fieldsOf(form: HTMLFormElement, submitter: HTMLElement | null): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const element of formProperty(form, 'elements')) {
    if (fields.length >= MAX_FIELDS) break;
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) continue;
    if (!element.name || element.disabled || element.closest('fieldset:disabled')) continue;
    if (element instanceof HTMLSelectElement) {
      for (const option of element.selectedOptions) fields.push([element.name, option.value]);
      continue;
    }
    if (element instanceof HTMLInputElement) {
      if (SKIPPED_TYPES.has(element.type)) continue;
      if ((element.type === 'checkbox' || element.type === 'radio') && !element.checked) continue;
    }
    fields.push([element.name, element.value]);
  }
  if ((submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement) && submitter.name) fields.push([submitter.name, submitter.value]);
  return fields;
}

/**
 * A native form submission a rule names, with its fields; undefined for any other. The fields go
 * to the background once (it reads ids, amounts and whether an email was given) and are not kept.
 */
export function submittedForm(plan: PagePlan, event: SubmitEvent, pageUrl: string, hasEmail?: boolean): NavigationSignal | undefined {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return undefined;
  const submitter = event.submitter as (HTMLButtonElement | HTMLInputElement) | null;
  const overrides = submitter?.hasAttribute('formmethod') || submitter?.hasAttribute('formaction') ? submitter : undefined;
  const method = (overrides?.formMethod || formProperty(form, 'method')).toUpperCase();
  if (method !== 'GET' && method !== 'POST') return undefined;
  let url: URL;
  try {
    url = new URL(overrides?.formAction || formProperty(form, 'action'));
  } catch {
    return undefined;
  }
  const body = new URLSearchParams(fieldsOf(form, submitter)).toString();
  if (method === 'GET') url.search = body;
  if (!named(plan, method, url.href) || body.length > MAX_FORM_BYTES) return undefined;
  return {
    kind: 'navigation',
    via: 'form',
    method,
    url: url.href,
    ...(method === 'POST' && { body }),
    pageUrl,
    ...(hasEmail !== undefined && { hasEmail }),
  };
}

/** A link a rule names (a confirmation such as `?action=confirm_validate&confirm=yes`), followed in this tab. */
export function followedLink(plan: PagePlan, event: MouseEvent, pageUrl: string): NavigationSignal | undefined {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return undefined;
  const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return undefined;
  if (!named(plan, 'GET', anchor.href)) return undefined;
  return { kind: 'navigation', via: 'link', method: 'GET', url: anchor.href, pageUrl };
}
