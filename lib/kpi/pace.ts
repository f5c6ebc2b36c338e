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

/**
 * 'behind' when the value is 10% or more short of the pace (value ≤ pace × 0.9); 'ahead' when the
 * value is above the pace; otherwise 'on-track'. At the very start of a period (pace 0) nothing is
 * due yet: 0 is on track, anything more is ahead.
 */
export function status(value: number, expected: number): PaceStatus {
  const threshold = expected * (1 - BEHIND_TOLERANCE);
  // The relative slack keeps a value sitting exactly on the threshold from flipping on float noise.
  if (expected > 0 && value <= threshold + Math.abs(threshold) * 1e-9) return 'behind';
  if (value > expected) return 'ahead';
  return 'on-track';
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
