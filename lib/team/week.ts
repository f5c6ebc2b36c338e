import { z } from 'zod';
import { MonthSchema } from '@/lib/db/events';
import { CurrencySchema, KPI_IDS, PeriodSchema, type KpiId, type Period } from '@/lib/kpi/definitions';
import type { MonthRow, WeeklyRow } from '@/lib/export/schema';

/**
 * One rep's figures for one week from one device: what the team page adds up. It is the same for
 * an imported file and a server document, and holds aggregates only (no record ids, URLs, names
 * of customers or emails).
 */
const Count = z.number().int().nonnegative().max(1e9);
const TargetSchema = z.strictObject({ target: z.number().finite().nonnegative().max(1e15), period: PeriodSchema });
export type TeamTarget = z.infer<typeof TargetSchema>;

export const WeekLabelSchema = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/);

export const COUNTED_TEAM_KPIS = ['contacts', 'equotes', 'ecustomers', 'devices'] as const;
export type CountedTeamKpi = (typeof COUNTED_TEAM_KPIS)[number];

export const TeamWeekSchema = z.strictObject({
  rep: z.string().trim().min(1).max(80),
  /** Which browser the figures come from; files count as one device of their own. */
  device: z.string().min(1).max(64),
  week: WeekLabelSchema,
  weekStart: z.iso.date(),
  /** The month the week belongs to (the month of its middle day), as the export decides it. */
  month: MonthSchema,
  currency: CurrencySchema,
  counts: z.strictObject({ contacts: Count, equotes: Count, ecustomers: Count, devices: Count }),
  revenue: z.number().finite().nonnegative().max(1e15),
  /** Revenue in currencies the rep had no rate for, kept apart as the export writes it. */
  revenueOther: z.string().max(500),
  /** The company's visitors figure for `month`, or null when the rep's browser had none. */
  visitors: Count.nullable(),
  targets: z.strictObject(Object.fromEntries(KPI_IDS.map((kpi) => [kpi, TargetSchema])) as Record<KpiId, typeof TargetSchema>),
  /**
   * Set for weeks read from the spreadsheet CSV, which gives contacts and e-quotes per week but
   * the monthly KPIs and revenue only per month: this week's figures for those are unknown (held
   * as 0) and come from the rep's months instead.
   */
  weeklyOnly: z.literal(true).optional(),
});
export type TeamWeek = z.infer<typeof TeamWeekSchema>;

/** KPIs every week carries; the others may come per calendar month (see TeamMonth). */
export const WEEKLY_TEAM_KPIS = ['contacts', 'equotes'] as const satisfies readonly KpiId[];
/** KPIs a file may give per calendar month. */
export const MONTHLY_TEAM_KPIS = ['ecustomers', 'devices', 'visitors', 'revenue'] as const satisfies readonly KpiId[];
export type MonthlyTeamKpi = (typeof MONTHLY_TEAM_KPIS)[number];

/**
 * One rep's calendar month from an exported file: the monthly KPIs and revenue as the rep's own
 * report counts them (whole calendar months, not weeks). Null where the file did not count that
 * figure for the month (monthly KPIs outside the exported weeks; visitors never entered).
 */
export const TeamMonthSchema = z.strictObject({
  rep: TeamWeekSchema.shape.rep,
  device: TeamWeekSchema.shape.device,
  month: MonthSchema,
  currency: CurrencySchema,
  ecustomers: Count.nullable(),
  devices: Count.nullable(),
  visitors: Count.nullable(),
  revenue: z.number().finite().nonnegative().max(1e15).nullable(),
  revenueOther: z.string().max(500),
});
export type TeamMonth = z.infer<typeof TeamMonthSchema>;

/** A file's month figures for the team model; `rep` is the file's rep. */
export function teamMonthFromRow(row: MonthRow, rep: string, currency: string, device: string): TeamMonth {
  return {
    rep: rep.trim(),
    device,
    month: row.month,
    currency,
    ecustomers: row.ecustomers,
    devices: row.devices,
    visitors: row.visitors,
    revenue: row.revenue,
    revenueOther: row.revenue_other,
  };
}

/** Device name given to figures that arrived as exported files. */
export const FILE_DEVICE = 'file';

/**
 * One rep however their name was typed on each browser: "Anna  Petrova" and "anna petrova" are the
 * same person. Used to group devices and to key stored weeks.
 */
export function repKey(rep: string): string {
  return rep.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

export function teamWeekFromRow(row: WeeklyRow, device: string): TeamWeek {
  const target = (kpi: KpiId): TeamTarget => ({
    target: row[`target_${kpi}`],
    period: row[`target_${kpi}_period`] as Period,
  });
  return {
    rep: row.rep.trim(),
    device,
    week: row.week,
    weekStart: row.week_start,
    month: row.visitors_month_key,
    currency: row.currency,
    counts: { contacts: row.contacts, equotes: row.equotes, ecustomers: row.ecustomers, devices: row.devices },
    revenue: row.revenue,
    revenueOther: row.revenue_other,
    visitors: row.visitors_month,
    targets: Object.fromEntries(KPI_IDS.map((kpi) => [kpi, target(kpi)])) as Record<KpiId, TeamTarget>,
  };
}

/** True when a week holds nothing worth sending: no counts, no revenue, no visitors figure. */
export function isEmptyWeek(week: TeamWeek): boolean {
  return (
    COUNTED_TEAM_KPIS.every((kpi) => week.counts[kpi] === 0) && week.revenue === 0 && week.revenueOther === '' && week.visitors === null
  );
}
