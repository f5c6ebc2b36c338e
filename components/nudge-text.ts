import { formatNumber, formatPeriodLabel } from '@/lib/i18n/format';
import type { Translate } from '@/lib/i18n/messages';
import type { Nudge } from '@/lib/nudges/schedule';
import { formatKpiFigure } from './kpi-format';
import { outlookText } from './outlook-text';

export interface NudgeText {
  title: string;
  message: string;
}

/**
 * A nudge in the rep's words: "Weekly contacts target met — 5 of 5", "2 more e-quotes this week —
 * today is the last working day". Counts take their plural forms from Intl.PluralRules (through
 * the cards' own outlook text); the visitors lines are the cards' own.
 */
export function nudgeText(nudge: Nudge, t: Translate, locale: string, timeZone: string): NudgeText {
  const { progress, kpi } = nudge;
  const figure = (value: number) => formatKpiFigure(progress, value, locale);
  switch (nudge.kind) {
    case 'met':
    case 'half':
    case 'beyond':
      return {
        title: t(`nudge_title_${nudge.kind}`),
        message: t(`nudge_${nudge.kind}_${progress.period}`, [t(`nudge_kpi_${kpi}`), figure(progress.value), figure(progress.target)]),
      };
    case 'last-chance':
      return { title: t('nudge_title_lastChance', t(`kpi_${kpi}`)), message: outlookText(progress, t, locale) ?? '' };
    case 'visitors-entry': {
      const month = nudge.month!;
      const label = formatPeriodLabel({ period: 'month', start: month.start, end: month.end, label: month.label }, { t, locale, timeZone });
      return { title: t('nudge_title_visitorsEntry'), message: t('pace_visitorsMissing', label) };
    }
    case 'visitors-advice': {
      const judged = progress.judgedMonth!;
      const label = formatPeriodLabel({ period: 'month', start: judged.start, end: judged.end, label: judged.key }, { t, locale, timeZone });
      return {
        title: t('kpi_visitors'),
        message: t('pace_visitorsAdvice', [label, formatNumber(progress.value, locale), formatNumber(progress.target, locale)]),
      };
    }
  }
}
