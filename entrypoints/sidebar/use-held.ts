import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { ask } from '@/lib/messages/client';
import type { ChangedNotice } from '@/lib/messages/schemas';
import type { KpiId } from '@/lib/kpi/definitions';

/** Records held because this tab created them faster than by hand, as the background counts them. */
export interface HeldSummary {
  total: number;
  byKpi: Partial<Record<KpiId, number>>;
}

/**
 * The id of the tab this frame is in; notices from other tabs leave this sidebar as it is. Firefox
 * gives an extension frame inside a page no `tabs` API: there the id stays unknown, and the
 * background sends this tab's own notices to it without a tab id (see notifyViews).
 */
export function useOwnTab(): React.RefObject<number | undefined> {
  const tab = useRef<number | undefined>(undefined);
  useEffect(() => {
    browser.tabs
      ?.getCurrent()
      .then((current) => (tab.current = current?.id))
      .catch(() => undefined);
  }, []);
  return tab;
}

/** The held records of this tab, and the rep's one answer for all of them: count or discard. */
export function useHeld(ownTab: React.RefObject<number | undefined>) {
  const [held, setHeld] = useState<HeldSummary>();
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    ask<HeldSummary>({ type: 'held-records', action: 'list' })
      .then(setHeld)
      .catch(() => undefined);
  }, []);
  useEffect(load, [load]);

  const onNotice = useCallback(
    (notice: ChangedNotice) => {
      if (notice.held !== undefined && notice.tabId === ownTab.current) load();
    },
    [load, ownTab],
  );

  const answer = useCallback((action: 'count' | 'discard') => {
    setBusy(true);
    ask({ type: 'held-records', action })
      .then(() => setHeld(undefined))
      .catch(() => undefined)
      .finally(() => setBusy(false));
  }, []);

  return { held: held && held.total > 0 ? held : undefined, busy, onNotice, answer };
}
