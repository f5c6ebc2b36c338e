import type { KpiDatabase } from '../db/database';
import { eventsBetween } from '../db/queries';
import { weeksBetween } from '../kpi/periods';
import type { Settings } from '../kpi/settings';
import { monthOfWeek } from './dates';
import { weeklyRows } from './rows';
import type { WeeklyRow } from './schema';

/**
 * Weekly rows for every week of the rep's calendar overlapping [fromWeekStart, toWeekEnd).
 * One range query for the events and one for the visitors figures, whatever the number of weeks.
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
  const [events, visitorRows] = await Promise.all([
    eventsBetween(database, weeks[0]!.start, weeks[weeks.length - 1]!.end),
    database.visitors.bulkGet(months),
  ]);
  const visitorsByMonth = new Map<string, number>();
  for (const row of visitorRows) if (row) visitorsByMonth.set(row.month, row.value);
  return weeklyRows({ events, weeks, settings, visitorsByMonth });
}
