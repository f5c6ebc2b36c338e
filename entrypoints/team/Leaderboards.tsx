import { useUiText } from '@/components/ui-context';
import type { TeamFigures } from '@/lib/team/figures';
import { formatFigure } from './format';

/** Per KPI, reps ranked on the KPI's own period (weekly KPIs this week, monthly this month, yearly so far this year). */
export function Leaderboards({ figures }: { figures: TeamFigures }) {
  const { t, locale } = useUiText();
  return (
    <section className="card" aria-labelledby="team-leaders-title" data-testid="team-leaderboards">
      <h2 id="team-leaders-title">{t('team_leadersTitle')}</h2>
      <div className="team-leaders">
        {figures.leaderboards.map((board) => (
          <div key={board.kpi} className="team-leaders__board" data-testid={`team-leaders-${board.kpi}`}>
            <h3>
              {t(`kpi_${board.kpi}`)} <span className="team-cell__hint">{t(`team_column_${board.column}`)}</span>
            </h3>
            <ol>
              {board.entries.map((entry) => (
                <li key={entry.key} data-rep={entry.rep} data-rank={entry.rank} data-value={entry.value}>
                  <span className="team-leaders__rank">{t('team_rank', String(entry.rank))}</span> {entry.rep}:{' '}
                  {t('team_valueOfTarget', [formatFigure(board.kpi, entry.value, locale, figures.currency), formatFigure(board.kpi, entry.target, locale, figures.currency, 1)])}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
    </section>
  );
}
