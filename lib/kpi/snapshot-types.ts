import type { KpiId, Period } from './definitions';

/**
 * ahead / on track (green), at risk (amber), behind (red), not due yet (grey), met (✓).
 * See `judge` in pace.ts for when each applies.
 */
export type PaceStatus = 'ahead' | 'on-track' | 'at-risk' | 'behind' | 'not-due' | 'met';

/** What it takes from here to meet the period's target. */
export interface Outlook {
  /** Still needed: whole items for counted KPIs, the amount for revenue; 0 once met. */
  remaining: number;
  /** Working days left in the period, today included while its working hours last. */
  workingDaysLeft: number;
  /** `remaining` spread over those days (0 when none are left). */
  perDay: number;
}

/** Everything a view needs to show one KPI for the current period. */
export interface KpiProgress {
  kpi: KpiId;
  period: Period;
  /** Period boundaries, epoch ms, in the rep's time zone: [start, end). */
  periodStart: number;
  periodEnd: number;
  /** e.g. "2026-W48", "2026-11", "2026-Q4", "2026". */
  periodLabel: string;
  /** Count so far, or the revenue amount in the rep's currency. */
  value: number;
  target: number;
  /**
   * What was due by now: target × elapsed working time ÷ the period's working time (from the
   * counting start when pro-rated). Fractional; views show counted KPIs in whole items (floor).
   */
  pace: number;
  status: PaceStatus;
  /** Set when the period is pro-rated: the instant the rep started counting (local midnight). */
  proratedFrom?: number;
  /** Set when the target was reduced (a late start, days off): the full period's target. */
  fullTarget?: number;
  /** What it takes from here (not for visitors, which are judged on completed months). */
  outlook?: Outlook;
  /** Revenue in a currency with no recommended target, before the rep set one. */
  targetUnset?: true;
  /**
   * Visitors only: the month judged (the last complete one), as "YYYY-MM" with its bounds; `value`
   * is its figure and `target` the monthly target.
   */
  judgedMonth?: { key: string; start: number; end: number };
  /** Visitors only: no figure was entered for the judged month. */
  figureMissing?: true;
  /** max(0, target − value). */
  stillNeeded: number;
  /** Revenue only: the rep's currency. */
  currency?: string;
  /** Revenue in other currencies that has no conversion rate set: shown beside, never mixed in. */
  unconverted?: { currency: string; amount: number }[];
  /** Team projection for a year: per-rep yearly equivalent × team size (company KPIs: not multiplied). */
  teamYearProjection: number;
}

export interface Snapshot {
  at: number;
  repName: string;
  kpis: KpiProgress[];
  /** How many KPIs are not behind. */
  onPace: number;
  /** The worst status across KPIs (behind, then at risk, then the rest). */
  worst: PaceStatus;
}
