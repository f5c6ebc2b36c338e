import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { siteStatuses, type SiteStatus } from '../../lib/sites/sync';

/**
 * Each custom site's status, read from the browser (granted origins, registered scripts) and
 * read again whenever the rep grants or revokes an origin, so a revoked site shows "no access".
 */
export function useSiteStatuses(patterns: readonly string[]): { statuses: Record<string, SiteStatus> | undefined; refresh(): void } {
  const [statuses, setStatuses] = useState<Record<string, SiteStatus>>();
  const key = patterns.join('\n');
  const refresh = useCallback(() => {
    let stale = false;
    void siteStatuses(browser, key ? key.split('\n') : []).then((next) => {
      if (!stale) setStatuses(next);
    });
    return () => {
      stale = true;
    };
  }, [key]);

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
