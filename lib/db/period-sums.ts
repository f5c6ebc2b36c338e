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

  count(kpi: KpiId, from: number, to: number): number | undefined {
    const range = this.counts.get(kpi);
    return range && range.from === from && range.to === to ? range.count : undefined;
  }

  setCount(kpi: KpiId, from: number, to: number, count: number): void {
    this.counts.set(kpi, { from, to, count });
  }

  revenue(from: number, to: number): Map<string, number> | undefined {
    const range = this.revenueRange;
    return range && range.from === from && range.to === to ? range.cents : undefined;
  }

  setRevenue(from: number, to: number, cents: Map<string, number>): void {
    this.revenueRange = { from, to, cents };
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
    const { kpi, at, amount, currency } = event;
    hook.onsuccess = () =>
      transaction.on('complete', () => {
        const counted = this.counts.get(kpi);
        if (counted && at >= counted.from && at < counted.to) counted.count += sign;
        const revenue = this.revenueRange;
        if (kpi !== 'revenue' || amount === undefined || currency === undefined) return;
        if (!revenue || at < revenue.from || at >= revenue.to) return;
        const next = (revenue.cents.get(currency) ?? 0) + sign * toCents(amount);
        if (next === 0) revenue.cents.delete(currency);
        else revenue.cents.set(currency, next);
      });
  }
}

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Kept revenue cents per currency as the snapshot reads them: decimal amounts. */
export function amountsFromCents(cents: ReadonlyMap<string, number>): { currency: string; amount: number }[] {
  return [...cents].map(([currency, sum]) => ({ currency, amount: sum / 100 }));
}
