import { KPI_IDS, type KpiId } from '@/lib/kpi/definitions';
import type { PeriodRange } from '@/lib/kpi/periods';
import { effectiveTarget, type Settings } from '@/lib/kpi/settings';
import { convertRevenue } from '@/lib/kpi/snapshot';
import { localIsoDate, monthOfWeek } from './dates';
import type { WeeklyRow } from './schema';

/** Entered visitors figures by month ("YYYY-MM"). */
export type VisitorsByMonth = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export type CountedKpi = Exclude<KpiId, 'visitors' | 'revenue'>;
export const COUNTED_KPIS: readonly CountedKpi[] = ['contacts', 'equotes', 'ecustomers', 'devices'];

function visitorsFor(source: VisitorsByMonth, month: string): number | null {
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

/** Rows from per-week tallies: revenue converted to the rep's currency, visitors and targets added. */
export function rowsFromTallies(
  weeks: readonly PeriodRange[],
  tallies: readonly WeekTally[],
  settings: Settings,
  visitorsByMonth: VisitorsByMonth,
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
