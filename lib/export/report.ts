import type { KpiId, Period } from '@/lib/kpi/definitions';
import { judge as judgePace, pace, PERIODS_PER_YEAR } from '@/lib/kpi/pace';
import { periodRange, weeksBetween, workingTimeBetween, type CalendarOptions, type PeriodRange } from '@/lib/kpi/periods';
import { effectiveTarget, type Settings } from '@/lib/kpi/settings';
import type { PaceStatus } from '@/lib/kpi/snapshot-types';
import { convertRevenue } from '@/lib/kpi/snapshot';
import { localIsoDate } from './dates';

/**
 * The manager's report behind the .xlsx and CSV exports: weekly KPIs per week, monthly KPIs per
 * month, revenue per month of the year with its running total. Each figure sits in the one table
 * of its own period, so no sum in a spreadsheet counts a monthly figure four times.
 */

/** KPIs reported per week, per month, and (revenue) on the year table. */
export const WEEK_KPIS = ['contacts', 'equotes'] as const satisfies readonly KpiId[];
export const MONTH_KPIS = ['ecustomers', 'devices', 'visitors'] as const satisfies readonly KpiId[];
export type WeekKpi = (typeof WEEK_KPIS)[number];
export type MonthKpi = (typeof MONTH_KPIS)[number];

/** A closed period is met or missed; the period still running is judged against its pace so far. */
export type ExportStatus = 'met' | 'missed' | PaceStatus;

export interface Measure {
  /** Count in the period; null when nothing was entered (visitors). */
  value: number | null;
  /** The target for this row's period, converted when the rep set it for another period. */
  target: number;
  /** value ÷ target (1 = 100%); null without a value or a target. */
  ratio: number | null;
  /** null where there is nothing to judge yet (no visitors figure, or a month still open). */
  status: ExportStatus | null;
}

export interface ReportPeriod {
  /** First and last calendar day in the rep's time zone, "YYYY-MM-DD". */
  first: string;
  last: string;
  /** The period holding "now": its figures are so far, not final. */
  partial: boolean;
}

export interface WeekReportRow extends ReportPeriod {
  /** ISO week number (1–53) of the week's label. */
  isoWeek: number;
  kpis: Record<WeekKpi, Measure>;
}

export interface MonthReportRow extends ReportPeriod {
  kpis: Record<MonthKpi, Measure>;
}

export interface YearReportRow extends ReportPeriod {
  /** Revenue of the month in the rep's currency. */
  revenue: number;
  /** Revenue from the first of January to the end of this month (to now in the current one). */
  yearToDate: number;
  /** The yearly target pro-rated over working time to the same point. */
  targetToDate: number;
  /** The revenue target for the whole year. */
  yearTarget: number;
  ratio: number | null;
  status: ExportStatus;
  /** Amounts without a conversion rate, kept apart: "1200.00 GBP". */
  otherCurrencies: string;
}

export interface ExportReport {
  rep: string;
  currency: string;
  weeks: WeekReportRow[];
  months: MonthReportRow[];
  year: YearReportRow[];
}

export interface ReportPeriods {
  weeks: PeriodRange[];
  /** Whole calendar months that the weeks touch, up to the month holding now. */
  months: PeriodRange[];
  /** Every month from January of the first week's year to the month holding now (or December). */
  yearMonths: PeriodRange[];
}

function calendarOf(settings: Settings): CalendarOptions {
  return { timeZone: settings.timeZone, weekStart: settings.weekStart };
}

/** Consecutive calendar months from the one holding `from` while they start before `to`. */
function monthsBetween(from: number, to: number, calendar: CalendarOptions): PeriodRange[] {
  const months: PeriodRange[] = [];
  let month = periodRange('month', from, calendar);
  while (month.start < to) {
    months.push(month);
    month = periodRange('month', month.end, calendar);
  }
  return months;
}

/** The periods a report over the weeks overlapping [from, to) covers; nothing after `now`. */
export function reportPeriods(settings: Settings, from: number, to: number, now: number): ReportPeriods {
  const calendar = calendarOf(settings);
  const weeks = weeksBetween(from, Math.min(to, periodRange('week', now, calendar).end), calendar);
  if (weeks.length === 0) return { weeks, months: [], yearMonths: [] };
  const lastWeek = weeks[weeks.length - 1]!;
  const until = Math.min(lastWeek.end, now + 1);
  const months = monthsBetween(weeks[0]!.start, until, calendar);
  const yearMonths = monthsBetween(periodRange('year', weeks[0]!.start, calendar).start, until, calendar);
  return { weeks, months, yearMonths };
}

/** A target set per `from` period, expressed per `to` period (20 a month → 240 a year). */
export function targetPer(target: number, from: Period, to: Period): number {
  return from === to ? target : (target * PERIODS_PER_YEAR[from]) / PERIODS_PER_YEAR[to];
}

/** What to judge a row by: whether it is running, and the share of its working time gone by. */
interface PeriodFacts {
  partial: boolean;
  /** Working time elapsed ÷ working time in the period, 0–1. */
  elapsedShare: number;
}

function periodFacts(range: PeriodRange, now: number, settings: Settings): PeriodFacts {
  if (now >= range.end) return { partial: false, elapsedShare: 1 };
  const options = { timeZone: settings.timeZone, workingDays: settings.workingDays };
  const total = workingTimeBetween(range.start, range.end, options);
  const elapsed = workingTimeBetween(range.start, Math.max(range.start, now), options);
  return { partial: now >= range.start, elapsedShare: total > 0 ? elapsed / total : 0 };
}

