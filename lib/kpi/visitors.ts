import type { Period } from './definitions';
import { periodRange, type PeriodRange } from './periods';

const MONTHS_IN: Record<Period, number> = { week: 12 / 52, month: 1, quarter: 3, year: 12 };

/** The visitors target for one month, whatever period the rep set it for. */
export function monthlyVisitorsTarget(target: { target: number; period: Period }): number {
  return target.target / MONTHS_IN[target.period];
}

/**
 * The month visitors are judged on at `now`: the last complete one. A month's figure is known only
 * once it has closed, so the current month is never judged half-way.
 */
export function judgedVisitorsMonth(now: number, timeZone: string): PeriodRange {
  const calendar = { timeZone, weekStart: 1 };
  const current = periodRange('month', now, calendar);
  return periodRange('month', current.start - 1, calendar);
}

/** Months that closed (before the current month) below the monthly target: the article advises reviewing the marketing partner. */
export function monthsBelowTarget(figures: readonly { month: string; value: number }[], monthlyTarget: number, currentMonth: string): string[] {
  return figures.filter((f) => f.month < currentMonth && f.value < monthlyTarget).map((f) => f.month);
}
