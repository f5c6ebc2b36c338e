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
        const hit = hitOf(rule, marker);
        if (hit) hits.push(hit);
      }
    }
    return hits;
  };
  const hitOf = (rule: PagePlan['markers'][number], marker: Element): (PageSignal & { kind: 'marker' }) | undefined => {
    if (!marker.matches(rule.selector)) return undefined;
    if (rule.visibleOnly && !isVisible(marker)) return undefined;
    handled.add(marker);
    const hit: PageSignal & { kind: 'marker' } = { kind: 'marker', rule: rule.id, url: location.href };
    if (rule.read) {
      const source = rule.read.selector ? marker.querySelector(rule.read.selector) : marker;
      const value = source?.getAttribute(rule.read.attribute);
      if (value) hit.value = value.slice(0, 4096);
    }
    return hit;
  };

  // Markers that name what a form submission created are in the page the server sent (a message
  // after a redirect), not added later: once the page is parsed, look for them where they stand.
  const landing = rules.filter((rule) => rule.landing);
  const scanLanding = () => {
    for (const rule of landing) {
      try {
        for (const marker of document.querySelectorAll(rule.selector)) {
          const hit = handled.has(marker) ? undefined : hitOf(rule, marker);
          if (hit) send(hit);
        }
      } catch {
        // an invalid selector in a user adapter must not break the page
      }
    }
  };
  if (landing.length > 0) {
    if (document.readyState === 'loading') ctx.addEventListener(document, 'DOMContentLoaded', scanLanding);
    else scanLanding();
  }

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
  ctx.addEventListener(window, 'wxt:locationchange', (event) => update(event.newUrl.href));
  ctx.addEventListener(window, 'popstate', () => update(location.href));
  ctx.addEventListener(window, 'hashchange', () => update(location.href));
  ctx.onInvalidated(() => observer.disconnect());
}
