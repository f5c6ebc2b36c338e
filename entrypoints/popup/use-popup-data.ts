import { useEffect, useState } from 'react';
import type { ViewFeed } from '@/lib/view/view-client';
import type { ViewData } from '@/lib/view/view-data';

/** The snapshot, the settings a view formats with, this month's visitors figure and recent events. */
export type PopupData = ViewData;

/**
 * The popup's data, all from the background: the popup itself opens no database and loads no
 * calendar code to show the KPIs. It starts from what main.tsx already has (a cached copy or the
 * first answer) and then follows the feed: each copy the background caches after a change.
 */
export function usePopupData(start: { view?: ViewData; error?: string; feed: ViewFeed }) {
  const [data, setData] = useState<PopupData | undefined>(start.view);
  const [error, setError] = useState<string | undefined>(start.error);

  useEffect(
    () =>
      start.feed.follow({
        onView: (view) => {
          setData(view);
          setError(undefined);
        },
        onError: setError,
      }),
    [start.feed],
  );

  return { data, error, refresh: start.feed.refresh, afterWrite: start.feed.afterWrite };
}
