import { useState } from 'react';
import type { KpiHistory } from '@/lib/kpi/history';
import { historyFigure, pointLabel, pointShortLabel } from './history-text';
import { useUiText } from './ui-context';

/**
 * A KPI's periods as bars with the target as a dashed line, in plain SVG. Chosen over a chart
 * library: twelve bars and a line need no scales or layout engine, the page stays a few kilobytes
 * lighter (chart libraries weigh 40–200 kB), and every bar is our own element, so it can be a
 * keyboard stop with a spoken label. The table under it says the same for screen readers and
 * anyone who prefers numbers.
 */
const BAR = 28;
const GAP = 8;
const HEIGHT = 120;
const TOP = 22;
const AXIS = 18;

export function HistoryChart({ history, currency }: { history: KpiHistory; currency: string }) {
  const { t, locale } = useUiText();
  const [active, setActive] = useState<number>();
  const { kpi, period, points } = history;
  const name = t(`kpi_${kpi}`);
  const figure = (value: number) => historyFigure(kpi, value, locale, currency);
  const max = Math.max(1, ...points.map((p) => Math.max(p.value ?? 0, p.target)));
  const y = (value: number) => TOP + (HEIGHT - TOP) * (1 - value / max);
  const width = points.length * (BAR + GAP) + GAP;
  const spoken = (index: number): string => {
    const point = points[index]!;
    const label = pointLabel(point, period, locale);
    const value = point.value === null ? t('history_noFigure') : t('history_valueOfTarget', [figure(point.value), figure(point.target)]);
    const state = point.met ? t('history_met') : point.partial ? t('history_running') : point.off ? t('history_daysOff') : t('history_missed');
    return `${label}: ${value}, ${state}`;
  };
  const targetY = points.length > 0 ? y(points[points.length - 1]!.target) : HEIGHT;
  const activePoint = active === undefined ? undefined : points[active];

  return (
    <figure className="history-chart">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT + AXIS}`}
        width={width}
        height={HEIGHT + AXIS}
        role="group"
        aria-label={t('history_chartLabel', name)}
        data-testid={`history-chart-${kpi}`}
        onMouseLeave={() => setActive(undefined)}
      >
        {points.map((point, index) => {
          const x = GAP + index * (BAR + GAP);
          const top = y(point.value ?? 0);
          return (
            <g
              key={point.first}
              tabIndex={0}
              role="img"
              aria-label={spoken(index)}
              data-testid={`history-bar-${kpi}`}
              className={`history-bar${point.met ? ' history-bar--met' : ''}${point.partial ? ' history-bar--running' : ''}${active === index ? ' history-bar--active' : ''}`}
              onMouseEnter={() => setActive(index)}
              onFocus={() => setActive(index)}
              onBlur={() => setActive(undefined)}
            >
              {/* The whole column reacts to the pointer, not just a short bar. */}
              <rect x={x - GAP / 2} y={TOP} width={BAR + GAP} height={HEIGHT - TOP} fill="transparent" />
              <rect className="history-bar__fill" x={x} y={top} width={BAR} height={Math.max(HEIGHT - top, point.value ? 1 : 0)} rx={3} />
              <text x={x + BAR / 2} y={HEIGHT + AXIS - 4} textAnchor="middle" className="history-bar__label" aria-hidden="true">
                {pointShortLabel(point, period, locale)}
              </text>
            </g>
          );
        })}
        <line x1={0} x2={width} y1={targetY} y2={targetY} className="history-chart__target" aria-hidden="true" />
        {activePoint && (
          <text x={width / 2} y={14} textAnchor="middle" className="history-chart__value" data-testid={`history-value-${kpi}`} aria-hidden="true">
            {pointShortLabel(activePoint, period, locale)}: {activePoint.value === null ? '—' : figure(activePoint.value)} / {figure(activePoint.target)}
          </text>
        )}
      </svg>
      <details className="history-table">
        <summary>{t('history_showTable')}</summary>
        <table data-testid={`history-table-${kpi}`}>
          <caption className="visually-hidden">{t('history_chartLabel', name)}</caption>
          <thead>
            <tr>
              <th scope="col">{period === 'week' ? t('history_colWeek') : t('history_colMonth')}</th>
              <th scope="col">{t('history_colValue')}</th>
              <th scope="col">{t('history_colTarget')}</th>
              <th scope="col">{t('history_colMet')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.first}>
                <th scope="row">{pointLabel(point, period, locale)}</th>
                <td>{point.value === null ? '—' : figure(point.value)}</td>
                <td>{figure(point.target)}</td>
                <td>{point.met ? t('history_met') : point.partial ? t('history_running') : point.off ? t('history_daysOff') : t('history_missed')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** A card's last periods in a few pixels: decoration, the streak beside it says it in words. */
export function Sparkline({ history }: { history: KpiHistory }) {
  const { points } = history;
  const max = Math.max(1, ...points.map((p) => Math.max(p.value ?? 0, p.target)));
  const bar = 5;
  const height = 18;
  const width = points.length * (bar + 2);
  const targetY = points.length > 0 ? height - (height * points[points.length - 1]!.target) / max : height;
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" data-testid={`sparkline-${history.kpi}`}>
      {points.map((point, index) => {
        const h = (height * (point.value ?? 0)) / max;
        return <rect key={point.first} x={index * (bar + 2)} y={height - h} width={bar} height={h} className={point.met ? 'sparkline__met' : 'sparkline__bar'} />;
      })}
      <line x1={0} x2={width} y1={targetY} y2={targetY} className="sparkline__target" />
    </svg>
  );
}
