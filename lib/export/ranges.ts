import { periodRange, type CalendarOptions } from '@/lib/kpi/periods';

/** The quick choices the export offers, plus a custom range of weeks. */
export const EXPORT_RANGES = ['this-week', 'last-4', 'last-13', 'this-year'] as const;
export type ExportRange = (typeof EXPORT_RANGES)[number];

const WEEK_MS = 7 * 86_400_000;
// Noon, not midnight: stepping whole weeks across a DST change then stays inside the intended week.
const HALF_DAY_MS = 43_200_000;

/** The week `weeksBack` weeks before the one holding `at`, in the rep's calendar. */
export function weekBefore(at: number, weeksBack: number, calendar: CalendarOptions) {
  const current = periodRange('week', at, calendar);
  return periodRange('week', current.start - weeksBack * WEEK_MS + HALF_DAY_MS, calendar);
}

/** [from, to) of a quick choice; every choice ends with the current week, which is included. */
export function exportRangeBounds(range: ExportRange, now: number, calendar: CalendarOptions): { from: number; to: number } {
  const current = periodRange('week', now, calendar);
  switch (range) {
    case 'this-week':
      return { from: current.start, to: current.end };
    case 'last-4':
      return { from: weekBefore(now, 3, calendar).start, to: current.end };
    case 'last-13':
      return { from: weekBefore(now, 12, calendar).start, to: current.end };
    case 'this-year':
      return { from: periodRange('year', now, calendar).start, to: current.end };
  }
}
