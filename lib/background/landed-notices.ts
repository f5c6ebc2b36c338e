import type { ChangedNotice } from '@/lib/messages/schemas';

/**
 * Counts made while a tab's page had no sidebar yet: a server-rendered CRM's save is counted when
 * the page it lands on asks for its plan (or shows the message naming the record) — before, or
 * while, that page's sidebar loads to say "counted · Undo". The last notice of the tab's current
 * page is kept here, in the worker's memory, for its sidebar to take once when it loads, shortly.
 */
export const LANDED_NOTICE_MS = 15_000;

export class LandedNotices {
  private readonly notices = new Map<number, { notice: ChangedNotice; at: number }>();

  note(tabId: number, notice: ChangedNotice, now: number): void {
    if (notice.counted.length === 0) return;
    this.notices.set(tabId, { notice, at: now });
  }

  /** The notice of the tab's last landing, once, while it is fresh. */
  take(tabId: number, now: number): ChangedNotice | undefined {
    const kept = this.notices.get(tabId);
    this.notices.delete(tabId);
    return kept && now - kept.at <= LANDED_NOTICE_MS && kept.at <= now ? kept.notice : undefined;
  }

  /** The rep took a count back (Undo elsewhere): a notice for it is no longer true. */
  removed(keys: readonly string[]): void {
    for (const [tabId, kept] of this.notices) if (kept.notice.counted.some((c) => keys.includes(c.key))) this.notices.delete(tabId);
  }

  forget(tabId: number): void {
    this.notices.delete(tabId);
  }
}
