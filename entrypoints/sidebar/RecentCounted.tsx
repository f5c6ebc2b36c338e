import { RecordLink } from '@/components/RecordLink';
import { useUiText } from '@/components/ui-context';
import type { CountEvent } from '@/lib/db/events';
import { formatDateTime, formatMoney } from '@/lib/i18n/format';

/** The last few counted records, newest first, each with Undo. */
export function RecentCounted({ events, busy, onUndo }: { events: readonly CountEvent[]; busy: boolean; onUndo: (key: string) => void }) {
  const { t, locale, timeZone } = useUiText();
  return (
    <section className="sb-section" aria-labelledby="sb-recent-title" data-testid="sidebar-recent">
      <h2 className="sb-section__title" id="sb-recent-title">
        {t('sidebar_recentTitle')}
      </h2>
      {events.length === 0 ? (
        <p className="sb-muted">{t('sidebar_recentEmpty')}</p>
      ) : (
        <ul className="sb-recent">
          {events.map((event) => {
            const what = t(`kpiShort_${event.kpi}`);
            const when = formatDateTime(event.at, locale, timeZone);
            return (
              <li key={event.key} className="sb-recent__item" data-testid="sidebar-recent-item">
                <span className="sb-recent__what">
                  <span className="sb-recent__kpi">
                    {what}
                    {event.kpi === 'revenue' && event.amount !== undefined && event.currency && (
                      <span className="sb-muted"> {formatMoney(event.amount, event.currency, locale)}</span>
                    )}
                  </span>
                  <RecordLink event={event} className="sb-recent__record" />
                </span>
                <time className="sb-recent__when" dateTime={new Date(event.at).toISOString()}>
                  {when}
                </time>
                <button
                  type="button"
                  className="button button--link"
                  disabled={busy}
                  onClick={() => onUndo(event.key)}
                  aria-label={t('sidebar_undoEventLabel', [what, when])}
                >
                  {t('sidebar_undo')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
