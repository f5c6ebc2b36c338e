import { useCallback, useEffect, useRef, useState } from 'react';
import type { KpiId } from '@/lib/kpi/definitions';
import { ask } from '@/lib/messages/client';
import type { ChangedNotice } from '@/lib/messages/schemas';

/** One count just made: what to say and what Undo removes (every event of that write). */
export interface Confirmation {
  id: number;
  kpi: KpiId;
  keys: string[];
}

/** Long enough to notice a slip and undo it; paused while the pointer or focus is on it. */
export const CONFIRMATION_MS = 8000;

/**
 * "Contact counted · Undo" after each count. While collapsed, the frame is widened for it through
 * the background (the host only trusts messages from the extension) and narrowed again after.
 */
export function useConfirmation(collapsed: boolean, ownTab: React.RefObject<number | undefined>, asking: boolean) {
  const [confirmation, setConfirmation] = useState<Confirmation>();
  const [held, setHeld] = useState(false);
  const next = useRef(0);

  const onNotice = useCallback((notice: ChangedNotice) => {
    const first = notice.counted[0];
    // Counts made in another tab leave this sidebar as it is (a page could watch it change size);
    // counts from the popup or options (no tab) are the rep's own and show everywhere visible.
    const here = notice.tabId === undefined || notice.tabId === ownTab.current;
    // A hidden tab cannot show it; its sidebar stays idle.
    if (first && here && document.visibilityState !== 'hidden') {
      setConfirmation({ id: ++next.current, kpi: first.kpi, keys: notice.counted.map((c) => c.key) });
    } else if (notice.removed.length > 0) {
      setConfirmation((current) => (current?.keys.every((key) => notice.removed.includes(key)) ? undefined : current));
    }
  }, [ownTab]);

  const dismiss = useCallback(() => setConfirmation(undefined), []);

  useEffect(() => {
    if (!confirmation || held) return;
    const timer = setTimeout(() => setConfirmation(undefined), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [confirmation, held]);

  const wide = confirmation !== undefined && collapsed;
  const tall = asking && collapsed;
  const was = useRef('');
  useEffect(() => {
    const now = `${wide}|${tall}`;
    if (now === was.current || (was.current === '' && !wide && !tall)) return;
    was.current = now;
    ask({ type: 'sidebar-frame', toast: wide, question: tall }).catch(() => undefined);
  }, [wide, tall]);

  return { confirmation, onNotice, dismiss, hold: setHeld };
}
