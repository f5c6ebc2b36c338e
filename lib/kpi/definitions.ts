import { z } from 'zod';

/** The six KPIs, in display order. */
export const KPI_IDS = ['contacts', 'equotes', 'ecustomers', 'devices', 'visitors', 'revenue'] as const;
export const KpiIdSchema = z.enum(KPI_IDS);
export type KpiId = z.infer<typeof KpiIdSchema>;

export const PERIODS = ['week', 'month', 'quarter', 'year'] as const;
export const PeriodSchema = z.enum(PERIODS);
export type Period = z.infer<typeof PeriodSchema>;

export interface KpiDefinition {
  id: KpiId;
  /** Default target per period. Revenue is a decimal amount in the rep's currency. */
  target: number;
  period: Period;
  /** 'company' KPIs are entered as one figure per period, not counted per record. */
  scope: 'rep' | 'company';
  /** Revenue sums amounts; every other KPI counts events. */
  measure: 'count' | 'amount';
}

/** Defaults from the MPS Toolbox article on six KPIs that move a dealer's sales onto the web; README lists them. */
export const KPI_DEFINITIONS: Record<KpiId, KpiDefinition> = {
  contacts: { id: 'contacts', target: 5, period: 'week', scope: 'rep', measure: 'count' },
  equotes: { id: 'equotes', target: 2, period: 'week', scope: 'rep', measure: 'count' },
  ecustomers: { id: 'ecustomers', target: 2, period: 'month', scope: 'rep', measure: 'count' },
  devices: { id: 'devices', target: 20, period: 'month', scope: 'rep', measure: 'count' },
  visitors: { id: 'visitors', target: 250, period: 'month', scope: 'company', measure: 'count' },
  revenue: { id: 'revenue', target: 100_000, period: 'year', scope: 'rep', measure: 'amount' },
};

/** The article quotes the revenue target in two currencies. */
export const REVENUE_TARGET_BY_CURRENCY: Record<string, number> = { USD: 100_000, EUR: 93_500 };

export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as USD');
