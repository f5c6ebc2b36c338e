import type { DaySums } from '@/lib/db/day-sums';
import { localDateOf, type PeriodRange } from '@/lib/kpi/periods';
import { COUNTED_KPIS, emptyTally, type WeekTally } from './rows';

/**
 * One tally per period (same order) from the day sums of those periods' days. Periods are whole
 * local days in the time zone (weeks and months of the rep's calendar), consecutive, oldest first;
 * days are sorted oldest first, and days outside every period are ignored.
 *
 * Revenue currencies enter each tally in the order their first event does, as adding the events
 * one by one in time order did: a day's entries are kept in that order, and days come in order.
 */
export function tallyDays(days: readonly DaySums[], periods: readonly PeriodRange[], timeZone: string): WeekTally[] {
  const tallies = periods.map(emptyTally);
  if (periods.length === 0) return tallies;
  // "YYYY-MM-DD" strings sort as the dates they name.
  const firstDays = periods.map((period) => localDateOf(period.start, timeZone));
  const endDays = periods.map((period) => localDateOf(period.end, timeZone));
  let index = 0;
  for (const day of days) {
    while (index < periods.length && day.day >= endDays[index]!) index += 1;
    if (index === periods.length) break;
    if (day.day < firstDays[index]!) continue;
    const tally = tallies[index]!;
    for (const kpi of COUNTED_KPIS) tally.counts[kpi] += day.counts[kpi] ?? 0;
    for (const { currency, cents } of day.revenue) tally.revenueCents.set(currency, (tally.revenueCents.get(currency) ?? 0) + cents);
  }
  return tallies;
}
