import { browser } from 'wxt/browser';
import type { ViewData } from './view-data';
import { VIEW_CACHE_KEY } from './view-keys';

/**
 * The reading side of the view data the background keeps in `storage.session` (memory only, gone
 * when the browser closes; the background writes it, see lib/background/view-cache.ts). Session
 * storage is open to extension pages only, never to content scripts: the background does not
 * widen its access level. Firefox treats the sidebar frame inside a CRM page like a content
 * script, so there every read fails and the sidebar asks the background instead.
 *
 * Read by pages on their start path, so this module imports nothing heavier than the browser API.
 */

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

type StorageChanges = Record<string, { newValue?: unknown }>;
type StorageListener = (changes: StorageChanges, area: string) => void;

/** The storage events a page follows the cache with; `browser.storage` fits it. */
export interface StorageEvents {
  onChanged: { addListener(listener: StorageListener): void; removeListener(listener: StorageListener): void };
}

/**
 * Calls `onView` with each view data the background caches from now on; returns how to stop.
 * Where the page cannot see session storage the browser reports no change, and nothing is called.
 */
export function onViewCached(onView: (view: ViewData) => void, events: StorageEvents = browser.storage): () => void {
  const listener: StorageListener = (changes, area) => {
    if (area !== 'session') return;
    const value = changes[VIEW_CACHE_KEY]?.newValue;
    if (looksLikeViewData(value)) onView(value);
  };
  events.onChanged.addListener(listener);
  return () => events.onChanged.removeListener(listener);
}
