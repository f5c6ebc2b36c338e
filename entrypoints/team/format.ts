import { formatMoney, formatNumber } from '@/lib/i18n/format';
import type { KpiId } from '@/lib/kpi/definitions';

/** A KPI figure as the team page shows it: revenue as money, counts whole, targets with one decimal at most. */
export function formatFigure(kpi: KpiId, value: number, locale: string, currency: string, digits = 0): string {
  return kpi === 'revenue' ? formatMoney(value, currency, locale, { whole: true }) : formatNumber(value, locale, digits);
}
