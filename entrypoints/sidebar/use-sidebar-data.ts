import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { readChangedNotice } from '../../lib/background/changed-notice';
import type { ManualRecordKpi } from '../../lib/background/record-count';
import { fetchViewData, type ViewFirst, type ViewStart } from '../../lib/background/view-client';
import type { CountEvent } from '../../lib/db/events';
import type { Snapshot } from '../../lib/kpi/snapshot-types';
import { ask } from '../../lib/messages/client';
import type { ChangedNotice } from '../../lib/messages/schemas';
import type { RecordRef } from '../../lib/crm/record';

export const RECENT_LIMIT = 3;

export interface RecordOffer {
  record: RecordRef;
  offered: ManualRecordKpi[];
  /** KPIs this record already counts toward, with the key that undoes each. */
  counted: Partial<Record<ManualRecordKpi, string>>;
}

/**
 * What only the expanded panel shows; not fetched while collapsed. It all comes from the
 * background: a frame inside a web page may get partitioned storage, so the sidebar never
 * opens the database itself.
 */
export interface PanelDetails {
  timeZone: string;
  currency: string;
  recent: CountEvent[];
  offer: RecordOffer | null;
  /** Saves on this site in the last day that looked like creates and were not counted. */
  missed: number;
  /** This site's amounts came without a currency and were taken to be in this one: ask the rep once. */
  askCurrency: { site: string; currency: string } | null;
}

/** What main.tsx had before the first render, and the background's answer it started. */
export interface SidebarStart extends ViewFirst {
  fresh: ViewStart['fresh'];
}

/**
 * The snapshot (always: the collapsed tab shows its summary) and, while expanded, the panel's
 * details. The snapshot is the one the popup and the badge show; it starts from what main.tsx
 * already has (a cached copy or the first answer), and both are fetched again whenever the
 * background announces a change. The rep's time zone comes with the snapshot, so the period
 * shows before the details arrive.
 */
export function useSidebarData(expanded: boolean, navigation: number, onNotice: (notice: ChangedNotice) => void, start: SidebarStart) {
  const [snapshot, setSnapshot] = useState<Snapshot | undefined>(start.view?.snapshot);
  const [timeZone, setTimeZone] = useState<string | undefined>(start.view?.timeZone);
  const [details, setDetails] = useState<PanelDetails>();
  const [error, setError] = useState<string | undefined>(start.error);
  const latest = useRef({ snapshot: 0, details: 0 });
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;
  const noticeRef = useRef(onNotice);
  noticeRef.current = onNotice;

  const settle = useCallback((run: number, answer: Promise<{ snapshot: Snapshot; timeZone: string }>) => {
    answer.then(
      (view) => {
        if (run !== latest.current.snapshot) return;
        setSnapshot(view.snapshot);
        setTimeZone(view.timeZone);
        setError(undefined);
      },
      (err: unknown) => {
        if (run === latest.current.snapshot) setError(err instanceof Error ? err.message : String(err));
      },
    );
  }, []);

  const refreshSnapshot = useCallback(() => settle(++latest.current.snapshot, fetchViewData(1)), [settle]);

  const refreshDetails = useCallback(async () => {
    const run = ++latest.current.details;
    try {
      const next = await ask<PanelDetails>({ type: 'sidebar-details', recent: RECENT_LIMIT });
      if (run === latest.current.details) setDetails(next);
    } catch (err) {
      if (run === latest.current.details) setError(err instanceof Error ? err.message : String(err));
    }
  }, []);

  const refresh = useCallback(() => {
    refreshSnapshot();
    if (expandedRef.current) void refreshDetails();
  }, [refreshSnapshot, refreshDetails]);

  useEffect(() => {
    // The answer started before the first render replaces a cached first paint.
    settle(latest.current.snapshot, start.fresh);
    const onMessage = (message: unknown) => {
      const notice = readChangedNotice(message);
      if (!notice) return;
      // The confirmation first: it needs nothing from the background, so it shows at once.
      noticeRef.current(notice);
      refreshSnapshot();
      if (expandedRef.current) void refreshDetails();
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [refreshSnapshot, refreshDetails, settle, start.fresh]);

  // Details when the panel opens and after each in-page navigation (another record may be open).
  useEffect(() => {
    if (expanded) void refreshDetails();
  }, [expanded, navigation, refreshDetails]);

  return { snapshot, timeZone: details?.timeZone ?? timeZone, details, error, refresh };
}
