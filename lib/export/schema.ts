import { z } from 'zod';
import { CurrencySchema, PeriodSchema } from '@/lib/kpi/definitions';
import { MonthSchema } from '@/lib/db/events';

/**
 * One week of one rep's counts, as written to the JSON export (the machine format; people get
 * the .xlsx and CSV report). The same shape is what a team import reads back, so every field is
 * bounded and unknown fields are refused.
 */
const Count = z.number().int().nonnegative().max(1e9);
const Target = z.number().finite().nonnegative().max(1e15);

export const WeeklyRowSchema = z.strictObject({
  rep: z.string().max(80),
  /** ISO week label, e.g. "2026-W48". */
  week: z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'an ISO week such as 2026-W48'),
  /** The week's first day in the rep's time zone. */
  week_start: z.iso.date(),
  contacts: Count,
  equotes: Count,
  ecustomers: Count,
  devices: Count,
  /**
   * Visitors are one company figure per month, not a weekly count: this is the figure of the month
   * holding the week's middle day (its Thursday for Monday weeks), null when none was entered.
   */
  visitors_month: Count.nullable(),
  visitors_month_key: MonthSchema,
  /** Revenue in `currency`, with amounts in other currencies converted at the rep's rates. */
  revenue: z.number().finite().nonnegative().max(1e15),
  /** Amounts with no conversion rate, kept apart: "1200.00 EUR; 35.50 GBP", empty when none. */
  revenue_other: z.string().max(500),
  currency: CurrencySchema,
  target_contacts: Target,
  target_contacts_period: PeriodSchema,
  target_equotes: Target,
  target_equotes_period: PeriodSchema,
  target_ecustomers: Target,
  target_ecustomers_period: PeriodSchema,
  target_devices: Target,
  target_devices_period: PeriodSchema,
  target_visitors: Target,
  target_visitors_period: PeriodSchema,
  target_revenue: Target,
  target_revenue_period: PeriodSchema,
});
export type WeeklyRow = z.infer<typeof WeeklyRowSchema>;

/**
 * One calendar month of one rep, as the spreadsheet report has it: the monthly KPIs of the months
 * the exported weeks touch, revenue for every month of the year so far. A figure the export did
 * not count for that month is null. The team page takes monthly KPIs and revenue from here, so a
 * week straddling two months is no longer a guess.
 */
const NullableCount = Count.nullable();
export const MonthRowSchema = z.strictObject({
  month: MonthSchema,
  ecustomers: NullableCount,
  devices: NullableCount,
  /** The visitors figure entered for the month; null when none was entered or the month was not counted. */
  visitors: NullableCount,
  revenue: z.number().finite().nonnegative().max(1e15).nullable(),
  revenue_other: z.string().max(500),
});
export type MonthRow = z.infer<typeof MonthRowSchema>;

/** Twenty years of weeks: far beyond any real export, small enough to refuse a flood. */
export const MAX_EXPORT_WEEKS = 1060;

export const WEEKLY_EXPORT_SCHEMA_ID = 'kpi-pacer/weekly';

export const WeeklyExportSchema = z.strictObject({
  schema: z.literal(WEEKLY_EXPORT_SCHEMA_ID),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  rep: z.string().max(80),
  currency: CurrencySchema,
  weeks: z.array(WeeklyRowSchema).max(MAX_EXPORT_WEEKS),
  /** Added after the first release: files without it still read (their months come from the weeks). */
  months: z.array(MonthRowSchema).max(MAX_EXPORT_WEEKS).optional(),
});
export type WeeklyExport = z.infer<typeof WeeklyExportSchema>;
