import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { ManualRecordKpi } from '../../lib/background/record-count';
import { db } from '../../lib/db/database';
import type { CountEvent } from '../../lib/db/events';
import { loadSettings } from '../../lib/db/settings';
import type { Settings } from '../../lib/kpi/settings';
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

/** What only the expanded panel shows; not fetched while collapsed. */
export interface PanelDetails {
  settings: Settings;
  recent: CountEvent[];
  offer?: RecordOffer;
}

type RecordAnswer = { record: null } | RecordOffer;

/**
 * The snapshot (always: the collapsed tab shows its summary) and, while expanded, the panel's
 * details. Both come from the background, as in the popup and the badge, and are fetched again
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
      const [settings, recent, answer] = await Promise.all([
        loadSettings(db()),
        ask<CountEvent[]>({ type: 'list-events', limit: RECENT_LIMIT }),
        ask<RecordAnswer>({ type: 'current-record' }).catch((): RecordAnswer => ({ record: null })),
      ]);
      if (run !== latest.current.details) return;
      setDetails({ settings, recent, ...(answer.record !== null && { offer: answer as RecordOffer }) });
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
      // The confirmation first: it needs nothing from the database, so it shows at once.
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
