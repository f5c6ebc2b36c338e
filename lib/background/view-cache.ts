import { browser } from 'wxt/browser';
import type { ViewData } from './view-data';
import { VIEW_CACHE_KEY } from './view-keys';

/**
 * The last view data the background computed, kept in `storage.session` (memory only, gone when
 * the browser closes) so a popup or sidebar can paint at once and then refresh from the
 * background. Session storage is open to extension pages only, never to content scripts: the
 * background does not widen its access level.
 *
 * Read by pages on their start path, so this module imports nothing heavier than the browser API.
 */

export async function writeViewCache(view: ViewData): Promise<void> {
  await browser.storage.session.set({ [VIEW_CACHE_KEY]: view });
}

/** The cached view data, or undefined when there is none or it does not look like view data. */
export async function readViewCache(): Promise<ViewData | undefined> {
  return viewFromStorage(browser.storage.session.get(VIEW_CACHE_KEY));
}

/** The view data in a `storage.session` read, or undefined (none, not view data, or no session storage). */
export async function viewFromStorage(read: Promise<Record<string, unknown>>): Promise<ViewData | undefined> {
  try {
    const stored = (await read)[VIEW_CACHE_KEY];
    return looksLikeViewData(stored) ? stored : undefined;
  } catch {
    // No session storage (an older browser): the page waits for the background instead.
    return undefined;
  }
}

/**
 * Only the background writes this key, so a shape check is enough to survive an older version's
 * leftovers after an update.
 */
export function looksLikeViewData(value: unknown): value is ViewData {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as Partial<ViewData>;
  return (
    typeof view.timeZone === 'string' &&
    typeof view.weekStart === 'number' &&
    typeof view.currency === 'string' &&
    typeof view.repName === 'string' &&
    typeof view.month?.key === 'string' &&
    Array.isArray(view.recent) &&
    typeof view.snapshot === 'object' &&
    view.snapshot !== null &&
    Array.isArray(view.snapshot.kpis)
  );
}
