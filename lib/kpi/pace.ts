import type { KpiDefinition, Period } from './definitions';
import type { PaceStatus } from './snapshot-types';

/** Fraction of the pace a value may fall short by and still count as on track. */
export const BEHIND_TOLERANCE = 0.1;

export const PERIODS_PER_YEAR: Record<Period, number> = { week: 52, month: 12, quarter: 4, year: 1 };

/** What was expected by now: the target spread evenly over the period's working time. */
export function pace(target: number, elapsedWorking: number, totalWorking: number): number {
  if (!(totalWorking > 0)) return 0;
  const share = Math.min(1, Math.max(0, elapsedWorking / totalWorking));
  return target * share;
}

export interface Judged {
  /** Count so far, or the amount in the rep's currency. */
  value: number;
  /** The period's target, pro-rated when the rep started counting during the period. */
  target: number;
  /** What was due by now: the target spread over the working time, never rounded. */
  due: number;
  /**
   * The smallest shortfall that can make a rep behind: one whole item for counted KPIs, a
   * working day's share of the target for revenue. Until one unit is due, nothing is.
   */
  unit: number;
}

// Relative slack so a value sitting exactly on a threshold does not flip on float noise.
const EPSILON = 1e-9;

/**
 * A status a rep can trust:
 * - met ✓ once the period's target is reached;
 * - not due yet (grey) while less than one unit was due and nothing is counted;
 * - behind (red) only when short of what was due by at least one unit AND by the 10% margin;
 * - at risk (amber) when short by one unit within the margin, or by the margin and half a unit;
 * - ahead (green) above what was due; on track (green) otherwise.
 */
export function judge({ value, target, due, unit }: Judged): PaceStatus {
  if (!(target > 0)) return 'not-due';
  if (value >= target * (1 - EPSILON)) return 'met';
  if (due < unit * (1 - EPSILON)) return value > 0 ? 'ahead' : 'not-due';
  const shortfall = due - value;
  const shortByMargin = value <= due * (1 - BEHIND_TOLERANCE) * (1 + EPSILON);
  const shortByUnit = shortfall >= unit * (1 - EPSILON);
  if (shortByMargin && shortByUnit) return 'behind';
  // A warning before red: a whole unit short but within the margin (large targets), or short by
  // the margin and by half a unit (the next item is overdue soon).
  if (shortByUnit || (shortByMargin && shortfall >= (unit / 2) * (1 - EPSILON))) return 'at-risk';
  return value > due * (1 + EPSILON) ? 'ahead' : 'on-track';
}

/** Statuses that count as "on pace" for the badge's "N/6": everything but behind. */
export function isOnPace(status: PaceStatus): boolean {
  return status !== 'behind';
}

export function stillNeeded(target: number, value: number): number {
  return Math.max(0, target - value);
}

/** A year's worth of the target for the whole team; company KPIs are one figure for everyone. */
export function teamYearProjection(
  definition: Pick<KpiDefinition, 'scope'>,
  target: number,
  period: Period,
  teamSize: number,
): number {
  const perRepYear = target * PERIODS_PER_YEAR[period];
  return definition.scope === 'rep' ? perRepYear * teamSize : perRepYear;
}
