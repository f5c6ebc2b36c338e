import { paintFirst } from '@/entrypoints/sidebar/first-paint';
import { applyTheme, framingSite, readFragment } from '@/entrypoints/sidebar/frame-info';
import { loadSidebarPrefs } from '@/entrypoints/sidebar/stored-prefs';
import { uiLocale } from '@/lib/i18n/messages';
import { siteOf } from '@/lib/page/sidebar-host/prefs';
import { whenRootParsed } from '@/lib/view/first-root';
import { readViewCache } from '@/lib/view/view-cache';

/**
 * The open sidebar's first paint, as a classic script at the top of the frame's head (see
 * popup-start.ts for why): the page's colours from the host's first word, then the six KPIs from
 * the cached view data when the rep keeps the sidebar open on this site. A collapsed sidebar, or a
 * frame that may not read the cache (Firefox), waits for the module start (sidebar/main.ts), which
 * leaves this paint in place and takes over from it.
 */
export default defineUnlistedScript(() => {
  applyTheme(document.documentElement, readFragment(location.hash));
  const site = framingSite(window.location);
  const prefs = loadSidebarPrefs().catch(() => undefined);
  void Promise.all([readViewCache(), prefs, whenRootParsed()]).then(([view, stored, root]) => {
    if (view && stored && siteOf(stored, site).expanded === true && !root.hasChildNodes()) paintFirst(root, view, uiLocale());
  });
});
