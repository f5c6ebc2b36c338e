import { useUiText } from '@/components/ui-context';
import { formatNumber, weekNumberOf } from '@/lib/i18n/format';
import type { KpiId } from '@/lib/kpi/definitions';
import type { TeamFigures, TrendPoint } from '@/lib/team/figures';
import { formatFigure } from './format';

const WIDTH = 360;
const HEIGHT = 120;
const PAD = 4;
// Reps are told apart by dash pattern as well as colour, so the chart reads without colour vision.
const REP_STYLES = [
  { stroke: '#d97706', dash: '' },
  { stroke: '#7c3aed', dash: '6 3' },
  { stroke: '#059669', dash: '2 3' },
  { stroke: '#db2777', dash: '8 3 2 3' },
  { stroke: '#0891b2', dash: '1 2' },
];

function shortLabel(point: TrendPoint, unit: 'week' | 'month', locale: string): string {
  if (unit === 'month') return new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(Number(point.label.slice(0, 4)), Number(point.label.slice(5, 7)) - 1, 15));
  return String(weekNumberOf(point.label) ?? point.label);
}

function Chart({ kpi, points, reps }: { kpi: KpiId; points: TrendPoint[]; reps: { key: string; rep: string }[] }) {
  const { t } = useUiText();
  const max = Math.max(1, ...points.map((p) => p.team), ...points.flatMap((p) => Object.values(p.byRep)));
  const step = (WIDTH - 2 * PAD) / points.length;
  const y = (value: number) => HEIGHT - PAD - (value / max) * (HEIGHT - 2 * PAD);
  const x = (index: number) => PAD + step * index + step / 2;
  return (
    // The table below carries the same figures for screen readers and keyboard users.
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="team-chart" role="img" aria-label={t('team_trendChart', t(`kpi_${kpi}`))}>
      {points.map((point, index) => (
        <rect key={point.label} x={PAD + step * index + step * 0.15} width={step * 0.7} y={y(point.team)} height={HEIGHT - PAD - y(point.team)} className="team-chart__bar" />
      ))}
      {kpi !== 'visitors' &&
        reps.slice(0, REP_STYLES.length).map((rep, repIndex) => (
          <polyline
            key={rep.key}
            fill="none"
            stroke={REP_STYLES[repIndex]!.stroke}
            strokeDasharray={REP_STYLES[repIndex]!.dash}
            strokeWidth={2}
            points={points.map((point, index) => `${x(index)},${y(point.byRep[rep.key] ?? 0)}`).join(' ')}
          />
        ))}
    </svg>
  );
}

/** Twelve weeks per KPI (twelve months for visitors), for the team and each rep, as a chart and a table. */
export function Trends({ figures }: { figures: TeamFigures }) {
  const { t, locale } = useUiText();
  return (
    <section className="card" aria-labelledby="team-trends-title" data-testid="team-trends">
      <h2 id="team-trends-title">{t('team_trendsTitle')}</h2>
      <p className="card__intro">{t('team_trendsIntro')}</p>
      <ul className="team-legend" aria-hidden="true">
        <li>
          <span className="team-legend__bar" /> {t('team_teamLabel')}
        </li>
        {figures.reps.slice(0, REP_STYLES.length).map((rep, index) => (
          <li key={rep.key}>
            <svg width="24" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="24" y2="4" stroke={REP_STYLES[index]!.stroke} strokeDasharray={REP_STYLES[index]!.dash} strokeWidth="2" />
            </svg>{' '}
            {rep.rep}
          </li>
        ))}
      </ul>
      <div className="team-trends">
        {figures.trends.map(({ kpi, unit, points }) => (
          <figure key={kpi} className="team-trend" data-testid={`team-trend-${kpi}`}>
            <figcaption>
              {t(`kpi_${kpi}`)} <span className="team-cell__hint">{t(unit === 'month' ? 'team_trendMonths' : 'team_trendWeeks')}</span>
            </figcaption>
            <Chart kpi={kpi} points={points} reps={figures.reps} />
            <details>
              <summary>{t('team_trendTable')}</summary>
              <div className="table-scroll">
                <table className="team-table team-table--compact">
                  <thead>
                    <tr>
                      <th scope="col">{t(unit === 'month' ? 'team_month' : 'team_week')}</th>
                      {points.map((point) => (
                        <th key={point.label} scope="col" title={point.label}>
                          {shortLabel(point, unit, locale)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <th scope="row">{t('team_teamLabel')}</th>
                      {points.map((point) => (
                        <td key={point.label} data-label={point.label} data-value={point.team}>
                          {formatFigure(kpi, point.team, locale, figures.currency)}
                        </td>
                      ))}
                    </tr>
                    {figures.reps.map((rep) => (
                      <tr key={rep.key}>
                        <th scope="row">{rep.rep}</th>
                        {points.map((point) => (
                          <td key={point.label}>{point.byRep[rep.key] === undefined ? '—' : kpi === 'revenue' ? formatFigure(kpi, point.byRep[rep.key]!, locale, rep.currency) : formatNumber(point.byRep[rep.key]!, locale)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </figure>
        ))}
      </div>
    </section>
  );
}
