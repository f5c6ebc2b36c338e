import type { CountEvent } from '@/lib/db/events';
import { KPI_IDS, type KpiId } from '@/lib/kpi/definitions';
import type { PeriodRange } from '@/lib/kpi/periods';
import { effectiveTarget, type Settings } from '@/lib/kpi/settings';
import { convertRevenue } from '@/lib/kpi/snapshot';
import { localIsoDate, monthOfWeek } from './dates';
import type { WeeklyRow } from './schema';

export interface WeeklyRowsInput {
  /** Counted events in any order; those outside the weeks are ignored. */
  events: readonly CountEvent[];
  /** Consecutive weeks of the rep's calendar, oldest first (as `weeksBetween` returns them). */
  weeks: readonly PeriodRange[];
  settings: Settings;
  /** Entered visitors figures by month ("YYYY-MM"). */
  visitorsByMonth: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
}

export type CountedKpi = Exclude<KpiId, 'visitors' | 'revenue'>;
export const COUNTED_KPIS: readonly CountedKpi[] = ['contacts', 'equotes', 'ecustomers', 'devices'];
const COUNTED: ReadonlySet<string> = new Set<CountedKpi>(COUNTED_KPIS);

/** Index of the week holding `at`, or -1. Weeks are sorted and contiguous, so a binary search on starts suffices. */
function weekIndexOf(weeks: readonly PeriodRange[], at: number): number {
  let low = 0;
  let high = weeks.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const week = weeks[middle]!;
    if (at < week.start) high = middle - 1;
    else if (at >= week.end) low = middle + 1;
    else return middle;
  }
  return -1;
}

function visitorsFor(source: WeeklyRowsInput['visitorsByMonth'], month: string): number | null {
  const value = source instanceof Map ? source.get(month) : (source as Record<string, number>)[month];
  return typeof value === 'number' ? value : null;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** What was counted in one week: event counts per KPI and revenue per currency. */
export interface WeekTally {
  counts: Record<CountedKpi, number>;
  /** Revenue per currency in integer cents, so thousands of amounts add up without float drift. */
  revenueCents: Map<string, number>;
}

export function emptyTally(): WeekTally {
  return { counts: { contacts: 0, equotes: 0, ecustomers: 0, devices: 0 }, revenueCents: new Map() };
}

/**
 * Adds events to the tallies of the weeks they fall in (one tally per week, same order).
 * Single pass; events outside every week are ignored.
 */
export function tallyEvents(events: readonly CountEvent[], weeks: readonly PeriodRange[], tallies: WeekTally[]): void {
  if (weeks.length === 0) return;
  const first = weeks[0]!.start;
  const last = weeks[weeks.length - 1]!.end;
  for (const event of events) {
    if (event.at < first || event.at >= last) continue;
    const index = weekIndexOf(weeks, event.at);
    if (index < 0) continue;
    const tally = tallies[index]!;
    if (COUNTED.has(event.kpi)) {
      tally.counts[event.kpi as CountedKpi] += 1;
    } else if (event.kpi === 'revenue' && event.amount !== undefined && event.currency !== undefined) {
      // Like the live snapshot, an amount without a currency cannot be attributed and is left out.
      const cents = Math.round(event.amount * 100);
      tally.revenueCents.set(event.currency, (tally.revenueCents.get(event.currency) ?? 0) + cents);
    }
    // Visitors are entered per month, never counted per event.
  }
}

/** Rows from per-week tallies: revenue converted to the rep's currency, visitors and targets added. */
export function rowsFromTallies(
  weeks: readonly PeriodRange[],
  tallies: readonly WeekTally[],
  settings: Settings,
  visitorsByMonth: WeeklyRowsInput['visitorsByMonth'],
): WeeklyRow[] {
  const targets = Object.fromEntries(KPI_IDS.map((kpi) => [kpi, effectiveTarget(settings, kpi)])) as Record<
    KpiId,
    ReturnType<typeof effectiveTarget>
  >;

  return weeks.map((week, index) => {
    const tally = tallies[index] ?? emptyTally();
    const amounts = [...tally.revenueCents].map(([currency, cents]) => ({ currency, amount: cents / 100 }));
    const revenue = convertRevenue(amounts, settings.currency, settings.rates);
    const month = monthOfWeek(week, settings.timeZone);
    return {
      rep: settings.repName,
      week: week.label,
      week_start: localIsoDate(week.start, settings.timeZone),
      ...tally.counts,
      visitors_month: visitorsFor(visitorsByMonth, month),
      visitors_month_key: month,
      revenue: round2(revenue.value),
      revenue_other: revenue.unconverted.map((u) => `${u.amount.toFixed(2)} ${u.currency}`).join('; '),
      currency: settings.currency,
      target_contacts: targets.contacts.target,
      target_contacts_period: targets.contacts.period,
      target_equotes: targets.equotes.target,
      target_equotes_period: targets.equotes.period,
      target_ecustomers: targets.ecustomers.target,
      target_ecustomers_period: targets.ecustomers.period,
      target_devices: targets.devices.target,
      target_devices_period: targets.devices.period,
      target_visitors: targets.visitors.target,
      target_visitors_period: targets.visitors.period,
      target_revenue: targets.revenue.target,
      target_revenue_period: targets.revenue.period,
    };
  });
}
