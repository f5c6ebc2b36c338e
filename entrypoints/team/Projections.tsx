import { useUiText } from '@/components/ui-context';
import type { TeamFigures } from '@/lib/team/figures';
import { formatFigure } from './format';

/** "At this pace the team reaches N contacts this year (target ≈ 1,040)", per KPI. */
export function Projections({ figures }: { figures: TeamFigures }) {
  const { t, locale } = useUiText();
  return (
    <section className="card" aria-labelledby="team-projection-title" data-testid="team-projections">
      <h2 id="team-projection-title">{t('team_projectionTitle', figures.year)}</h2>
      <ul className="team-projections">
        {figures.projections.map((projection) => (
          <li key={projection.kpi} data-testid={`team-projection-${projection.kpi}`} data-reaches={projection.reaches ?? ''} data-target={projection.target}>
            {projection.reaches === null
              ? t('team_projectionTooEarly', t(`kpi_${projection.kpi}`))
              : t('team_projection', [
                  formatFigure(projection.kpi, projection.reaches, locale, figures.currency),
                  t(`kpi_${projection.kpi}`),
                  formatFigure(projection.kpi, projection.target, locale, figures.currency),
                ])}
          </li>
        ))}
      </ul>
    </section>
  );
}
