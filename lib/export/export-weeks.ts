import type { KpiDatabase } from '../db/database';
import { weeksBetween } from '../kpi/periods';
import type { Settings } from '../kpi/settings';
import { monthOfWeek } from './dates';
import { COUNTED_KPIS, emptyTally, rowsFromTallies, tallyEvents, weekIndexOf } from './rows';
import type { WeeklyRow } from './schema';

/**
 * Weekly rows for every week of the rep's calendar overlapping [fromWeekStart, toWeekEnd).
 *
 * Counted KPIs are answered from the `[kpi+at]` index keys alone (one key read per KPI over the
 * whole range, bucketed into weeks here), which IndexedDB does without reading a single record;
 * only revenue events are read, because their amounts are needed. Reading every event instead
 * spends most of its time deserialising records whose only use would be "+1", and a count per
 * KPI and week costs hundreds of round trips.
 */
export async function exportWeeks(
  database: KpiDatabase,
  settings: Settings,
  fromWeekStart: number,
  toWeekEnd: number,
): Promise<WeeklyRow[]> {
  const weeks = weeksBetween(fromWeekStart, toWeekEnd, { timeZone: settings.timeZone, weekStart: settings.weekStart });
  if (weeks.length === 0) return [];
  const months = [...new Set(weeks.map((week) => monthOfWeek(week, settings.timeZone)))];
  const tallies = weeks.map(emptyTally);
  const byKpiAndTime = database.events.where('[kpi+at]');

  const visitorRows = await database.transaction('r', database.events, database.visitors, async () => {
    const first = weeks[0]!.start;
    const last = weeks[weeks.length - 1]!.end;
    const counting = COUNTED_KPIS.map(async (kpi) => {
      const keys = (await byKpiAndTime.between([kpi, first], [kpi, last], true, false).keys()) as unknown as [string, number][];
      for (const [, at] of keys) {
        const index = weekIndexOf(weeks, at);
        if (index >= 0) tallies[index]!.counts[kpi] += 1;
      }
    });
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
