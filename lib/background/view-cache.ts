import { browser } from 'wxt/browser';
import type { ViewData } from '@/lib/view/view-data';
import { VIEW_CACHE_KEY } from '@/lib/view/view-keys';

/**
 * Keeps the last view data the background computed in `storage.session`: the popup and the
 * sidebar paint from it at once and follow each new copy (lib/view/view-cache.ts reads it).
 */
export async function writeViewCache(view: ViewData): Promise<void> {
  await browser.storage.session.set({ [VIEW_CACHE_KEY]: view });
}
