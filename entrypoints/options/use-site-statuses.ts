import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { crmStatuses } from '@/lib/sites/shipped';
import { siteStatuses, type SiteStatus } from '@/lib/sites/sync';

type Statuses = Record<string, SiteStatus>;

// The background registers scripts right after a permission change; look again a few times.
const RECHECK_MS = 500;
const RECHECKS = 10;

/**
 * Statuses read from the browser (granted origins, registered scripts) and read again whenever
 * the rep grants or revokes an origin, so a revoked host shows "no access". While something is
 * allowed but not registered yet, it looks again shortly, since the background is catching up.
 */
function useBrowserStatuses(key: string, load: (keys: string[]) => Promise<Statuses>): { statuses: Statuses | undefined; refresh(): void } {
  const [statuses, setStatuses] = useState<Statuses>();
  const refresh = useCallback(() => {
    let stale = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (left: number) => {
      void load(key ? key.split('\n') : []).then((next) => {
        if (stale) return;
        setStatuses(next);
        if (left > 0 && Object.values(next).includes('not-registered')) timer = setTimeout(() => read(left - 1), RECHECK_MS);
      });
    };
    read(RECHECKS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [key, load]);

  useEffect(() => {
    let cancel = refresh();
    const again = () => {
      cancel();
      cancel = refresh();
    };
    browser.permissions.onAdded.addListener(again);
    browser.permissions.onRemoved.addListener(again);
    return () => {
      cancel();
      browser.permissions.onAdded.removeListener(again);
      browser.permissions.onRemoved.removeListener(again);
    };
  }, [refresh]);

  return { statuses, refresh: useCallback(() => void refresh(), [refresh]) };
}

const loadSites = (patterns: string[]) => siteStatuses(browser, patterns);
const loadCrms = (ids: string[]) => crmStatuses(browser, ids);

/** Each custom site's status, by pattern. */
export function useSiteStatuses(patterns: readonly string[]) {
  return useBrowserStatuses(patterns.join('\n'), loadSites);
}

/** Each shipped CRM's status, by adapter id: all of its hosts taken together. */
export function useCrmStatuses(adapterIds: readonly string[]) {
  return useBrowserStatuses(adapterIds.join('\n'), loadCrms);
}
