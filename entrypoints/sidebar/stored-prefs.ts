import { browser } from 'wxt/browser';
import { readPrefs, SIDEBAR_PREFS_KEY, type SidebarPrefs } from '@/lib/page/sidebar-host/prefs';

/** The stored prefs, as the first paint and the first render can use them. */
export async function loadSidebarPrefs(): Promise<SidebarPrefs> {
  const stored = await browser.storage.local.get(SIDEBAR_PREFS_KEY);
  return readPrefs(stored[SIDEBAR_PREFS_KEY]);
}
