import type { Transaction } from 'dexie';
import type { KpiId } from '@/lib/kpi/definitions';
import type { CountEvent } from './events';

interface CountRange {
  from: number;
  to: number;
  count: number;
}

interface RevenueRange {
  from: number;
  to: number;
  cents: Map<string, number>;
}

/**
 * What the snapshot reads after every write, kept current instead of read again: per KPI the
 * count over the range last asked for, and revenue per currency (in integer cents) over its range.
 *
 * The badge is redrawn after every counted record; counting each KPI's period again each time
 * would cost a database round trip per KPI and grow with the year's revenue events. Instead each
 * range last read is moved by each committed add or delete, so a new record costs the same at 100
 * events as at 50,000 and the snapshot after a write reads nothing. Anything the hooks cannot
 * follow (a table clear, an update) drops them all and the next read rebuilds them.
 */
export class PeriodSums {
  private readonly counts = new Map<KpiId, CountRange>();
  private revenueRange: RevenueRange | undefined;
  /** Events being written, already in the sums (see `expect`), by key. */
  private readonly expected = new Map<string, CountEvent>();

  count(kpi: KpiId, from: number, to: number): number | undefined {
    const range = this.counts.get(kpi);
    return range && range.from === from && range.to === to ? range.count : undefined;
  }

  /**
   * Keeps a count just read. Not while an expected write is under way: whether the read saw it
   * depends on which transaction the database ran first, so the read is used but not kept.
   */
  setCount(kpi: KpiId, from: number, to: number, count: number): void {
    if (this.expected.size === 0) this.counts.set(kpi, { from, to, count });
  }

  revenue(from: number, to: number): Map<string, number> | undefined {
    const range = this.revenueRange;
    return range && range.from === from && range.to === to ? range.cents : undefined;
  }

  setRevenue(from: number, to: number, cents: Map<string, number>): void {
    if (this.expected.size === 0) this.revenueRange = { from, to, cents };
  }

  /**
   * Counts events in before their write commits, so the badge can show a record the moment it is
   * found new rather than one database write later. Their commit then changes nothing here;
   * `unexpect` takes back those that were not written. A key already expected is not counted
   * again. Returns the events taken in.
   */
  expect(events: readonly CountEvent[]): CountEvent[] {
    const taken = events.filter((event) => !this.expected.has(event.key));
    for (const event of taken) {
      this.expected.set(event.key, event);
      this.apply(event, 1);
    }
    return taken;
  }

  /** Whether `key` is counted in here while its write is still under way. */
  expecting(key: string): boolean {
    return this.expected.has(key);
  }

  /** Takes back expected events whose write did not commit (already there, or no room). */
  unexpect(keys: readonly string[]): void {
    for (const key of keys) {
      const event = this.expected.get(key);
      if (!event) continue;
      this.expected.delete(key);
      this.apply(event, -1);
    }
  }

  invalidate(): void {
    this.counts.clear();
    this.revenueRange = undefined;
  }

  /**
   * Applies an event once its own request succeeded and its transaction committed: a duplicate add
   * fails its request while the transaction may still commit, and changes nothing.
   */
  follow(event: CountEvent, sign: 1 | -1, transaction: Transaction, hook: { onsuccess?: ((result: never) => void) | null }): void {
    hook.onsuccess = () =>
      transaction.on('complete', () => {
        // An expected create is in the sums already.
        if (sign === 1 && this.expected.delete(event.key)) return;
        this.apply(event, sign);
      });
  }

  private apply({ kpi, at, amount, currency }: CountEvent, sign: 1 | -1): void {
    const counted = this.counts.get(kpi);
    if (counted && at >= counted.from && at < counted.to) counted.count += sign;
    const revenue = this.revenueRange;
    if (kpi !== 'revenue' || amount === undefined || currency === undefined) return;
    if (!revenue || at < revenue.from || at >= revenue.to) return;
    const next = (revenue.cents.get(currency) ?? 0) + sign * toCents(amount);
    if (next === 0) revenue.cents.delete(currency);
    else revenue.cents.set(currency, next);
  }
}

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Kept revenue cents per currency as the snapshot reads them: decimal amounts. */
export function amountsFromCents(cents: ReadonlyMap<string, number>): { currency: string; amount: number }[] {
  return [...cents].map(([currency, sum]) => ({ currency, amount: sum / 100 }));
}
