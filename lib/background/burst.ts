/**
 * Creates faster than a rep can make them by hand are held for the rep's word instead of counted.
 *
 * The limit: 30 new records from one tab within a minute. Even the quickest hand-made create
 * (New, type a name, Save & New) takes about two seconds, so 30 a minute is already the edge of
 * hand speed; more than that is a script, an import or a page faking creates. When a tab goes
 * over, the records it counted within that minute are taken back and held too, so the rep is
 * asked once about the whole burst ("41 contacts in one minute — count them?"). Every new record
 * from the tab enters the window, held or not, so a flood that keeps going stays held; the tab
 * counts normally again once a minute passes below the limit. Other tabs are not affected.
 */
export const BURST_LIMIT = 30;
export const BURST_WINDOW_MS = 60_000;

interface Seen {
  at: number;
  /** Event keys counted for this record (empty when it was held). */
  keys: string[];
}

export interface BurstVerdict {
  admit: boolean;
  /** Keys counted earlier in this burst, to take back and hold now that it is one. */
  takeBack: string[];
}

export class BurstGuard {
  private readonly seen = new Map<number, Seen[]>();

  /** Notes one new record from `tab` at `now` with the keys it would count. */
  admit(tab: number | undefined, now: number, keys: string[]): BurstVerdict {
    // Extension pages (no tab) are the rep's own hand.
    if (tab === undefined) return { admit: true, takeBack: [] };
    const recent = (this.seen.get(tab) ?? []).filter((s) => now - s.at < BURST_WINDOW_MS && s.at <= now);
    const admit = recent.length < BURST_LIMIT;
    const takeBack = recent.length === BURST_LIMIT ? recent.flatMap((s) => s.keys) : [];
    for (const s of recent) if (!admit) s.keys = [];
    recent.push({ at: now, keys: admit ? keys : [] });
    this.seen.set(tab, recent);
    return { admit, takeBack };
  }

  /** A tab is over the limit right now: records are coming faster than by hand. */
  inBurst(now: number): boolean {
    for (const seen of this.seen.values()) {
      if (seen.filter((s) => now - s.at < BURST_WINDOW_MS && s.at <= now).length >= BURST_LIMIT) return true;
    }
    return false;
  }
}
