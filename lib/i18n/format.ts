import type { Period } from '@/lib/kpi/definitions';
import type { Translate } from './messages';

/**
 * Locale-aware formatting on top of Intl. Every function takes the locale (and time zone) as
 * arguments so views, exports and tests can format for any rep, not just the browser's language.
 */

// Building an Intl formatter costs far more than using one; views format dozens of values per render.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** A count or figure; fractions (a pace of 2.4) keep at most `maximumFractionDigits`. */
export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  return numberFormat(locale, { maximumFractionDigits }).format(value);
}

export interface MoneyOptions {
  /** Round to whole units: for targets and progress, where cents are noise. */
  whole?: boolean;
}

/** An amount in its currency, e.g. "$1,234.50", "1 234,50 €". */
export function formatMoney(amount: number, currency: string, locale: string, options: MoneyOptions = {}): string {
  const digits = options.whole ? 0 : 2;
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

/** A calendar date in the rep's time zone, e.g. "23 Nov 2026" / "23 нояб. 2026 г.". */
export function formatDate(at: number, locale: string, timeZone: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(at);
}

/** Date and time for lists of recent events, e.g. "Nov 23, 14:05". */
export function formatDateTime(at: number, locale: string, timeZone: string): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(at);
}

/**
 * When something was counted, as short as stays unambiguous: the time for today ("15:03",
 * "3:03 PM"), the date for earlier days ("25 Nov").
 */
export function formatWhen(at: number, now: number, locale: string, timeZone: string): string {
  const day = dateFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone });
  if (day.format(at) === day.format(now)) {
    return dateFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(at);
  }
  return dateFormat(locale, { day: 'numeric', month: 'short', timeZone }).format(at);
}

/**
 * The days of a half-open interval [start, end), e.g. "23–29 Nov" / "Nov 23 – 29" / "30 нояб. – 6 дек.".
 * The end is exclusive, so the last day shown is the one just before it.
 */
export function formatDayRange(start: number, end: number, locale: string, timeZone: string): string {
  const lastInstant = Math.max(start, end - 1);
  return dateFormat(locale, { day: 'numeric', month: 'short', timeZone }).formatRange(start, lastInstant);
}

/** Week number from an ISO week label such as "2026-W48"; undefined for anything else. */
export function weekNumberOf(label: string): number | undefined {
  const match = /^\d{4}-W(\d{2})$/.exec(label);
  return match ? Number(match[1]) : undefined;
}

function capitalise(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

export interface PeriodToLabel {
  period: Period;
  start: number;
  end: number;
  /** The period's key: "2026-W48", "2026-11", "2026-Q4", "2026". Never shown as it is. */
  label: string;
}

export interface LabelContext {
  locale: string;
  timeZone: string;
  t: Translate;
}

export interface LabelOptions {
  /** Add the year ("Week of Nov 23, 2026", "November 2026"): for lists that span years. */
  withYear?: boolean;
}

/** A week by its first day: "Week of Nov 23" / "Неделя с 23 нояб.". */
export function formatWeekOf(start: number, context: LabelContext, options: LabelOptions = {}): string {
  const { locale, timeZone, t } = context;
  const day = dateFormat(locale, { day: 'numeric', month: 'short', ...(options.withYear && { year: 'numeric' }), timeZone }).format(start);
  return t('format_weekOf', day);
}

/** A month by name: "November" / "Ноябрь", or "November 2026" with the year. */
export function formatMonth(start: number, context: Omit<LabelContext, 't'>, options: LabelOptions = {}): string {
  const { locale, timeZone } = context;
  const text = dateFormat(locale, { month: 'long', ...(options.withYear && { year: 'numeric' }), timeZone }).format(start);
  return capitalise(text, locale);
}

/**
 * A month key ("2026-11", as stored for visitors figures) as people say it: "November 2026".
 * Anything that is not a month key comes back unchanged.
 */
export function formatMonthKey(key: string, locale: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!match) return key;
  // Mid-month at noon UTC names the same month in every time zone.
  const instant = Date.UTC(Number(match[1]), Number(match[2]) - 1, 15, 12);
  return formatMonth(instant, { locale, timeZone: 'UTC' }, { withYear: true });
}

/**
 * A period as people say it: "Week of Nov 23", "November", "Q4 2026", "2026" (and the Russian
 * equivalents), never the internal key. Derived from the period's own start, never from "now".
 */
export function formatPeriodLabel(period: PeriodToLabel, context: LabelContext, options: LabelOptions = {}): string {
  switch (period.period) {
    case 'week':
      return formatWeekOf(period.start, context, options);
    case 'month':
      return formatMonth(period.start, context, options);
    case 'quarter': {
      const match = /^(\d{4})-Q([1-4])$/.exec(period.label);
      return match ? context.t('format_quarter', [match[2] ?? '', match[1] ?? '']) : period.label;
    }
    case 'year':
      return period.label;
  }
}
