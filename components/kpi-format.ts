import { formatMoney, formatNumber } from '@/lib/i18n/format';
import type { KpiProgress } from '@/lib/kpi/snapshot-types';

/** A KPI figure as shown on a card: money for revenue, a whole or one-decimal number otherwise. */
export function formatKpiFigure(progress: Pick<KpiProgress, 'kpi' | 'currency'>, value: number, locale: string): string {
  if (progress.kpi === 'revenue' && progress.currency) return formatMoney(value, progress.currency, locale, { whole: true });
  return formatNumber(value, locale, Number.isInteger(value) ? 0 : 1);
}

/**
 * What was due by now, as a rep reads it: whole items for counts (0.4 of a contact is not yet one
 * due), money rounded for revenue.
 */
export function dueByNowFigure(progress: Pick<KpiProgress, 'kpi' | 'currency' | 'pace'>, locale: string): string {
  return formatKpiFigure(progress, progress.kpi === 'revenue' ? progress.pace : Math.floor(progress.pace + 1e-9), locale);
}
