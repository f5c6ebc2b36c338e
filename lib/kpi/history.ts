import { TZDate } from '@date-fns/tz';
import type { ExportReport } from '@/lib/export/report';
import { targetPer } from '@/lib/export/report';
import type { KpiId } from './definitions';
import { periodRange, workingTimeBetween, type CalendarOptions } from './periods';
import { effectiveTarget, type Settings } from './settings';
import { workingOptionsOf } from './snapshot';

/**
 * A KPI's recent history, built from the manager's report (the same per-week and per-month counts
 * the export writes), so the History section and the export can never disagree.
 */

/** How many weeks (weekly KPIs) and months (monthly KPIs) the history shows. */
export const HISTORY_LENGTH = 12;

export interface HistoryPoint {
  /** "YYYY-MM-DD" of the period's first and last day in the rep's time zone. */
  first: string;
  last: string;
  /** Count (or revenue in the rep's currency); null when nothing was entered (visitors). */
  value: number | null;
  /** The period's target. */
  target: number;
  /** The target is reached (in a running period: already reached). */
  met: boolean;
  /** The period holding "now": its figure is so far, not final. */
  partial: boolean;
  /** No working time at all (a vacation week): missing its target does not break a streak. */
  off: boolean;
}

export interface KpiHistory {
  kpi: KpiId;
  period: 'week' | 'month';
  /** Oldest first. */
  points: HistoryPoint[];
  /** Consecutive periods with the target met, back from the latest; the running one only once met. */
  streak: number;
  /** The period with the highest figure (the most recent among equals); null without any figure. */
  best: HistoryPoint | null;
}

export type History = KpiHistory[];

/** KPIs in the order the cards show them, each with the period its history is kept in. */
const HISTORY_KPIS: readonly { kpi: KpiId; period: 'week' | 'month' }[] = [
  { kpi: 'contacts', period: 'week' },
  { kpi: 'equotes', period: 'week' },
  { kpi: 'ecustomers', period: 'month' },
  { kpi: 'devices', period: 'month' },
  { kpi: 'visitors', period: 'month' },
  { kpi: 'revenue', period: 'month' },
];

const calendarOf = (settings: Settings): CalendarOptions => ({ timeZone: settings.timeZone, weekStart: settings.weekStart });

/**
 * The instant from which the report must be read to cover the last 12 weeks, the last 12 months
 * and the months of the current year: the earliest of those starts.
 */
export function historyStart(settings: Settings, now: number): number {
  const calendar = calendarOf(settings);
  let week = periodRange('week', now, calendar);
  let month = periodRange('month', now, calendar);
  for (let i = 1; i < HISTORY_LENGTH; i++) {
    week = periodRange('week', week.start - 1, calendar);
    month = periodRange('month', month.start - 1, calendar);
  }
  return Math.min(week.start, month.start, periodRange('year', now, calendar).start);
}

/**
 * Consecutive met periods, newest first. A running period not met yet and a period with no working
 * time (days off) are skipped: neither has been lost.
 */
export function streakOf(points: readonly HistoryPoint[]): number {
  let streak = 0;
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i]!;
    if (point.met) streak++;
    else if (point.partial || point.off) continue;
    else break;
  }
  return streak;
}

/** The period with the highest figure; ties go to the most recent. */
export function bestOf(points: readonly HistoryPoint[]): HistoryPoint | null {
  let best: HistoryPoint | null = null;
  for (const point of points) {
    if (point.value === null || point.value <= 0) continue;
    if (!best || point.value >= best.value!) best = point;
  }
  return best;
}

function withSummary(kpi: KpiId, period: 'week' | 'month', points: HistoryPoint[]): KpiHistory {
  return { kpi, period, points, streak: streakOf(points), best: bestOf(points) };
}

/** An instant inside the local day "YYYY-MM-DD" (noon, far from any DST change). */
function localNoon(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 12, 0, timeZone).getTime();
}

const isMet = (value: number | null, target: number): boolean => value !== null && target > 0 && value >= target;

/**
 * Per KPI: the last 12 weeks (contacts, e-quotes), the last 12 months (new online customers,
 * devices, website visitors) and the months of the current year (revenue, against a twelfth of
 * the yearly target), each with its figure, target and whether it was met. Pure.
 */
export function buildHistory(report: ExportReport, settings: Settings, now: number): History {
  const year = String(new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone, year: 'numeric' }).format(now));
  const lastOf = <T>(rows: readonly T[]) => rows.slice(-HISTORY_LENGTH);
  const { target: revenueTarget, period: revenuePeriod } = effectiveTarget(settings, 'revenue');
  const working = workingOptionsOf(settings);
  const calendar = calendarOf(settings);
  // A period is identified by its first day; its bounds come back from the calendar.
  const offCache = new Map<string, boolean>();
  const isOff = (period: 'week' | 'month', first: string): boolean => {
    const key = `${period}:${first}`;
    let off = offCache.get(key);
    if (off === undefined) {
      const range = periodRange(period, localNoon(first, settings.timeZone), calendar);
      off = workingTimeBetween(range.start, range.end, working) === 0;
      offCache.set(key, off);
    }
    return off;
  };
  const revenueMonthTarget = targetPer(revenueTarget, revenuePeriod, 'month');
  return HISTORY_KPIS.map(({ kpi, period }) => {
    if (kpi === 'contacts' || kpi === 'equotes') {
      return withSummary(
        kpi,
        period,
        lastOf(report.weeks).map((week) => {
          const m = week.kpis[kpi];
          return { first: week.first, last: week.last, value: m.value, target: m.target, met: isMet(m.value, m.target), partial: week.partial, off: isOff('week', week.first) };
        }),
      );
    }
    if (kpi === 'revenue') {
      return withSummary(
        kpi,
        period,
        report.year
          .filter((month) => month.first.startsWith(year))
          .map((month) => ({
            first: month.first,
            last: month.last,
            value: month.revenue,
            target: revenueMonthTarget,
            met: isMet(month.revenue, revenueMonthTarget),
            partial: month.partial,
            off: isOff('month', month.first),
          })),
      );
    }
    return withSummary(
      kpi,
      period,
      lastOf(report.months).map((month) => {
        const m = month.kpis[kpi as 'ecustomers' | 'devices' | 'visitors'];
        return { first: month.first, last: month.last, value: m.value, target: m.target, met: isMet(m.value, m.target), partial: month.partial, off: isOff('month', month.first) };
      }),
    );
  });
}
