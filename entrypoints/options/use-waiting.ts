import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { readChangedNotice } from '../../lib/background/changed-notice';
import type { ViewData } from '../../lib/background/view-data';
import { ask } from '../../lib/messages/client';

/** How many counts wait for storage room, kept current by the background's notices. */
export function useWaiting(): number | undefined {
  const [waiting, setWaiting] = useState<number>();
  useEffect(() => {
    const load = () =>
      ask<ViewData>({ type: 'view-data', recent: 1 })
        .then((view) => setWaiting(view.waiting))
        .catch(() => undefined);
    const onMessage = (message: unknown) => {
      if (readChangedNotice(message)) void load();
    };
    void load();
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, []);
  return waiting;
}
