import { useEffect, useId, useMemo, useState } from 'react';
import { useUiText } from '@/components/ui-context';
import { CSV_DIALECTS, defaultCsvDialect, type CsvDialect } from '@/lib/export/locale-format';
import { EXPORT_RANGES, exportRangeBounds, weekBefore, type ExportRange } from '@/lib/export/ranges';
import { formatDayRange, formatNumber, formatWeekOf } from '@/lib/i18n/format';
import { weeksBetween, type CalendarOptions } from '@/lib/kpi/periods';
import type { ExportFormat } from './export-run';
import { now as clockNow } from '@/lib/clock';

type RangeChoice = ExportRange | 'custom';

const RANGE_KEY: Record<RangeChoice, string> = {
  'this-week': 'export_rangeThisWeek',
  'last-4': 'export_rangeLast4',
  'last-13': 'export_rangeLast13',
  'this-year': 'export_rangeThisYear',
  custom: 'export_rangeCustom',
};

const DIALECT_KEY: Record<CsvDialect, string> = { comma: 'export_csvComma', semicolon: 'export_csvSemicolon' };

/** Weeks offered for a custom range: about two years back. */
const CUSTOM_WEEKS_BACK = 104;

/**
 * Counts for a manager over a chosen range of weeks: an .xlsx workbook, CSV in the separator and
 * decimal mark of the rep's spreadsheet, or JSON for the team page. Loaded after the popup's first
 * paint (it needs the calendar code); the writers and the database load later still.
 */
export function ExportPanel({ timeZone: calendarZone, weekStart }: CalendarOptions) {
  const { t, locale, timeZone } = useUiText();
  const id = useId();
  const [choice, setChoice] = useState<RangeChoice>('last-4');
  const [status, setStatus] = useState<{ kind: 'done' | 'error'; text: string }>();
  const [working, setWorking] = useState(false);
  const [dialect, setDialect] = useState<CsvDialect>(() => defaultCsvDialect(locale));
  const calendar = useMemo(() => ({ timeZone: calendarZone, weekStart }), [calendarZone, weekStart]);
  const custom = choice === 'custom';

  // Once the popup is idle, fetch the export code and open the database, so a click does not wait for them.
  useEffect(() => {
    const warm = () => void import('./export-run').then((run) => run.prepareExport()).catch(() => undefined);
    const handle = requestIdleCallback(warm, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }, []);

  // About two years of weeks take a while to lay out in a time zone: only for a custom range.
  // Recomputed when the calendar changes; a popup does not stay open for weeks.
  const selectable = useMemo(() => {
    if (!custom) return [];
    const now = clockNow();
    return weeksBetween(weekBefore(now, CUSTOM_WEEKS_BACK, calendar).start, exportRangeBounds('this-week', now, calendar).to, calendar);
  }, [custom, calendar]);
  const lastIndex = selectable.length - 1;
  // The last four weeks until the rep picks other ones.
  const [pickedFrom, setPickedFrom] = useState<number>();
  const [pickedTo, setPickedTo] = useState<number>();
  const customFrom = pickedFrom ?? Math.max(0, lastIndex - 3);
  const customTo = pickedTo ?? lastIndex;

  const low = Math.min(customFrom, customTo);
  const high = Math.max(customFrom, customTo);
  const weeks = useMemo(() => {
    if (custom) return selectable.slice(low, high + 1);
    const bounds = exportRangeBounds(choice, clockNow(), calendar);
    return weeksBetween(bounds.from, bounds.to, calendar);
  }, [custom, selectable, low, high, choice, calendar]);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];

  const run = async (format: ExportFormat) => {
    if (!first || !last) return;
    setWorking(true);
    setStatus(undefined);
    try {
      // The writers (papaparse, the export schema) and the database load on first use.
      const { runExport } = await import('./export-run');
      const { rows } = await runExport({
        format,
        from: first.start,
        to: last.end,
        firstLabel: first.label,
        lastLabel: last.label,
        now: clockNow(),
        locale,
        csvDialect: dialect,
      });
      // The file's name carries the weeks' keys for sorting on disk; the rep reads dates here.
      setStatus({ kind: 'done', text: t('export_saved', [formatNumber(rows, locale), formatDayRange(first.start, last.end, locale, timeZone)]) });
    } catch (err) {
      setStatus({ kind: 'error', text: t('export_failed', err instanceof Error ? err.message : String(err)) });
    } finally {
      setWorking(false);
    }
  };

  // Weeks over about two years: each names its year.
  const weekOption = (index: number) => formatWeekOf(selectable[index]!.start, { t, locale, timeZone }, { withYear: true });

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
            onChange={(e) => setPickedFrom(Number(e.target.value))}
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
            onChange={(e) => setPickedTo(Number(e.target.value))}
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
          ? t('export_summary', [formatDayRange(first.start, last.end, locale, timeZone), formatNumber(weeks.length, locale)])
          : ''}
      </p>
      <div className="export__row">
        <label className="export__label" htmlFor={`${id}-dialect`}>
          {t('export_csvDialect')}
        </label>
        <select
          id={`${id}-dialect`}
          className="select"
          data-testid="export-csv-dialect"
          value={dialect}
          onChange={(e) => setDialect(e.target.value as CsvDialect)}
        >
          {CSV_DIALECTS.map((option) => (
            <option key={option} value={option}>
              {t(DIALECT_KEY[option])}
            </option>
          ))}
        </select>
      </div>
      <div className="export__actions">
        <button type="button" className="button" data-testid="export-xlsx" disabled={working || !first} onClick={() => void run('xlsx')}>
          {t('export_xlsx')}
        </button>
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
