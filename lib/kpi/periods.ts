import { TZDate, tz, tzOffset } from '@date-fns/tz';
import {
  addDays,
  addMonths,
  addQuarters,
  addWeeks,
  addYears,
  getISOWeek,
  getISOWeekYear,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  startOfYear,
  type Day,
} from 'date-fns';
import type { Period } from './definitions';

/** Half-open interval [start, end) in epoch ms, with a stable human-readable key. */
export interface PeriodRange {
  start: number;
  end: number;
  label: string;
}

export interface CalendarOptions {
  timeZone: string;
  /** JS day number the rep's week starts on: 0 = Sunday … 6 = Saturday. */
  weekStart: number;
}

export interface WorkingTimeOptions {
  timeZone: string;
  /** JS day numbers counted as working days. */
  workingDays: readonly number[];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** ISO 8601 week label of the instant as seen in the time zone, e.g. "2026-W53". */
export function isoWeekLabel(at: number, timeZone: string): string {
  const inZone = tz(timeZone);
  return `${getISOWeekYear(at, { in: inZone })}-W${pad2(getISOWeek(at, { in: inZone }))}`;
}

/** "YYYY-MM" of the instant as seen in the time zone. */
export function monthKey(at: number, timeZone: string): string {
  const local = new TZDate(at, timeZone);
  return `${local.getFullYear()}-${pad2(local.getMonth() + 1)}`;
}

export function periodRange(period: Period, at: number, options: CalendarOptions): PeriodRange {
  const inZone = tz(options.timeZone);
  switch (period) {
    case 'week': {
      const start = startOfWeek(at, { in: inZone, weekStartsOn: options.weekStart as Day });
      // A rep's week need not start on Monday, so it can straddle two ISO weeks. It takes the label
      // of the ISO week holding most (at least four) of its seven days, which is always the ISO
      // week of its fourth day. With a Monday start this is exactly the ISO week; with a Sunday
      // start, Sunday 27 Dec 2026 – Saturday 2 Jan 2027 is "2026-W53".
      const fourthDay = addDays(start, 3).getTime();
      return { start: start.getTime(), end: addWeeks(start, 1).getTime(), label: isoWeekLabel(fourthDay, options.timeZone) };
    }
    case 'month': {
      const start = startOfMonth(at, { in: inZone });
      return {
        start: start.getTime(),
        end: addMonths(start, 1).getTime(),
        label: `${start.getFullYear()}-${pad2(start.getMonth() + 1)}`,
      };
    }
    case 'quarter': {
      const start = startOfQuarter(at, { in: inZone });
      return {
        start: start.getTime(),
        end: addQuarters(start, 1).getTime(),
        label: `${start.getFullYear()}-Q${Math.floor(start.getMonth() / 3) + 1}`,
      };
    }
    case 'year': {
      const start = startOfYear(at, { in: inZone });
      return { start: start.getTime(), end: addYears(start, 1).getTime(), label: String(start.getFullYear()) };
    }
  }
}

/** Every week (in the rep's calendar) that overlaps [from, to), oldest first; empty when to ≤ from. */
export function weeksBetween(from: number, to: number, options: CalendarOptions): PeriodRange[] {
  const weeks: PeriodRange[] = [];
  if (!(to > from)) return weeks;
  let week = periodRange('week', from, options);
  while (week.start < to) {
    weeks.push(week);
    week = periodRange('week', week.end, options);
  }
  return weeks;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The instant a local calendar day starts. `wallDay` is that date's midnight written as if it were
 * UTC; `hintMinutes` is the offset most likely in force (the previous day's), which saves a lookup.
 */
function localDayStart(wallDay: number, timeZone: string, hintMinutes: number): { at: number; offset: number } {
  const guess = wallDay - hintMinutes * MINUTE;
  const offset = tzOffset(timeZone, new Date(guess));
  if (offset === hintMinutes) return { at: guess, offset };
  const retry = wallDay - offset * MINUTE;
  const retryOffset = tzOffset(timeZone, new Date(retry));
  if (retryOffset === offset) return { at: retry, offset };
  // Midnight itself was skipped by a DST jump: the day starts when the later offset begins.
  const smaller = Math.min(offset, retryOffset);
  return { at: wallDay - smaller * MINUTE, offset: Math.max(offset, retryOffset) };
}

/**
 * Milliseconds of [from, to) that fall on working days in the time zone. Days count whole, midnight
 * to midnight, so a DST day adds its real 23 or 25 hours. One offset lookup per calendar day
 * touched: this runs over a whole year for every snapshot, where stepping TZDate objects day by day
 * costs tens of milliseconds.
 */
export function workingTimeBetween(from: number, to: number, options: WorkingTimeOptions): number {
  if (!(to > from)) return 0;
  const working = new Set(options.workingDays);
  if (working.size === 0) return 0;

  const { timeZone } = options;
  const fromOffset = tzOffset(timeZone, new Date(from));
  let wallDay = Math.floor((from + fromOffset * MINUTE) / DAY) * DAY;
  let day = localDayStart(wallDay, timeZone, fromOffset);
  let total = 0;
  while (day.at < to) {
    const nextWallDay = wallDay + DAY;
    const next = localDayStart(nextWallDay, timeZone, day.offset);
    // 1 January 1970 was a Thursday (JS day 4).
    const weekday = (((wallDay / DAY) % 7) + 11) % 7;
    if (working.has(weekday)) total += Math.min(to, next.at) - Math.max(from, day.at);
    wallDay = nextWallDay;
    day = next;
  }
  return total;
}
