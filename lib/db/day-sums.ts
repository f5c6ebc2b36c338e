import type { KpiId } from '@/lib/kpi/definitions';
import { localDateOf } from '@/lib/kpi/periods';
import type { CountEvent } from './events';
import { toCents } from './period-sums';

/**
 * What was counted on one local calendar day, kept in the `daySums` table so the weekly export
 * and the history read a few hundred small rows for two years instead of counting and reading
 * events: weeks and months are whole days in the rep's calendar, whatever day the week starts on.
 */
export interface DaySums {
  /** The local date "YYYY-MM-DD" in the time zone the sums were built for (see DaySumsZone). */
  day: string;
  /** Events per KPI on the day; a KPI without any is left out. */
  counts: Partial<Record<KpiId, number>>;
  /**
   * Revenue per currency in integer cents, one entry per currency that any revenue event with an
   * amount names (so a 0.00 amount still shows its currency). Entries are ordered by their first
   * event (time, then key: the order of the `[kpi+at]` index), so that sums over several days put
   * currencies in the same order as adding the events one by one in that index's order did.
   */
  revenue: DayRevenue[];
}

export interface DayRevenue {
  currency: string;
  cents: number;
  /** The day's first event in this currency: its time and key. */
  first: readonly [at: number, key: string];
}

/**
 * The one row that says which time zone the day rows are for. Without it the day rows are not
 * kept (nothing built yet, or dropped after a change too large to follow) and the next reader
 * builds them from the events.
 */
export interface DaySumsZone {
  day: typeof DAY_SUMS_ZONE_KEY;
  timeZone: string;
}

export type DaySumsRow = DaySums | DaySumsZone;

/** The zone row's key: not a date, and after every date in key order, so a date range never holds it. */
export const DAY_SUMS_ZONE_KEY = 'zone';

export const isZoneRow = (row: DaySumsRow): row is DaySumsZone => row.day === DAY_SUMS_ZONE_KEY;

/** The local day an event is counted on. */
export function dayOf(at: number, timeZone: string): string {
  return localDateOf(at, timeZone);
}

export function emptyDay(day: string): DaySums {
  return { day, counts: {}, revenue: [] };
}

const before = (a: readonly [number, string], b: readonly [number, string]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** Adds one event to its day's sums (in place). The event must be on that day. */
export function addToDay(sums: DaySums, event: CountEvent): void {
  sums.counts[event.kpi] = (sums.counts[event.kpi] ?? 0) + 1;
  // Like the live snapshot, an amount without a currency cannot be attributed and is left out.
  if (event.kpi !== 'revenue' || event.amount === undefined || event.currency === undefined) return;
  const first = [event.at, event.key] as const;
  const entry = sums.revenue.find((r) => r.currency === event.currency);
  if (!entry) sums.revenue.push({ currency: event.currency, cents: toCents(event.amount), first });
  else {
    entry.cents += toCents(event.amount);
    if (before(first, entry.first)) entry.first = first;
  }
  sums.revenue.sort((a, b) => (before(a.first, b.first) ? -1 : before(b.first, a.first) ? 1 : 0));
}

/** The day sums of events in any order, oldest day first; days without events have no row. */
export function daySumsOf(events: Iterable<CountEvent>, timeZone: string): DaySums[] {
  const byDay = new Map<string, DaySums>();
  for (const event of events) {
    const day = dayOf(event.at, timeZone);
    let sums = byDay.get(day);
    if (!sums) {
      sums = emptyDay(day);
      byDay.set(day, sums);
    }
    addToDay(sums, event);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
