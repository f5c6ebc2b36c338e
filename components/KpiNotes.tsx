import { formatDate, formatNumber, formatPeriodLabel } from '@/lib/i18n/format';
import type { KpiProgress } from '@/lib/kpi/snapshot-types';
import { formatKpiFigure } from './kpi-format';
import { outlookText } from './outlook-text';
import { useUiText } from './ui-context';

/**
 * The lines under a KPI that explain its status: what it takes from here, a pro-rated first
 * period, a revenue target still to set, and for visitors the month judged with the advice when it
 * closed below target. Shared by the popup cards and the sidebar rows.
 */
export function KpiNotes({ progress, compact = false }: { progress: KpiProgress; compact?: boolean }) {
  const { t, locale, timeZone } = useUiText();
  const { kpi } = progress;
  const notes: { id: string; text: string; title?: string; tone?: 'advice' }[] = [];

  if (progress.targetUnset && progress.currency) {
    notes.push({ id: 'target-unset', text: t('pace_revenueUnset', progress.currency) });
  }

  if (progress.judgedMonth) {
    const month = formatPeriodLabel(
      { period: 'month', start: progress.judgedMonth.start, end: progress.judgedMonth.end, label: progress.judgedMonth.key },
      { t, locale, timeZone },
    );
    if (progress.figureMissing) notes.push({ id: 'visitors-missing', text: t('pace_visitorsMissing', month) });
    else if (progress.status === 'behind') {
      notes.push({
        id: 'visitors-advice',
        tone: 'advice',
        text: t('pace_visitorsAdvice', [month, formatNumber(progress.value, locale), formatNumber(progress.target, locale)]),
      });
    } else if (!compact) notes.push({ id: 'visitors-month', text: t('pace_visitorsMonth', month) });
  }

  const outlook = outlookText(progress, t, locale);
  if (outlook) notes.push({ id: 'outlook', text: outlook });

  if (progress.proratedFrom !== undefined && progress.fullTarget !== undefined) {
    const since = formatDate(progress.proratedFrom, locale, timeZone);
    notes.push({
      id: 'prorated',
      text: t('pace_prorated', since),
      title: t('pace_proratedHint', [since, formatKpiFigure(progress, progress.fullTarget, locale)]),
    });
  }

  if (notes.length === 0) return null;
  return (
    <ul className={`kpi-notes${compact ? ' kpi-notes--compact' : ''}`} data-testid={`kpi-notes-${kpi}`}>
      {notes.map((note) => (
        <li
          key={note.id}
          className={`kpi-notes__item${note.tone ? ` kpi-notes__item--${note.tone}` : ''}`}
          data-testid={`kpi-${note.id}-${kpi}`}
          title={note.title}
        >
          {note.text}
        </li>
      ))}
    </ul>
  );
}
