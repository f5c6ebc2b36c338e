import type { KpiDatabase } from '@/lib/db/database';
import { daySumsIn } from '@/lib/db/day-sums-read';
import type { PeriodRange } from '@/lib/kpi/periods';
import type { Settings } from '@/lib/kpi/settings';
import { tallyDays } from './day-tallies';
import { buildReport, reportPeriods, type ExportReport, type ReportInput } from './report';

/**
 * Reads what the report over the weeks overlapping [from, to) needs: the day sums of every day its
 * weeks, months and year months cover (one read, see `exportWeeks`) and the visitors figures of
 * the months. `now` decides which period is still running.
 */
export async function exportReport(database: KpiDatabase, settings: Settings, from: number, to: number, now: number): Promise<ExportReport> {
  const periods = reportPeriods(settings, from, to, now);
  const { weeks, months, yearMonths } = periods;
  const all: PeriodRange[] = [...weeks, ...months, ...yearMonths];
  const start = Math.min(...all.map((period) => period.start));
  const end = Math.max(...all.map((period) => period.end));
  const [days, visitors] = await Promise.all([
    all.length > 0 ? daySumsIn(database, settings.timeZone, start, end) : [],
    database.visitors.bulkGet(months.map((month) => month.label)),
  ]);
  const tally = (ranges: readonly PeriodRange[]) => tallyDays(days, ranges, settings.timeZone);
  const [weekTallies, monthTallies, yearTallies] = [tally(weeks), tally(months), tally(yearMonths)];

  const visitorsByMonth = new Map<string, number>();
  for (const row of visitors) if (row) visitorsByMonth.set(row.month, row.value);
  const input: ReportInput = {
    settings,
    now,
    periods,
    weekCounts: { contacts: weekTallies.map((t) => t.counts.contacts), equotes: weekTallies.map((t) => t.counts.equotes) },
    monthCounts: { ecustomers: monthTallies.map((t) => t.counts.ecustomers), devices: monthTallies.map((t) => t.counts.devices) },
    visitorsByMonth,
    yearRevenue: yearTallies.map((t) => t.revenueCents),
  };
  return buildReport(input);
}
