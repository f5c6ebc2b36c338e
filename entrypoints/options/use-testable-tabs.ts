import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { ADAPTERS } from '@/lib/crm/adapters';
import type { Rules } from '@/lib/overrides/schema';
import { testableTabs } from './tab-test';

export interface OpenTab {
  id: number;
  url: string;
  title: string;
}

/**
 * The open tabs of CRMs KPI Pacer may read (built-in or own domains), followed as tabs load and
 * close, and the one the rep picked (the first, until they pick another or it closes).
 */
export function useTestableTabs(rules: Rules) {
  const [tabs, setTabs] = useState<OpenTab[]>();
  const [chosen, setChosen] = useState<number>();

  const reload = useCallback(async () => {
    // Without the tabs permission the browser gives URLs only of tabs on hosts the extension may read.
    const all = await browser.tabs.query({}).catch(() => []);
    const found = testableTabs(all, rules, ADAPTERS).flatMap((tab) => (tab.id === undefined ? [] : [{ id: tab.id, url: tab.url, title: tab.title || tab.url }]));
    setTabs(found);
    setChosen((current) => (found.some((tab) => tab.id === current) ? current : found[0]?.id));
  }, [rules]);

  useEffect(() => {
    void reload();
    const onUpdated = (_id: number, change: { status?: string; url?: string }) => {
      if (change.status === 'complete' || change.url) void reload();
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(reload);
    return () => {
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(reload);
    };
  }, [reload]);

  return { tabs, chosen, setChosen, reload };
}
