import type { Period } from '../../lib/kpi/definitions';

const MONTHS_IN: Record<Period, number> = { week: 12 / 52, month: 1, quarter: 3, year: 12 };

/** The visitors target for one month, whatever period the rep set it for. */
export function monthlyVisitorsTarget(target: { target: number; period: Period }): number {
  return target.target / MONTHS_IN[target.period];
}

/**
 * Months that have closed (before the current month) with fewer visitors than the monthly target:
 * the article advises reviewing the marketing partner for these.
 */
export function monthsBelowTarget(figures: readonly { month: string; value: number }[], monthlyTarget: number, currentMonth: string): string[] {
  return figures.filter((f) => f.month < currentMonth && f.value < monthlyTarget).map((f) => f.month);
}
