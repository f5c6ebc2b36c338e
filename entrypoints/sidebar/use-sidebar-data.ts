import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { ManualRecordKpi } from '../../lib/background/record-count';
import type { CountEvent } from '../../lib/db/events';
import type { Snapshot } from '../../lib/kpi/snapshot-types';
import { ask } from '../../lib/messages/client';
import { ChangedNoticeSchema, type ChangedNotice, type CurrentRecordAnswer } from '../../lib/messages/schemas';

export const RECENT_LIMIT = 3;

export interface RecordOffer {
  record: CurrentRecordAnswer;
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
}

/**
 * The snapshot (always: the collapsed tab shows its summary) and, while expanded, the panel's
 * details. The snapshot is the one the popup and the badge show, and both are fetched again
 * whenever the background announces a change.
 */
export function useSidebarData(expanded: boolean, navigation: number, onNotice: (notice: ChangedNotice) => void) {
  const [snapshot, setSnapshot] = useState<Snapshot>();
  const [details, setDetails] = useState<PanelDetails>();
  const [error, setError] = useState<string>();
  const latest = useRef({ snapshot: 0, details: 0 });
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;
  const noticeRef = useRef(onNotice);
  noticeRef.current = onNotice;

  const refreshSnapshot = useCallback(async () => {
    const run = ++latest.current.snapshot;
    try {
      const next = await ask<Snapshot>({ type: 'get-snapshot' });
      if (run !== latest.current.snapshot) return;
      setSnapshot(next);
      setError(undefined);
    } catch (err) {
      if (run === latest.current.snapshot) setError(err instanceof Error ? err.message : String(err));
    }
  }, []);

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
    void refreshSnapshot();
    if (expandedRef.current) void refreshDetails();
  }, [refreshSnapshot, refreshDetails]);

  useEffect(() => {
    void refreshSnapshot();
    const onMessage = (message: unknown) => {
      const notice = ChangedNoticeSchema.safeParse(message);
      if (!notice.success) return;
      // The confirmation first: it needs nothing from the background, so it shows at once.
      noticeRef.current(notice.data);
      void refreshSnapshot();
      if (expandedRef.current) void refreshDetails();
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [refreshSnapshot, refreshDetails]);

  // Details when the panel opens and after each in-page navigation (another record may be open).
  useEffect(() => {
    if (expanded) void refreshDetails();
  }, [expanded, navigation, refreshDetails]);

  return { snapshot, details, error, refresh };
}
