import { z } from 'zod';
import { CurrencySchema, KpiIdSchema } from '@/lib/kpi/definitions';

/**
 * One counted unit toward a KPI. `key` is unique, so a retry, a re-render or a restarted worker
 * never counts twice: `adapter:kind:recordId` for a record's first KPI (`…:recordId:kpi` for any
 * further KPI of the same record), `adapter:customer:accountId` for a new e-customer, and
 * `manual:kpi:uuid` for a +1 entered by hand (a record counted by hand gets the key detection
 * would give it).
 */
export const CountEventSchema = z.object({
  key: z.string().min(1).max(300),
  kpi: KpiIdSchema,
  /** Epoch milliseconds when it was counted. */
  at: z.number().int().nonnegative(),
  source: z.enum(['detected', 'manual']),
  /** Revenue only: decimal amount in `currency`. */
  amount: z.number().finite().nonnegative().max(1e12).optional(),
  currency: CurrencySchema.optional(),
  /** Revenue: whether the amount excludes or includes tax; absent when the CRM gives one amount only. */
  tax: z.enum(['excluded', 'included']).optional(),
  /** Revenue: the CRM did not name the currency, so the site's currency was used. */
  currencyAssumed: z.literal(true).optional(),
  /** The origin of the CRM page the record was detected on (revenue with an assumed currency). */
  site: z.string().max(300).optional(),
  adapter: z.string().max(40).optional(),
  kind: z.string().max(64).optional(),
  recordId: z.string().max(128).optional(),
  rule: z.string().max(80).optional(),
  url: z.string().max(2048).optional(),
});
export type CountEvent = z.infer<typeof CountEventSchema>;

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export interface VisitorsRow {
  month: string;
  value: number;
  updatedAt: number;
}

export interface HealthRow {
  adapter: string;
  rule: string;
  count: number;
  lastMatched: number;
}

export interface KvRow {
  k: string;
  v: unknown;
}

/** A record key the rep marked "not a new record": detection never counts it again. */
export interface BlockedRow {
  key: string;
  /** When it was marked, epoch milliseconds. */
  at: number;
  /**
   * The count it removed, kept so "Count again" puts it back as it was (same ids, no names).
   * Absent for keys marked before it was kept. Not indexed: no new database version.
   */
  event?: CountEvent;
}
