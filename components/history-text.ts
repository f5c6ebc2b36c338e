import { formatDayRange, formatMoney, formatNumber } from '@/lib/i18n/format';
import type { Translate } from '@/lib/i18n/messages';
import type { HistoryPoint, KpiHistory } from '@/lib/kpi/history';

/**
 * Words for the History section and the cards. chrome.i18n has no plural forms, so each counted
 * phrase has one message per CLDR category ("one", "few", "many", "other") and Intl.PluralRules
 * picks the one the rep's language needs ("3 недели", "5 недель").
 */
export function plural(t: Translate, base: string, count: number, locale: string): string {
  const category = new Intl.PluralRules(locale).select(count);
  const key = `${base}_${category === 'zero' || category === 'two' ? 'other' : category}`;
  return t(key, formatNumber(count, locale));
}

/** "3 weeks in a row" / "3 недели подряд"; empty without a streak. */
export function streakText(t: Translate, history: Pick<KpiHistory, 'period' | 'streak'>, locale: string): string {
  if (history.streak === 0) return '';
  return plural(t, history.period === 'week' ? 'history_streakWeeks' : 'history_streakMonths', history.streak, locale);
}

/** A figure as the card shows it: money for revenue, a whole number otherwise. */
export function historyFigure(kpi: string, value: number, locale: string, currency: string): string {
  return kpi === 'revenue' ? formatMoney(value, currency, locale, { whole: true }) : formatNumber(value, locale);
}

/** A local day "YYYY-MM-DD" at noon UTC: far enough from midnight to name the same day anywhere. */
const noonOf = (day: string): number => Date.parse(`${day}T12:00:00Z`);

/** "23–29 Nov" for a week, "November 2026" for a month. */
export function pointLabel(point: Pick<HistoryPoint, 'first' | 'last'>, period: 'week' | 'month', locale: string): string {
  if (period === 'week') return formatDayRange(noonOf(point.first), noonOf(point.last) + 1, locale, 'UTC');
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(noonOf(point.first));
}

/** Short label under a bar: the week's first day ("23.11") or the month ("Nov"). */
export function pointShortLabel(point: Pick<HistoryPoint, 'first'>, period: 'week' | 'month', locale: string): string {
  const at = noonOf(point.first);
  return period === 'week'
    ? new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', timeZone: 'UTC' }).format(at)
    : new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(at);
}
