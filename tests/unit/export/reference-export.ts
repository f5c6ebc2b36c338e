import type { KpiDatabase } from '@/lib/db/database';
import type { CountEvent } from '@/lib/db/events';
import { monthOfWeek } from '@/lib/export/dates';
import { buildReport, reportPeriods, type ExportReport, type RevenueCents } from '@/lib/export/report';
import { COUNTED_KPIS, emptyTally, rowsFromTallies, type CountedKpi, type VisitorsByMonth, type WeekTally } from '@/lib/export/rows';
import type { WeeklyRow } from '@/lib/export/schema';
import type { KpiId } from '@/lib/kpi/definitions';
import { weeksBetween, type PeriodRange } from '@/lib/kpi/periods';
import type { Settings } from '@/lib/kpi/settings';

/**
 * The export computed the way it was before day sums: counting events per KPI and period with the
 * `[kpi+at]` index and reading every revenue event. Kept as the reference the day sums must match.
 */

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
      const cents = Math.round(event.amount * 100);
      tally.revenueCents.set(event.currency, (tally.revenueCents.get(event.currency) ?? 0) + cents);
    }
  }
}

export interface WeeklyRowsInput {
  /** Counted events in any order; those outside the weeks are ignored. */
  events: readonly CountEvent[];
  /** Consecutive weeks of the rep's calendar, oldest first (as `weeksBetween` returns them). */
  weeks: readonly PeriodRange[];
  settings: Settings;
  visitorsByMonth: VisitorsByMonth;
}

/** The weekly rows straight from events. */
export function weeklyRows({ events, weeks, settings, visitorsByMonth }: WeeklyRowsInput): WeeklyRow[] {
  const tallies = weeks.map(emptyTally);
  tallyEvents(events, weeks, tallies);
  return rowsFromTallies(weeks, tallies, settings, visitorsByMonth);
}

/** exportWeeks as it counted events. */
export async function exportWeeksByCounting(database: KpiDatabase, settings: Settings, fromWeekStart: number, toWeekEnd: number): Promise<WeeklyRow[]> {
  const weeks = weeksBetween(fromWeekStart, toWeekEnd, { timeZone: settings.timeZone, weekStart: settings.weekStart });
  if (weeks.length === 0) return [];
  const months = [...new Set(weeks.map((week) => monthOfWeek(week, settings.timeZone)))];
  const tallies = weeks.map(emptyTally);
  const byKpiAndTime = database.events.where('[kpi+at]');
  const visitorRows = await database.transaction('r', database.events, database.visitors, async () => {
    const first = weeks[0]!.start;
    const last = weeks[weeks.length - 1]!.end;
    const counting = COUNTED_KPIS.flatMap((kpi) =>
      weeks.map(async (week, index) => {
        tallies[index]!.counts[kpi] = await byKpiAndTime.between([kpi, week.start], [kpi, week.end], true, false).count();
      }),
    );
    const revenue = byKpiAndTime
      .between(['revenue', first], ['revenue', last], true, false)
      .toArray()
      .then((events) => tallyEvents(events, weeks, tallies));
    const [visitors] = await Promise.all([database.visitors.bulkGet(months), revenue, ...counting]);
    return visitors;
  });
  const visitorsByMonth = new Map<string, number>();
  for (const row of visitorRows) if (row) visitorsByMonth.set(row.month, row.value);
  return rowsFromTallies(weeks, tallies, settings, visitorsByMonth);
}

/** exportReport as it counted events. */
export async function exportReportByCounting(database: KpiDatabase, settings: Settings, from: number, to: number, now: number): Promise<ExportReport> {
  const periods = reportPeriods(settings, from, to, now);
  const byKpiAndTime = database.events.where('[kpi+at]');
  const countEach = (kpi: KpiId, ranges: readonly PeriodRange[]) =>
    Promise.all(ranges.map((range) => byKpiAndTime.between([kpi, range.start], [kpi, range.end], true, false).count()));
  const figures = await database.transaction('r', database.events, database.visitors, async () => {
    const { weeks, months, yearMonths } = periods;
    const revenue = async (): Promise<RevenueCents[]> => {
      const tallies = yearMonths.map(emptyTally);
      if (yearMonths.length > 0) {
        const events = await byKpiAndTime
          .between(['revenue', yearMonths[0]!.start], ['revenue', yearMonths[yearMonths.length - 1]!.end], true, false)
          .toArray();
        tallyEvents(events, yearMonths, tallies);
      }
      return tallies.map((tally) => tally.revenueCents);
    };
    const [contacts, equotes, ecustomers, devices, visitors, yearRevenue] = await Promise.all([
      countEach('contacts', weeks),
      countEach('equotes', weeks),
      countEach('ecustomers', months),
      countEach('devices', months),
      database.visitors.bulkGet(months.map((month) => month.label)),
      revenue(),
    ]);
    return { contacts, equotes, ecustomers, devices, visitors, yearRevenue };
  });
  const visitorsByMonth = new Map<string, number>();
  for (const row of figures.visitors) if (row) visitorsByMonth.set(row.month, row.value);
  return buildReport({
    settings,
    now,
    periods,
    weekCounts: { contacts: figures.contacts, equotes: figures.equotes },
    monthCounts: { ecustomers: figures.ecustomers, devices: figures.devices },
    visitorsByMonth,
    yearRevenue: figures.yearRevenue,
  });
}
