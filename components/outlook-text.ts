import { formatMoney, formatNumber } from '@/lib/i18n/format';
import type { Translate } from '@/lib/i18n/messages';
import { plural } from '@/lib/i18n/plural';
import type { KpiProgress } from '@/lib/kpi/snapshot-types';

/**
 * What it takes from here, in words: "3 more contacts this week — about 1 a day",
 * "ещё 3 контакта на этой неделе — примерно 1 в день". Undefined when there is nothing to say
 * (target met, visitors, a revenue target not set yet).
 */
export function outlookText(progress: KpiProgress, t: Translate, locale: string): string | undefined {
  const { outlook } = progress;
  if (!outlook || outlook.remaining <= 0 || progress.targetUnset || progress.kpi === 'visitors') return undefined;
  const money = progress.kpi === 'revenue' && progress.currency;
  const more = money
    ? t('pace_more_revenue', formatMoney(outlook.remaining, progress.currency!, locale, { whole: true }))
    : plural(t, locale, `pace_more_${progress.kpi}`, outlook.remaining, [formatNumber(outlook.remaining, locale)]);
  return t('pace_outlook', [more, t(`pace_in_${progress.period}`), planText(progress, t, locale)]);
}

function planText(progress: KpiProgress, t: Translate, locale: string): string {
  const { remaining, workingDaysLeft, perDay } = progress.outlook!;
  if (workingDaysLeft === 0) return t('pace_noDaysLeft');
  if (workingDaysLeft === 1) return t('pace_lastDay');
  if (progress.kpi === 'revenue' && progress.currency) {
    return t('pace_perDay', formatMoney(perDay, progress.currency, locale, { whole: true }));
  }
  // Whole things: "about 2 a day", or for a slow trickle "about 1 every 3 working days".
  if (perDay >= 0.75) return t('pace_perDay', formatNumber(Math.max(1, Math.round(perDay)), locale));
  const every = Math.max(2, Math.round(workingDaysLeft / remaining));
  return plural(t, locale, 'pace_everyDays', every, [formatNumber(every, locale)]);
}