/** A running period judged as the pace judges it, with one item as the smallest shortfall. */
function paceStatus(value: number, due: number): PaceStatus {
  return judgePace({ value, target: Number.POSITIVE_INFINITY, due, unit: 1 });
}

/** Met once the target is reached; a closed period short of it missed; a running one by pace. */
export function judge(value: number, target: number, facts: PeriodFacts): ExportStatus {
  if (value >= target) return 'met';
  if (!facts.partial && facts.elapsedShare >= 1) return 'missed';
  return paceStatus(value, pace(target, facts.elapsedShare, 1));
}

const ratioOf = (value: number | null, target: number): number | null => (value === null || !(target > 0) ? null : value / target);

function periodFields(range: PeriodRange, now: number, settings: Settings): ReportPeriod {
  return {
    first: localIsoDate(range.start, settings.timeZone),
    last: localIsoDate(range.end - 1, settings.timeZone),
    partial: now >= range.start && now < range.end,
  };
}

/** Revenue per currency in integer cents, as the tallies hold it. */
export type RevenueCents = ReadonlyMap<string, number>;

export interface ReportInput {
  settings: Settings;
  now: number;
  periods: ReportPeriods;
  /** Counts per KPI, one per week / month of `periods`, same order. */
  weekCounts: Record<WeekKpi, readonly number[]>;
  monthCounts: Record<Exclude<MonthKpi, 'visitors'>, readonly number[]>;
  /** Entered visitors figures by month ("YYYY-MM"). */
  visitorsByMonth: ReadonlyMap<string, number>;
  /** Revenue per month of `periods.yearMonths`, same order. */
  yearRevenue: readonly RevenueCents[];
}

function measure(value: number | null, target: number, facts: PeriodFacts): Measure {
  return { value, target, ratio: ratioOf(value, target), status: value === null ? null : judge(value, target, facts) };
}

function targetIn(settings: Settings, kpi: KpiId, to: Period): number {
  const { target, period } = effectiveTarget(settings, kpi);
  return targetPer(target, period, to);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Builds the report from figures already read. Pure: `now` decides what is partial and the pace. */
export function buildReport(input: ReportInput): ExportReport {
  const { settings, now, periods } = input;

  const weeks = periods.weeks.map((week, index): WeekReportRow => {
    const facts = periodFacts(week, now, settings);
    const kpis = Object.fromEntries(
      WEEK_KPIS.map((kpi) => [kpi, measure(input.weekCounts[kpi][index] ?? 0, targetIn(settings, kpi, 'week'), facts)]),
    ) as Record<WeekKpi, Measure>;
    return { ...periodFields(week, now, settings), isoWeek: Number(week.label.slice(6)), kpis };
  });

  const months = periods.months.map((month, index): MonthReportRow => {
    const facts = periodFacts(month, now, settings);
    const visitors = input.visitorsByMonth.get(month.label) ?? null;
    const visitorsMeasure = measure(visitors, targetIn(settings, 'visitors', 'month'), facts);
    // Visitors are one figure for a whole month: judged only once the month has closed.
    if (facts.partial) visitorsMeasure.status = null;
    return {
      ...periodFields(month, now, settings),
      kpis: {
        ecustomers: measure(input.monthCounts.ecustomers[index] ?? 0, targetIn(settings, 'ecustomers', 'month'), facts),
        devices: measure(input.monthCounts.devices[index] ?? 0, targetIn(settings, 'devices', 'month'), facts),
        visitors: visitorsMeasure,
      },
    };
  });

  const yearTarget = targetIn(settings, 'revenue', 'year');
  const workingOptions = { timeZone: settings.timeZone, workingDays: settings.workingDays };
  const calendar = calendarOf(settings);
  let runningYear = '';
  let yearToDateCents = 0;
  // Working time is summed month by month: each calendar day is looked at once, not once per row.
  let yearWorking = 0;
  let workingToDate = 0;
  const year = periods.yearMonths.map((month, index): YearReportRow => {
    const yearRange = periodRange('year', month.start, calendar);
    if (yearRange.label !== runningYear) {
      runningYear = yearRange.label;
      yearToDateCents = 0;
      workingToDate = 0;
      yearWorking = workingTimeBetween(yearRange.start, yearRange.end, workingOptions);
    }
    const cents = input.yearRevenue[index] ?? new Map<string, number>();
    const converted = convertRevenue(
      [...cents].map(([currency, amount]) => ({ currency, amount: amount / 100 })),
      settings.currency,
      settings.rates,
    );
    const revenue = round2(converted.value);
    yearToDateCents += Math.round(revenue * 100);
    const yearToDate = yearToDateCents / 100;
    workingToDate += workingTimeBetween(month.start, Math.min(month.end, Math.max(month.start, now)), workingOptions);
    const share = yearWorking > 0 ? workingToDate / yearWorking : 0;
    const targetToDate = round2(yearTarget * share);
    const yearClosed = now >= yearRange.end && month.end === yearRange.end;
    const status: ExportStatus = yearClosed
      ? yearToDate >= yearTarget
        ? 'met'
        : 'missed'
      : yearToDate >= yearTarget
        ? 'met'
        : paceStatus(yearToDate, targetToDate);
    return {
      ...periodFields(month, now, settings),
      revenue,
      yearToDate,
      targetToDate,
      yearTarget: round2(yearTarget),
      ratio: ratioOf(yearToDate, targetToDate),
      status,
      otherCurrencies: converted.unconverted.map((u) => `${u.amount.toFixed(2)} ${u.currency}`).join('; '),
    };
  });

  return { rep: settings.repName, currency: settings.currency, weeks, months, year };
}
