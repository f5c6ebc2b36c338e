import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { readChangedNotice } from '../../lib/background/changed-notice';
import { fetchViewData, type ViewStart } from '../../lib/background/view-client';
import type { ViewData } from '../../lib/background/view-data';
import { VIEW_RECENT } from '../../lib/background/view-keys';

/** As many as the first answer and the cached copy carry, so a refresh does not change the list's length. */
export const RECENT_LIMIT = VIEW_RECENT;

/** The snapshot, the settings a view formats with, this month's visitors figure and recent events. */
export type PopupData = ViewData;

/**
 * The popup's data, all from the background in one answer: the popup itself opens no database and
 * loads no calendar code to show the KPIs. It starts from what main.tsx already has (a cached copy
 * or the first answer), takes the fresh answer when it comes, and asks again whenever the
 * background announces a change.
 */
export function usePopupData(start: { view?: ViewData; error?: string; fresh: ViewStart['fresh'] }) {
  const [data, setData] = useState<PopupData | undefined>(start.view);
  const [error, setError] = useState<string | undefined>(start.error);
  // Several refreshes can overlap (a notice arriving while one is in flight): the last one started wins.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const run = ++latest.current;
    try {
      const view = await fetchViewData(RECENT_LIMIT);
      if (run !== latest.current) return;
      setData(view);
      setError(undefined);
    } catch (err) {
      if (run !== latest.current) return;
      setError(err instanceof Error ? err.message : String(err));
    }
  }, []);

  useEffect(() => {
    // The answer started before the first render replaces a cached first paint, unless a newer
    // refresh has begun since.
    const first = latest.current;
    start.fresh.then(
      (view) => {
        if (latest.current !== first) return;
        setData(view);
        setError(undefined);
      },
      (err: unknown) => {
        if (latest.current === first) setError(err instanceof Error ? err.message : String(err));
      },
    );
    const onMessage = (message: unknown) => {
      if (readChangedNotice(message)) void refresh();
      // Returning nothing leaves the message for other listeners to answer.
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [refresh, start.fresh]);

  return { data, error, refresh };
}
