import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { db } from '../../lib/db/database';
import type { CountEvent } from '../../lib/db/events';
import { visitorsForMonth } from '../../lib/db/queries';
import { loadSettings } from '../../lib/db/settings';
import { monthKey } from '../../lib/kpi/periods';
import type { Settings } from '../../lib/kpi/settings';
import type { Snapshot } from '../../lib/kpi/snapshot-types';
import { ask } from '../../lib/messages/client';
import { ChangedNoticeSchema } from '../../lib/messages/schemas';

export const RECENT_LIMIT = 5;

export interface PopupData {
  snapshot: Snapshot;
  settings: Settings;
  recent: CountEvent[];
  /** "YYYY-MM" of today in the rep's time zone, and its entered visitors figure. */
  month: string;
  visitorsThisMonth: number | undefined;
}

/**
 * The popup's data: the snapshot and recent events from the background, settings and this month's
 * visitors figure from the database. Fetched again whenever the background announces a change.
 */
export function usePopupData() {
  const [data, setData] = useState<PopupData>();
  const [error, setError] = useState<string>();
  // Several refreshes can overlap (a notice arriving while one is in flight): the last one started wins.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const run = ++latest.current;
    try {
      const database = db();
      const [snapshot, recent, settings] = await Promise.all([
        ask<Snapshot>({ type: 'get-snapshot' }),
        ask<CountEvent[]>({ type: 'list-events', limit: RECENT_LIMIT }),
        loadSettings(database),
      ]);
      const month = monthKey(Date.now(), settings.timeZone);
      const visitorsThisMonth = await visitorsForMonth(database, month);
      if (run !== latest.current) return;
      setData({ snapshot, settings, recent, month, visitorsThisMonth });
      setError(undefined);
    } catch (err) {
      if (run !== latest.current) return;
      setError(err instanceof Error ? err.message : String(err));
    }
  }, []);

  useEffect(() => {
    void refresh();
    const onMessage = (message: unknown) => {
      if (ChangedNoticeSchema.safeParse(message).success) void refresh();
      // Returning nothing leaves the message for other listeners to answer.
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [refresh]);

  return { data, error, refresh };
}
