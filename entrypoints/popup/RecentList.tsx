import { RecordLink } from '@/components/RecordLink';
import { useUiText } from '@/components/ui-context';
import type { CountEvent } from '@/lib/db/events';
import { formatDateTime, formatMoney, formatWhen } from '@/lib/i18n/format';
import { now as clockNow } from '@/lib/clock';

export interface RecentListProps {
  events: readonly CountEvent[];
  /** The write in flight, if any ("undo:<key>" while that one is being undone). */
  busyKey?: string;
  onUndo: (key: string) => void;
}

/** The last few counted events, newest first, each undoable; manual ones are marked as such. */
export function RecentList({ events, busyKey, onUndo }: RecentListProps) {
  const { t, locale, timeZone } = useUiText();
  const now = clockNow();
  return (
    <section className="panel" aria-labelledby="recent-title" data-testid="recent">
      <h2 className="panel__title" id="recent-title">
        {t('popup_recentTitle')}
      </h2>
      {events.length === 0 ? (
        <p className="panel__empty">{t('popup_recentEmpty')}</p>
      ) : (
        <ul className="recent-list">
          {events.map((event) => {
            const what = t(`kpiShort_${event.kpi}`);
            const when = formatWhen(event.at, now, locale, timeZone);
            return (
              <li key={event.key} className="recent-list__item" data-testid="recent-item" data-source={event.source}>
                <span className="recent-list__what">
                  <span>
                    {what}
                    {event.kpi === 'revenue' && event.amount !== undefined && event.currency && (
                      <span className="recent-list__amount">
                        {' '}
                        {formatMoney(event.amount, event.currency, locale, { whole: Number.isInteger(event.amount) })}
                      </span>
                    )}
                  </span>
                  <RecordLink event={event} className="recent-list__record" />
                </span>
                {event.source === 'manual' ? (
                  <span className="tag tag--manual">{t('popup_manual')}</span>
                ) : (
                  event.adapter && <span className="tag">{event.adapter}</span>
                )}
                <time
                  className="recent-list__when"
                  dateTime={new Date(event.at).toISOString()}
                  title={formatDateTime(event.at, locale, timeZone)}
                >
                  {when}
                </time>
                <button
                  type="button"
                  className="button button--link"
                  data-testid={`undo-${event.key}`}
                  disabled={busyKey !== undefined}
                  onClick={() => onUndo(event.key)}
                  aria-label={t('popup_undoEventLabel', [what, formatDateTime(event.at, locale, timeZone)])}
                >
                  {t('popup_undo')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
