import type { Transaction } from 'dexie';
import type { CountEvent } from './events';

/**
 * Revenue per currency over the last range asked for, in integer cents.
 *
 * The snapshot needs the year's revenue after every write; re-reading every revenue event of the
 * year each time would make each new record cost more as the database grows. Instead the sums
 * of the range last read are kept and moved by each committed add or delete, so a new record
 * costs the same at 100 events as at 50,000. Anything the hooks cannot follow (a table clear,
 * an update) drops the sums and the next read rebuilds them.
 */
export class RevenueSums {
  private range: { from: number; to: number; cents: Map<string, number> } | undefined;

  get(from: number, to: number): Map<string, number> | undefined {
    return this.range && this.range.from === from && this.range.to === to ? this.range.cents : undefined;
  }

  set(from: number, to: number, cents: Map<string, number>): void {
    this.range = { from, to, cents };
  }

  invalidate(): void {
    this.range = undefined;
  }

  /**
   * Applies an event's amount once its own request succeeded and its transaction committed: a
   * duplicate add fails its request while the transaction may still commit, and changes nothing.
   */
  follow(event: CountEvent, sign: 1 | -1, transaction: Transaction, hook: { onsuccess?: ((result: never) => void) | null }): void {
    if (event.kpi !== 'revenue' || event.amount === undefined || event.currency === undefined) return;
    const { amount, currency, at } = event;
    hook.onsuccess = () => transaction.on('complete', () => {
      const range = this.range;
      if (!range || at < range.from || at >= range.to) return;
      const next = (range.cents.get(currency) ?? 0) + sign * toCents(amount);
      if (next === 0) range.cents.delete(currency);
      else range.cents.set(currency, next);
    });
  }
}

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}
