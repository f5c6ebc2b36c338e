import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useUiText } from '@/components/ui-context';
import type { VisitorsRow } from '@/lib/db/events';
import { formatMonthKey, formatNumber } from '@/lib/i18n/format';
import { monthKey } from '@/lib/kpi/periods';
import { effectiveTarget, type Settings } from '@/lib/kpi/settings';
import { parseVisitorsCsv, visitorsCsvProblemText } from '@/lib/settings-io/visitors-csv';
import { monthlyVisitorsTarget, monthsBelowTarget } from './visitors-advice';
import { useWriter } from './write';
import { TableHead } from './TableHead';
import { now as clockNow } from '@/lib/clock';

const MAX_CSV_BYTES = 200_000;

export function VisitorsSection({ settings, visitors }: { settings: Settings; visitors: VisitorsRow[] }) {
  const { t, locale } = useUiText();
  const currentMonth = monthKey(clockNow(), settings.timeZone);
  const [month, setMonth] = useState(currentMonth);
  const [value, setValue] = useState('');
  const [importResult, setImportResult] = useState<{ ok: boolean; lines: string[] }>();
  const writer = useWriter();

  const monthlyTarget = monthlyVisitorsTarget(effectiveTarget(settings, 'visitors'));
  const below = new Set(monthsBelowTarget(visitors, monthlyTarget, currentMonth));
  const parsedValue = value.trim() === '' ? NaN : Number(value);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && Number.isInteger(parsedValue) && parsedValue >= 0 && parsedValue <= 1e9;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    if ((await writer.send({ type: 'set-visitors', month, value: parsedValue })) !== undefined) setValue('');
  };

  const importCsv = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) return setImportResult({ ok: false, lines: [t('options_fileTooLarge')] });
    const result = parseVisitorsCsv(await file.text(), currentMonth);
    if (!result.ok) return setImportResult({ ok: false, lines: result.errors.map((p) => visitorsCsvProblemText(p, t)) });
    for (const row of result.rows) {
      if ((await writer.send({ type: 'set-visitors', month: row.month, value: row.value })) === undefined) return;
    }
    setImportResult({ ok: true, lines: [t('options_visitorsImported', String(result.rows.length))] });
  };

  return (
    <section className="card" aria-labelledby="visitors-title" data-testid="section-visitors">
      <h2 id="visitors-title">{t('options_visitorsTitle')}</h2>
      <p className="card__intro">{t('options_visitorsIntro', formatNumber(monthlyTarget, locale))}</p>
      <form className="inline-form" onSubmit={submit} noValidate>
        <label>
          {t('options_month')}
          <input type="month" data-testid="visitors-month" value={month} max={currentMonth} onChange={(e) => setMonth(e.target.value)} />
        </label>
        <label>
          {t('kpi_visitors')}
          <input type="number" min={0} step={1} data-testid="visitors-value" value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" data-testid="visitors-save" disabled={!valid || writer.busy}>
          {t('options_save')}
        </button>
      </form>
      <div className="inline-form">
        <label className="button">
          {t('options_importCsv')}
          <input type="file" accept=".csv,text/csv" className="visually-hidden" data-testid="visitors-csv" onChange={(e) => void importCsv(e)} />
        </label>
        {/* The file's own format, so its month is written as the file writes it. */}
        <span className="muted" data-format-example>
          {t('options_csvHint')}
        </span>
      </div>
      {importResult && (
        <div className={importResult.ok ? 'note' : 'note note--error'} role={importResult.ok ? 'status' : 'alert'} data-testid="visitors-import-result">
          {importResult.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {writer.error && (
        <p className="field__error" role="alert">
          {writer.error}
        </p>
      )}
      {visitors.length > 0 && (
        <table className="table" data-testid="visitors-table">
          <TableHead columns={['options_month', 'kpi_visitors', 'options_status']} />
          <tbody>
            {visitors.map((row) => (
              <tr key={row.month} data-testid={`visitors-row-${row.month}`}>
                <th scope="row">{formatMonthKey(row.month, locale)}</th>
                <td>{formatNumber(row.value, locale)}</td>
                <td>
                  {below.has(row.month) ? (
                    <span className="advice" data-testid="visitors-advice">
                      {t('options_visitorsAdvice')}
                    </span>
                  ) : row.month === currentMonth ? (
                    <span className="muted">{t('options_monthOpen')}</span>
                  ) : (
                    <span className="muted">{t('options_monthMet')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
