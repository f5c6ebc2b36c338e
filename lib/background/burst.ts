/**
 * Creates faster than a rep can make them by hand are held for the rep's word instead of counted.
 *
 * The limit: 30 new records from one tab within a minute. Even the quickest hand-made create
 * (New, type a name, Save & New) takes about two seconds, so 30 a minute is already the edge of
 * hand speed; more than that is a script, an import or a page faking creates. Every new record
 * from the tab enters the window, held or not, so a flood that keeps going stays held, and the
 * tab counts normally again once a minute passes below the limit.
 */
export const BURST_LIMIT = 30;
export const BURST_WINDOW_MS = 60_000;

export class BurstGuard {
  private readonly seen = new Map<number, number[]>();

  /** Notes one new record from `tab` at `now`; false when it is part of a burst and must be held. */
  admit(tab: number | undefined, now: number): boolean {
    // Extension pages (no tab) are the rep's own hand.
    if (tab === undefined) return true;
    const recent = (this.seen.get(tab) ?? []).filter((at) => now - at < BURST_WINDOW_MS && at <= now);
    recent.push(now);
    this.seen.set(tab, recent);
    return recent.length <= BURST_LIMIT;
  }
}
