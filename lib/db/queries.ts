import Dexie from 'dexie';
import type { KpiId } from '@/lib/kpi/definitions';
import type { KpiDatabase } from './database';
import type { CountEvent } from './events';
import { amountsFromCents, toCents } from './period-sums';

/** Events of one KPI in [from, to), answered from the [kpi+at] index without a scan. */
function kpiRange(database: KpiDatabase, kpi: KpiId, from: number, to: number) {
  return database.events.where('[kpi+at]').between([kpi, from], [kpi, to], true, false);
}

/** Events of one KPI in [from, to); the range last asked for is kept current (see PeriodSums). */
export async function countBetween(database: KpiDatabase, kpi: KpiId, from: number, to: number): Promise<number> {
  const kept = database.periodSums.count(kpi, from, to);
  if (kept !== undefined) return kept;
  const count = await kpiRange(database, kpi, from, to).count();
  database.periodSums.setCount(kpi, from, to, count);
  return count;
}

/**
 * Revenue in [from, to), summed per currency; amounts in different currencies are never mixed here.
 * The sums of the range last asked for are kept current by the database (see PeriodSums), so
 * asking again after a write reads nothing.
 */
export async function revenueBetween(
  database: KpiDatabase,
  from: number,
  to: number,
): Promise<{ currency: string; amount: number }[]> {
  let cents = database.periodSums.revenue(from, to);
  if (!cents) {
    const read = new Map<string, number>();
    // One bulk read: a cursor costs a round trip per record.
    for (const e of await kpiRange(database, 'revenue', from, to).toArray()) {
      if (e.amount === undefined || e.currency === undefined) continue;
      read.set(e.currency, (read.get(e.currency) ?? 0) + toCents(e.amount));
    }
    database.periodSums.setRevenue(from, to, read);
    cents = read;
  }
  return amountsFromCents(cents);
}

/** Newest first, optionally one KPI. */
export async function recentEvents(
  database: KpiDatabase,
  opts: { kpi?: KpiId; from?: number; to?: number; limit?: number } = {},
): Promise<CountEvent[]> {
  const from = opts.from ?? 0;
  const to = opts.to ?? Number.MAX_SAFE_INTEGER;
  const collection = opts.kpi
    ? kpiRange(database, opts.kpi, from, to).reverse()
    : database.events.where('at').between(from, to, true, false).reverse();
  return collection.limit(opts.limit ?? 1000).toArray();
}

export async function visitorsForMonth(database: KpiDatabase, month: string): Promise<number | undefined> {
  return (await database.visitors.get(month))?.value;
}

/**
 * Adds the event unless its key is already counted. Returns whether it was new.
 * The unique primary key makes this safe against retries and a worker stopped mid-write:
 * a transaction either committed the event or left nothing.
 */
export async function addEventOnce(database: KpiDatabase, event: CountEvent): Promise<boolean> {
  try {
    await database.events.add(event);
    return true;
  } catch (err) {
    if (err instanceof Dexie.ConstraintError) return false;
    throw err;
  }
}

export async function removeEvent(database: KpiDatabase, key: string): Promise<boolean> {
  return database.transaction('rw', database.events, async () => {
    const existing = await database.events.get(key);
    if (!existing) return false;
    await database.events.delete(key);
    return true;
  });
}

/** Adapter health: when each rule last matched and how many times. */
export async function noteRuleMatched(database: KpiDatabase, adapter: string, rule: string, at: number): Promise<void> {
  await database.transaction('rw', database.health, async () => {
    const row = await database.health.get([adapter, rule]);
    await database.health.put({ adapter, rule, count: (row?.count ?? 0) + 1, lastMatched: at });
  });
}

export async function getKv<T>(database: KpiDatabase, k: string): Promise<T | undefined> {
  return (await database.kv.get(k))?.v as T | undefined;
}

export async function setKv(database: KpiDatabase, k: string, v: unknown): Promise<void> {
  await database.kv.put({ k, v });
}

