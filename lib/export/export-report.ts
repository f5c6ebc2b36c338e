import type { KpiDatabase } from '@/lib/db/database';
import type { KpiId } from '@/lib/kpi/definitions';
import type { PeriodRange } from '@/lib/kpi/periods';
import type { Settings } from '@/lib/kpi/settings';
import { buildReport, reportPeriods, type ExportReport, type ReportInput, type RevenueCents } from './report';
import { emptyTally, tallyEvents } from './rows';

/**
 * Reads what the report over the weeks overlapping [from, to) needs, in one read transaction:
 * index counts per KPI and period (IndexedDB answers those without reading records, see
 * `exportWeeks`), the revenue events of the year months (their amounts are needed) and the
 * visitors figures of the months. `now` decides which period is still running.
 */
export async function exportReport(database: KpiDatabase, settings: Settings, from: number, to: number, now: number): Promise<ExportReport> {
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
  const input: ReportInput = {
    settings,
    now,
    periods,
    weekCounts: { contacts: figures.contacts, equotes: figures.equotes },
    monthCounts: { ecustomers: figures.ecustomers, devices: figures.devices },
    visitorsByMonth,
    yearRevenue: figures.yearRevenue,
  };
  return buildReport(input);
}
