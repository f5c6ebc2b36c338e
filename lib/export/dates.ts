import { monthKey, type PeriodRange } from '@/lib/kpi/periods';

const DAY_MS = 86_400_000;

const isoDateFormats = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD" of the instant as seen in the time zone. */
export function localIsoDate(at: number, timeZone: string): string {
  let format = isoDateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    isoDateFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The month ("YYYY-MM") a week belongs to: the month of its middle (fourth) day, the same day
 * that decides its ISO week label, so a week is never split between two months. For a week
 * starting Monday that day is Thursday. Noon keeps the arithmetic clear of DST shifts.
 */
export function monthOfWeek(week: PeriodRange, timeZone: string): string {
  return monthKey(week.start + 3 * DAY_MS + DAY_MS / 2, timeZone);
}
