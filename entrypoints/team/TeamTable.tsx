import { StatusChip } from '@/components/StatusChip';
import { useUiText } from '@/components/ui-context';
import { formatPeriodLabel } from '@/lib/i18n/format';
import { KPI_IDS, type KpiId } from '@/lib/kpi/definitions';
import { TEAM_COLUMNS, type TeamCell, type TeamColumn, type TeamFigures } from '@/lib/team/figures';
import { formatFigure } from './format';

function Cell({ kpi, cell, currency, testId }: { kpi: KpiId; cell: TeamCell | null; currency: string; testId: string }) {
  const { t, locale } = useUiText();
  if (!cell) {
    return (
      <td data-testid={testId} className="muted">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('team_notWeekly')}</span>
      </td>
    );
  }
  return (
    <td data-testid={testId} data-value={cell.value} data-target={cell.target} data-status={cell.status}>
      <span className="team-cell__figure">
        {t('team_valueOfTarget', [formatFigure(kpi, cell.value, locale, currency), formatFigure(kpi, cell.target, locale, currency, 1)])}
      </span>{' '}
      <StatusChip status={cell.status} />
    </td>
  );
}

function ColumnHeads({ figures }: { figures: TeamFigures }) {
  const { t, locale, timeZone } = useUiText();
  const hint: Record<TeamColumn, string> = {
    week: formatPeriodLabel({ period: 'week', ...figures.week }, { t, locale, timeZone }),
    month: figures.month,
    year: figures.year,
  };
  return (
    <>
      {TEAM_COLUMNS.map((column) => (
        <th key={column} scope="col">
          {t(`team_column_${column}`)}
          <span className="team-cell__hint">{column === 'month' ? formatPeriodLabel({ period: 'month', start: figures.now, end: figures.now, label: hint.month }, { t, locale, timeZone }) : hint[column]}</span>
        </th>
      ))}
    </>
  );
}

function KpiRows({ cells, figures, prefix, currency }: { cells: Record<KpiId, Record<TeamColumn, TeamCell | null>>; figures: TeamFigures; prefix: string; currency: string }) {
  const { t } = useUiText();
  return (
    <>
      {KPI_IDS.map((kpi) => (
        <tr key={kpi}>
          <th scope="row">
            {t(`kpi_${kpi}`)}
            {kpi === 'visitors' && <span className="team-cell__hint">{t('team_companyFigure')}</span>}
          </th>
          {TEAM_COLUMNS.map((column) => (
            <Cell key={column} kpi={kpi} cell={cells[kpi][column]} currency={kpi === 'revenue' ? currency : figures.currency} testId={`${prefix}-${kpi}-${column}`} />
          ))}
        </tr>
      ))}
    </>
  );
}

/** The team against team targets (each rep's target added up; visitors once, as a company figure). */
export function TeamTable({ figures }: { figures: TeamFigures }) {
  const { t } = useUiText();
  return (
    <section className="card" aria-labelledby="team-totals-title" data-testid="team-totals">
      <h2 id="team-totals-title">{t('team_totalsTitle', String(figures.reps.length))}</h2>
      <p className="card__intro">{t('team_totalsIntro')}</p>
      {figures.otherCurrencyReps.length > 0 && <p className="note note--error">{t('team_otherCurrency', [figures.currency, figures.otherCurrencyReps.join(', ')])}</p>}
      <div className="table-scroll">
        <table className="team-table">
          <thead>
            <tr>
              <th scope="col">{t('team_kpi')}</th>
              <ColumnHeads figures={figures} />
            </tr>
          </thead>
          <tbody>
            <KpiRows cells={figures.team} figures={figures} prefix="team-total" currency={figures.currency} />
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Each rep, every KPI, this week / this month / year to date against their own targets. */
export function RepTables({ figures }: { figures: TeamFigures }) {
  const { t, locale } = useUiText();
  return (
    <section className="card" aria-labelledby="team-reps-title" data-testid="team-reps">
      <h2 id="team-reps-title">{t('team_repsTitle')}</h2>
      {figures.reps.map((rep) => (
        <div key={rep.key} className="table-scroll team-rep" data-testid={`team-rep-${rep.key}`} data-devices={rep.devices}>
          <table className="team-table">
            <caption>
              {rep.rep}
              <span className="team-cell__hint">{t('team_devices', rep.devices.toLocaleString(locale))}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('team_kpi')}</th>
                <ColumnHeads figures={figures} />
              </tr>
            </thead>
            <tbody>
              <KpiRows cells={rep.cells} figures={figures} prefix={`rep-${rep.key}`} currency={rep.currency} />
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
