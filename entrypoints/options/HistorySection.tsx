import { HistoryChart } from '@/components/HistoryChart';
import { historyFigure, pointLabel, streakText } from '@/components/history-text';
import { useHistory } from '@/components/use-history';
import { useUiText } from '@/components/ui-context';
import type { Settings } from '@/lib/kpi/settings';

/** Each KPI's last 12 weeks or months against its target, its streak and its best period. */
export function HistorySection({ settings }: { settings: Settings }) {
  const { t, locale } = useUiText();
  const { history, error } = useHistory();
  return (
    <section className="card" aria-labelledby="history-title" data-testid="section-history">
      <h2 id="history-title">{t('options_nav_history')}</h2>
      <p className="card__intro">{t('history_intro')}</p>
      {error && (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      )}
      {!history && !error && <p className="muted">{t('options_loading')}</p>}
      {history?.map((kpiHistory) => {
        const { kpi, period, best } = kpiHistory;
        const streak = streakText(t, kpiHistory, locale);
        return (
          <div className="history-kpi" key={kpi} data-testid={`history-${kpi}`}>
            <h3>{t(`kpi_${kpi}`)}</h3>
            <p className="history-kpi__facts">
              <span data-testid={`history-streak-${kpi}`}>{streak || t('history_noStreak')}</span>
              {best && best.value !== null && (
                <span data-testid={`history-best-${kpi}`}>
                  {' · '}
                  {t(period === 'week' ? 'history_bestWeek' : 'history_bestMonth', [
                    pointLabel(best, period, locale),
                    historyFigure(kpi, best.value, locale, settings.currency),
                  ])}
                </span>
              )}
            </p>
            <HistoryChart history={kpiHistory} currency={settings.currency} />
          </div>
        );
      })}
    </section>
  );
}
