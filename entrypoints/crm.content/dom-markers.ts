import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PagePlan } from '@/lib/crm/page-plan';
import type { PageSignal } from '@/lib/crm/page-signals';
import { onCreateForm } from './page-plan';

const DEBOUNCE_MS = 120;
const MAX_PENDING = 300;

function isVisible(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return check ? check.call(element) : element.getClientRects().length > 0;
}

/**
 * Success markers (toasts) via one childList observer, connected only while a marker could
 * count: markers that need a create form are not watched on other pages at all. A mutation only
 * queues its added roots; once per burst each root is tested against one combined selector, and
 * only a root that holds a marker is looked into marker by marker. A hit goes to the background
 * with the marker's id and, where the plan says so, one attribute (never page text).
 */
export function watchDomMarkers(ctx: ContentScriptContext, plan: PagePlan, send: (signal: PageSignal) => void): void {
  const rules = plan.markers;
  if (rules.length === 0) return;
  const combined = rules.map((rule) => rule.selector).join(',');
  const anywhere = rules.some((rule) => !rule.requireCreateForm);
  const handled = new WeakSet<Element>();
  let queued: Element[] = [];
  let timer: number | undefined;
  let observing = false;

  const hitsIn = (root: Element): Array<PageSignal & { kind: 'marker' }> => {
    const isMarker = root.matches(combined);
    if (!isMarker && (root.firstElementChild === null || root.querySelector(combined) === null)) return [];
    const candidates = isMarker ? [root] : [];
    if (root.firstElementChild) candidates.push(...root.querySelectorAll(combined));
    const hits: Array<PageSignal & { kind: 'marker' }> = [];
    for (const marker of candidates) {
      if (handled.has(marker)) continue;
      for (const rule of rules) {
        if (!marker.matches(rule.selector)) continue;
        if (rule.visibleOnly && !isVisible(marker)) continue;
        handled.add(marker);
        const hit: PageSignal & { kind: 'marker' } = { kind: 'marker', rule: rule.id, url: location.href };
        if (rule.read) {
          const source = rule.read.selector ? marker.querySelector(rule.read.selector) : marker;
          const value = source?.getAttribute(rule.read.attribute);
          if (value) hit.value = value.slice(0, 4096);
        }
        hits.push(hit);
      }
    }
    return hits;
  };


  const flush = () => {
    timer = undefined;
    const batch = queued;
    queued = [];
    for (const element of batch) {
      if (!element.isConnected) continue;
      try {
        for (const hit of hitsIn(element)) send(hit);
      } catch {
        // an invalid selector in a user adapter must not break the page
      }
    }
  };

  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node.nodeType === 1 && queued.length < MAX_PENDING) queued.push(node as Element);
      }
    }
    if (queued.length > 0 && timer === undefined) timer = ctx.setTimeout(flush, DEBOUNCE_MS);
  });

  // The Navigation API announces a change before `location` has it: take the URL from the event.
  const update = (url: string) => {
    const wanted = anywhere || onCreateForm(plan, url);
    if (wanted === observing) return;
    observing = wanted;
    if (wanted) {
      observer.observe(document.documentElement, { childList: true, subtree: true });
    } else {
      observer.disconnect();
      queued = [];
    }
  };
  update(location.href);
  // What the page held before the plan arrived is looked at too, once: a server-rendered page
  // names what a form submission created in the page it answers with (a message after the
  // redirect), which no later mutation shows.
  if (observing) {
    queued.push(document.documentElement);
    timer = ctx.setTimeout(flush, DEBOUNCE_MS);
  }
  ctx.addEventListener(window, 'wxt:locationchange', (event) => update(event.newUrl.href));
  ctx.addEventListener(window, 'popstate', () => update(location.href));
  ctx.addEventListener(window, 'hashchange', () => update(location.href));
  ctx.onInvalidated(() => observer.disconnect());
}
