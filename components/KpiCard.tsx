import './components.css';
import { formatMoney, formatPeriodLabel } from '@/lib/i18n/format';
import type { KpiProgress } from '@/lib/kpi/snapshot-types';
import type { KpiHistory } from '@/lib/kpi/history';
import { Sparkline } from './HistoryChart';
import { streakText } from './history-text';
import { dueByNowFigure, formatKpiFigure } from './kpi-format';
import { KpiNotes } from './KpiNotes';
import { PaceBar } from './PaceBar';
import { RevenueEntry } from './RevenueEntry';
import { StatusChip } from './StatusChip';
import { useUiText } from './ui-context';
import { VisitorsEntry } from './VisitorsEntry';

export interface KpiCardProps {
  progress: KpiProgress;
  /** Counted KPIs: count one by hand. */
  onAddOne?: () => void;
  /** Revenue: count an amount by hand. */
  onAddRevenue?: (amount: number, currency: string) => void;
  /** Visitors: the current month's figure and its label, and how to set it. */
  visitors?: { value: number | undefined; monthLabel: string; onSave: (value: number) => void };
  /** While a write is on its way, so a double click does not count twice. */
  busy?: boolean;
  /** The KPI's last periods, once the background has sent them. */
  history?: KpiHistory;
}

/** One KPI for the current period: value against target, the pace marker, status and what is left. */
export function KpiCard({ progress, onAddOne, onAddRevenue, visitors, busy, history }: KpiCardProps) {
  const { t, locale, timeZone } = useUiText();
  const { kpi } = progress;
  const name = t(`kpi_${kpi}`);
  const shortName = t(`kpiShort_${kpi}`);
  const figure = (value: number) => formatKpiFigure(progress, value, locale);
  const periodLabel = formatPeriodLabel(
    { period: progress.period, start: progress.periodStart, end: progress.periodEnd, label: progress.periodLabel },
    { t, locale, timeZone },
  );
  const barLabel = t('popup_progressLabel', [name, figure(progress.value), figure(progress.target), dueByNowFigure(progress, locale)]);
  const titleId = `kpi-title-${kpi}`;

  return (
    <section className={`kpi-card kpi-card--${progress.status}`} data-testid={`kpi-card-${kpi}`} aria-labelledby={titleId}>
      <header className="kpi-card__header">
        <h2 className="kpi-card__title" id={titleId}>
          {name}
        </h2>
        <StatusChip status={progress.status} />
      </header>

      <div className="kpi-card__figures">
        <p className="kpi-card__value">
          <strong data-testid={`kpi-value-${kpi}`}>{figure(progress.value)}</strong>{' '}
          <span className="kpi-card__target">{t('popup_ofTarget', figure(progress.target))}</span>
          {progress.unconverted && progress.unconverted.length > 0 && (
            <span className="kpi-card__unconverted" data-testid="revenue-unconverted" title={t('popup_unconvertedHint')}>
              {progress.unconverted
                .map((u) => t('popup_unconverted', formatMoney(u.amount, u.currency, locale, { whole: true })))
                .join(' ')}
            </span>
          )}
        </p>
        {onAddOne && (
          <button
            type="button"
            className="button button--add"
            data-testid={`add-${kpi}`}
            onClick={onAddOne}
            disabled={busy}
            aria-label={t('popup_addOneLabel', shortName)}
          >
            +1
          </button>
        )}
      </div>

      <PaceBar value={progress.value} target={progress.target} pace={progress.pace} status={progress.status} label={barLabel} />

      <p className="kpi-card__meta">
        <span data-testid={`kpi-period-${kpi}`}>{periodLabel}</span>
        <span className="kpi-card__needed" data-testid={`kpi-needed-${kpi}`}>
          {progress.stillNeeded > 0 ? t('popup_stillNeeded', figure(progress.stillNeeded)) : t('popup_targetReached')}
          {kpi !== 'visitors' && <span className="kpi-card__pace"> · {t('popup_expectedByNow', dueByNowFigure(progress, locale))}</span>}
        </span>
      </p>
      <KpiNotes progress={progress} />
      {history && history.points.length > 0 && (
        <p className="kpi-card__history" data-testid={`kpi-history-${kpi}`}>
          <Sparkline history={history} />
          <span data-testid={`kpi-streak-${kpi}`}>{streakText(t, history, locale) || t('history_noStreak')}</span>
        </p>
      )}

      {onAddRevenue && (
        <RevenueEntry defaultCurrency={progress.currency ?? 'USD'} onAdd={onAddRevenue} disabled={busy} />
      )}
      {visitors && (
        <VisitorsEntry value={visitors.value} monthLabel={visitors.monthLabel} onSave={visitors.onSave} disabled={busy} />
      )}
    </section>
  );
}
