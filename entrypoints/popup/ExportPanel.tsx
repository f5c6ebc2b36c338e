import { useId, useMemo, useState } from 'react';
import { useUiText } from '../../components/ui-context';
import { db } from '../../lib/db/database';
import { EXPORT_RANGES, exportRangeBounds, weekBefore, type ExportRange } from '../../lib/export/ranges';
import { formatDayRange, formatNumber } from '../../lib/i18n/format';
import { weeksBetween } from '../../lib/kpi/periods';
import type { Settings } from '../../lib/kpi/settings';
import { downloadText } from './download';

type RangeChoice = ExportRange | 'custom';

const RANGE_KEY: Record<RangeChoice, string> = {
  'this-week': 'export_rangeThisWeek',
  'last-4': 'export_rangeLast4',
  'last-13': 'export_rangeLast13',
  'this-year': 'export_rangeThisYear',
  custom: 'export_rangeCustom',
};

/** Weeks offered for a custom range: about two years back. */
const CUSTOM_WEEKS_BACK = 104;

/** Weekly counts for a manager, as CSV or JSON, over a chosen range of weeks. */
export function ExportPanel({ settings }: { settings: Settings }) {
  const { t, locale, timeZone } = useUiText();
  const id = useId();
  const [choice, setChoice] = useState<RangeChoice>('last-4');
  const [status, setStatus] = useState<{ kind: 'done' | 'error'; text: string }>();
  const [working, setWorking] = useState(false);
  const calendar = { timeZone: settings.timeZone, weekStart: settings.weekStart };

  // Recomputed when the popup opens or the calendar changes; a popup does not stay open for weeks.
  const selectable = useMemo(() => {
    const now = Date.now();
    const options = { timeZone: settings.timeZone, weekStart: settings.weekStart };
    return weeksBetween(weekBefore(now, CUSTOM_WEEKS_BACK, options).start, exportRangeBounds('this-week', now, options).to, options);
  }, [settings.timeZone, settings.weekStart]);
  const lastIndex = selectable.length - 1;
  const [customFrom, setCustomFrom] = useState(Math.max(0, lastIndex - 3));
  const [customTo, setCustomTo] = useState(lastIndex);

  const bounds =
    choice === 'custom'
      ? {
          from: selectable[Math.min(customFrom, customTo)]!.start,
          to: selectable[Math.max(customFrom, customTo)]!.end,
        }
      : exportRangeBounds(choice, Date.now(), calendar);
  const weeks = weeksBetween(bounds.from, bounds.to, calendar);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];

  const run = async (format: 'csv' | 'json') => {
    if (!first || !last) return;
    setWorking(true);
    setStatus(undefined);
    try {
      // The writers (papaparse, the export schema) load on first use: the popup opens without them.
      const { exportWeeks, exportFilename, toCsv, toJson } = await import('../../lib/export');
      const rows = await exportWeeks(db(), settings, bounds.from, bounds.to);
      const filename = exportFilename(settings.repName, first.label, last.label, format);
      if (format === 'csv') downloadText(filename, toCsv(rows), 'text/csv;charset=utf-8');
      else
        downloadText(
          filename,
          toJson(rows, { exportedAt: Date.now(), rep: settings.repName, currency: settings.currency }),
          'application/json',
        );
      setStatus({ kind: 'done', text: t('export_done', [formatNumber(rows.length, locale), filename]) });
    } catch (err) {
      setStatus({ kind: 'error', text: t('export_failed', err instanceof Error ? err.message : String(err)) });
    } finally {
      setWorking(false);
    }
  };

  const weekOption = (index: number) => {
    const week = selectable[index]!;
    return `${week.label} · ${formatDayRange(week.start, week.end, locale, timeZone)}`;
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="export">
      <h2 className="panel__title" id={`${id}-title`}>
        {t('export_title')}
      </h2>
      <div className="export__row">
        <label className="export__label" htmlFor={`${id}-range`}>
          {t('export_range')}
        </label>
        <select
          id={`${id}-range`}
          className="select"
          data-testid="export-range"
          value={choice}
          onChange={(e) => setChoice(e.target.value as RangeChoice)}
        >
          {[...EXPORT_RANGES, 'custom' as const].map((option) => (
            <option key={option} value={option}>
              {t(RANGE_KEY[option])}
            </option>
          ))}
        </select>
      </div>

      {choice === 'custom' && (
        <div className="export__custom">
          <label className="export__label" htmlFor={`${id}-from`}>
            {t('export_from')}
          </label>
          <select
            id={`${id}-from`}
            className="select"
            data-testid="export-from"
            value={customFrom}
            onChange={(e) => setCustomFrom(Number(e.target.value))}
          >
            {selectable.map((week, index) => (
              <option key={week.label} value={index}>
                {weekOption(index)}
              </option>
            ))}
          </select>
          <label className="export__label" htmlFor={`${id}-to`}>
            {t('export_to')}
          </label>
          <select
            id={`${id}-to`}
            className="select"
            data-testid="export-to"
            value={customTo}
            onChange={(e) => setCustomTo(Number(e.target.value))}
          >
            {selectable.map((week, index) => (
              <option key={week.label} value={index}>
                {weekOption(index)}
              </option>
            ))}
          </select>
        </div>
      )}

      <p className="export__summary" data-testid="export-summary">
        {first && last
          ? t('export_summary', [first.label === last.label ? first.label : `${first.label} – ${last.label}`, formatNumber(weeks.length, locale)])
          : ''}
      </p>
      <div className="export__actions">
        <button type="button" className="button" data-testid="export-csv" disabled={working || !first} onClick={() => void run('csv')}>
          {t('export_csv')}
        </button>
        <button type="button" className="button" data-testid="export-json" disabled={working || !first} onClick={() => void run('json')}>
          {t('export_json')}
        </button>
      </div>
      {status && (
        <p
          className={`export__status export__status--${status.kind}`}
          role={status.kind === 'error' ? 'alert' : 'status'}
          data-testid="export-status"
        >
          {status.text}
        </p>
      )}
    </section>
  );
}
