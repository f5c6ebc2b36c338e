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
  /**
   * The working day in minutes after local midnight, [start, end); whole days when absent. Pace
   * accrues only inside it, so nothing is due before work starts and nothing more after it ends.
   */
  hours?: { start: number; end: number };
  /** Local dates not worked (holidays, vacation), inclusive "YYYY-MM-DD" ranges. */
  daysOff?: readonly { from: string; to: string }[];
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

/**
 * The period holding `at`. Periods tile the timeline, so a range found once answers every instant
 * inside it: the last few per calendar are kept, because the time zone arithmetic behind them costs
 * tens of microseconds per step and the snapshot after every count asks for the same few ranges.
 */
export function periodRange(period: Period, at: number, options: CalendarOptions): PeriodRange {
  const key = `${period}|${options.timeZone}|${options.weekStart}`;
  let kept = rangesFound.get(key);
  const hit = kept?.find((range) => at >= range.start && at < range.end);
  if (hit) return { ...hit };
  const range = findPeriodRange(period, at, options);
  if (!kept) {
    if (rangesFound.size >= 64) rangesFound.clear();
    kept = [];
    rangesFound.set(key, kept);
  }
  kept.unshift(range);
  if (kept.length > 8) kept.pop();
  return { ...range };
}

const rangesFound = new Map<string, PeriodRange[]>();

function findPeriodRange(period: Period, at: number, options: CalendarOptions): PeriodRange {
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

/** The instant a local wall-clock time happens; a time skipped by a DST jump maps to the jump. */
function localInstant(wall: number, timeZone: string, hintMinutes: number): { at: number; offset: number } {
  const guess = wall - hintMinutes * MINUTE;
  const offset = tzOffset(timeZone, new Date(guess));
  if (offset === hintMinutes) return { at: guess, offset };
  const retry = wall - offset * MINUTE;
  const retryOffset = tzOffset(timeZone, new Date(retry));
  if (retryOffset === offset) return { at: retry, offset };
  const smaller = Math.min(offset, retryOffset);
  return { at: wall - smaller * MINUTE, offset: Math.max(offset, retryOffset) };
}

/** A local date "YYYY-MM-DD" as its midnight written as if it were UTC (the wall-day encoding). */
export function wallDayOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The instant a local date ("YYYY-MM-DD") starts in the time zone. */
export function startOfLocalDate(date: string, timeZone: string): number {
  const key = `${date}|${timeZone}`;
  let start = dayStartsFound.get(key);
  if (start === undefined) {
    const wall = wallDayOf(date);
    start = localDayStart(wall, timeZone, tzOffset(timeZone, new Date(wall))).at;
    if (dayStartsFound.size >= 256) dayStartsFound.clear();
    dayStartsFound.set(key, start);
  }
  return start;
}

// A few dates are asked for again and again (the counting start, days off); each costs time zone arithmetic.
const dayStartsFound = new Map<string, number>();

/** The local date ("YYYY-MM-DD") of an instant in the time zone. */
export function localDateOf(at: number, timeZone: string): string {
  const local = new TZDate(at, timeZone);
  return `${local.getFullYear()}-${pad2(local.getMonth() + 1)}-${pad2(local.getDate())}`;
}

const HOUR = 60 * MINUTE;

/** Half-open [start, end) stretches of working time, oldest first. */
export type WorkingWindows = readonly (readonly [number, number])[];

/**
 * The working time within [from, to) as windows: on working days that are not days off, inside the
 * working hours (or whole days, midnight to midnight, without them; then a DST day gives its real
 * 23 or 25 hours). Two offset lookups per calendar day: stepping TZDate objects day by day over a
 * year costs tens of milliseconds.
 */
export function workingWindows(from: number, to: number, options: WorkingTimeOptions): WorkingWindows {
  const windows: [number, number][] = [];
  if (!(to > from)) return windows;
  const working = new Set(options.workingDays);
  if (working.size === 0) return windows;
  const off = (options.daysOff ?? []).map((range) => ({ from: wallDayOf(range.from), to: wallDayOf(range.to) }));
  const isOff = (wallDay: number) => off.some((range) => wallDay >= range.from && wallDay <= range.to);
  const { timeZone, hours } = options;

  let offset = tzOffset(timeZone, new Date(from));
  let wallDay = Math.floor((from + offset * MINUTE) / DAY) * DAY;
  // A local day starts at most 14 hours before its wall-clock midnight read as UTC.
  while (wallDay - 14 * HOUR < to) {
    // 1 January 1970 was a Thursday (JS day 4).
    const weekday = (((wallDay / DAY) % 7) + 11) % 7;
    if (working.has(weekday) && !isOff(wallDay)) {
      const start = localInstant(wallDay + (hours ? hours.start : 0) * MINUTE, timeZone, offset);
      const end = hours
        ? localInstant(wallDay + hours.end * MINUTE, timeZone, start.offset)
        : localDayStart(wallDay + DAY, timeZone, start.offset);
      offset = end.offset;
      const a = Math.max(from, start.at);
      const b = Math.min(to, end.at);
      if (b > a) windows.push([a, b]);
    }
    wallDay += DAY;
  }
  return windows;
}

/** Milliseconds of [from, to) covered by the windows. */
export function timeInWindows(windows: WorkingWindows, from: number, to: number): number {
  let total = 0;
  for (const [start, end] of windows) {
    if (start >= to) break;
    if (end > from) total += Math.min(to, end) - Math.max(from, start);
  }
  return total;
}

/** Milliseconds of [from, to) that fall in working time in the time zone (see workingWindows). */
export function workingTimeBetween(from: number, to: number, options: WorkingTimeOptions): number {
  return timeInWindows(workingWindows(from, to, options), from, to);
}

// The background recomputes the same periods on every count: their windows are kept for reuse.
const windowCache = new Map<string, WorkingWindows>();
const WINDOW_CACHE_SIZE = 24;

/** workingWindows, remembered for the last few (period, calendar) pairs. */
export function cachedWorkingWindows(from: number, to: number, options: WorkingTimeOptions): WorkingWindows {
  const key = JSON.stringify([from, to, options.timeZone, options.workingDays, options.hours, options.daysOff]);
  let windows = windowCache.get(key);
  if (!windows) {
    windows = workingWindows(from, to, options);
    if (windowCache.size >= WINDOW_CACHE_SIZE) windowCache.delete(windowCache.keys().next().value!);
    windowCache.set(key, windows);
  }
  return windows;
}
