import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { readChangedNotice } from '@/lib/view/changed-notice';
import type { History } from '@/lib/kpi/history';
import { ask } from '@/lib/messages/client';

/**
 * Each KPI's history from the background, checked against its schema (loaded after the page has
 * painted, so the popup's first paint does not wait for zod), asked again after every change.
 */
export function useHistory(): { history?: History; error?: string } {
  const [state, setState] = useState<{ history?: History; error?: string }>({});
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const run = ++latest.current;
    try {
      const [{ HistorySchema }, answer] = await Promise.all([import('@/lib/kpi/history-schema'), ask({ type: 'history' })]);
      const history = HistorySchema.parse(answer) as History;
      if (run === latest.current) setState({ history });
    } catch (err) {
      if (run === latest.current) setState((previous) => ({ ...previous, error: err instanceof Error ? err.message : String(err) }));
    }
  }, []);

  useEffect(() => {
    void refresh();
    const onMessage = (message: unknown) => {
      if (readChangedNotice(message)) void refresh();
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [refresh]);

  return state;
}
