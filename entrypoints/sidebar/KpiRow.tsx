import { dueByNowFigure, formatKpiFigure } from '@/components/kpi-format';
import { PaceBar } from '@/components/PaceBar';
import { KpiNotes } from '@/components/KpiNotes';
import { StatusChip } from '@/components/StatusChip';
import { useUiText } from '@/components/ui-context';
import type { KpiProgress } from '@/lib/kpi/snapshot-types';

/** One KPI in a few lines: count of target and status; the pace bar; period, still needed and pace. */
export function KpiRow({ progress }: { progress: KpiProgress }) {
  const { t, locale } = useUiText();
  const { kpi } = progress;
  const figure = (value: number) => formatKpiFigure(progress, value, locale);
  const name = t(`kpi_${kpi}`);
  const barLabel = t('sidebar_progressLabel', [name, figure(progress.value), figure(progress.target), dueByNowFigure(progress, locale)]);
  return (
    <li className={`sb-kpi sb-kpi--${progress.status}`} data-testid={`sidebar-kpi-${kpi}`} data-status={progress.status}>
      <div className="sb-kpi__top">
        <span className="sb-kpi__name" title={name}>
          {t(`kpiShort_${kpi}`)}
        </span>
        <span className="sb-kpi__figure">
          <strong data-testid={`sidebar-value-${kpi}`}>{figure(progress.value)}</strong>
          <span className="sb-kpi__target"> / {figure(progress.target)}</span>
        </span>
        <StatusChip status={progress.status} />
      </div>
      <PaceBar value={progress.value} target={progress.target} pace={progress.pace} status={progress.status} label={barLabel} />
      <p className="sb-kpi__meta">
        <span>{t(`period_${progress.period}`)}</span>
        <span data-testid={`sidebar-needed-${kpi}`}>
          {progress.stillNeeded > 0 ? t('sidebar_toGo', figure(progress.stillNeeded)) : t('sidebar_targetReached')}
          {kpi !== 'visitors' && (
            <>
              {' · '}
              {t('sidebar_expected', dueByNowFigure(progress, locale))}
            </>
          )}
        </span>
      </p>
      <KpiNotes progress={progress} compact />
    </li>
  );
}
