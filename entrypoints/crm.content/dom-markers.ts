import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import type { DetectedRecord } from '@/lib/crm/record';
import { detectFromDomHit, type DomHit } from '@/lib/crm/engine';

const DEBOUNCE_MS = 120;
const MAX_PENDING = 300;

function isVisible(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return check ? check.call(element) : element.getClientRects().length > 0;
}

/**
 * Success markers (toasts) via one childList observer: a mutation only queues its added
 * elements; the work runs debounced, once per burst, against one combined selector.
 */
export function watchDomMarkers(ctx: ContentScriptContext, adapter: AdapterInput, send: (records: DetectedRecord[]) => void): void {
  const rules = adapter.dom ?? [];
  if (rules.length === 0) return;
  const combined = rules.map((rule) => rule.selector).join(',');
  const handled = new WeakSet<Element>();
  let queued: Element[] = [];
  let timer: number | undefined;

  const hitsIn = (root: Element): DomHit[] => {
    const hits: DomHit[] = [];
    const candidates = root.matches(combined) ? [root] : [];
    if (root.firstElementChild) candidates.push(...root.querySelectorAll(combined));
    for (const marker of candidates) {
      if (handled.has(marker)) continue;
      for (const rule of rules) {
        if (!marker.matches(rule.selector)) continue;
        if ((rule.visibleOnly ?? true) && !isVisible(marker)) continue;
        handled.add(marker);
        const hit: DomHit = { ruleId: rule.id, url: location.href };
        if (rule.recordFrom.from === 'element') {
          const source = rule.recordFrom.selector ? marker.querySelector(rule.recordFrom.selector) : marker;
          const value = source?.getAttribute(rule.recordFrom.attribute);
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
        for (const hit of hitsIn(element)) send(detectFromDomHit(adapter, hit));
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
  observer.observe(document.documentElement, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
}
