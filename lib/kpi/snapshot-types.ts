import type { KpiId, Period } from './definitions';

export type PaceStatus = 'ahead' | 'on-track' | 'behind';

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
  /** What was expected by now: target × elapsed working time ÷ working time in the period. */
  pace: number;
  status: PaceStatus;
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
  locale?: string;
  kpis: KpiProgress[];
  /** How many KPIs are not behind. */
  onPace: number;
  /** The worst status across KPIs. */
  worst: PaceStatus;
}
