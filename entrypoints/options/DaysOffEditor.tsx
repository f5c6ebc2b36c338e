import { useId, useState, type FormEvent } from 'react';
import { useUiText } from '@/components/ui-context';
import { formatDayRange } from '@/lib/i18n/format';
import { startOfLocalDate } from '@/lib/kpi/periods';
import { DaysOffSchema, type DaysOff, type Settings } from '@/lib/kpi/settings';
import { useWriter } from './write';

/** "24–26 Dec 2026" for an inclusive range of local dates. */
function rangeLabel(range: DaysOff, locale: string, timeZone: string): string {
  const start = startOfLocalDate(range.from, timeZone);
  const end = startOfLocalDate(range.to, timeZone) + 12 * 3_600_000;
  return formatDayRange(start, end, locale, timeZone);
}

/** Holidays and vacation: each range is saved at once; no pace accrues on these days. */
export function DaysOffEditor({ settings }: { settings: Settings }) {
  const { t, locale } = useUiText();
  const id = useId();
  const writer = useWriter();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const candidate = DaysOffSchema.safeParse({ from, to: to || from });
  const showInvalid = from !== '' && !candidate.success;

  const save = (daysOff: DaysOff[]) => writer.send({ type: 'save-settings', settings: { ...settings, daysOff } });
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!candidate.success) return;
    const next = [...settings.daysOff, candidate.data].sort((a, b) => a.from.localeCompare(b.from));
    if ((await save(next)) !== undefined) {
      setFrom('');
      setTo('');
    }
  };

  return (
    <div className="days-off" data-testid="days-off">
      <h3 id={`${id}-title`}>{t('pace_daysOffTitle')}</h3>
      <p className="card__intro">{t('pace_daysOffIntro')}</p>
      {settings.daysOff.length === 0 ? (
        <p className="muted">{t('pace_daysOffEmpty')}</p>
      ) : (
        <ul className="days-off__list" aria-labelledby={`${id}-title`}>
          {settings.daysOff.map((range, index) => {
            const label = rangeLabel(range, locale, settings.timeZone);
            return (
              <li key={`${range.from}-${range.to}-${index}`} data-testid="days-off-row" data-from={range.from} data-to={range.to}>
                <span>{label}</span>{' '}
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('pace_daysOffRemoveLabel', label)}
                  disabled={writer.busy}
                  onClick={() => void save(settings.daysOff.filter((_, i) => i !== index))}
                >
                  {t('pace_daysOffRemove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="hours" onSubmit={add} noValidate>
        <label>
          {t('pace_daysOffFrom')}{' '}
          <input type="date" data-testid="days-off-from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('pace_daysOffTo')}{' '}
          <input type="date" data-testid="days-off-to" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="button" data-testid="days-off-add" disabled={writer.busy || !candidate.success}>
          {t('pace_daysOffAdd')}
        </button>
      </form>
      {showInvalid && (
        <p className="field__error" role="alert">
          {t('pace_daysOffInvalid')}
        </p>
      )}
      {writer.error && (
        <p className="field__error" role="alert">
          {writer.error}
        </p>
      )}
    </div>
  );
}
