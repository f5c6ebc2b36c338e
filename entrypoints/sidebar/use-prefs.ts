import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { readPrefs, SIDEBAR_PREFS_KEY, siteOf, withSite, type SidebarPrefs, type SitePrefs } from '@/lib/page/sidebar-host/prefs';

/**
 * The sidebar prefs from storage, live, with a writer for this site's entry and the global flag.
 * `initial` is what was read before the first render; without it they are read here.
 */
export function useSidebarPrefs(site: string, initial?: SidebarPrefs) {
  const [prefs, setPrefs] = useState<SidebarPrefs | undefined>(initial);
  const current = useRef<SidebarPrefs>(initial ?? {});
  const changed = useRef(false);

  useEffect(() => {
    let alive = true;
    // Read (again): a change made before this listener existed is caught, unless one came since.
    void browser.storage.local.get(SIDEBAR_PREFS_KEY).then((stored) => {
      if (!alive || changed.current) return;
      current.current = readPrefs(stored[SIDEBAR_PREFS_KEY]);
      setPrefs(current.current);
    });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[SIDEBAR_PREFS_KEY];
      if (area !== 'local' || !change) return;
      changed.current = true;
      current.current = readPrefs(change.newValue);
      setPrefs(current.current);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  const save = useCallback((next: SidebarPrefs) => {
    changed.current = true;
    current.current = next;
    setPrefs(next);
    return browser.storage.local.set({ [SIDEBAR_PREFS_KEY]: next });
  }, []);

  const setSite = useCallback((change: SitePrefs) => save(withSite(current.current, site, change)), [save, site]);
  const hideEverywhere = useCallback(() => save({ ...current.current, hiddenEverywhere: true }), [save]);

  return { prefs, here: prefs ? siteOf(prefs, site) : undefined, setSite, hideEverywhere };
}
