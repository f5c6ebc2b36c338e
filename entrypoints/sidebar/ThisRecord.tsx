import { RevenueEntry } from '@/components/RevenueEntry';
import { useUiText } from '@/components/ui-context';
import { recordLabel } from '@/lib/i18n/records';
import type { ManualRecordKpi } from '@/lib/background/record-count';
import type { RecordOffer } from './use-sidebar-data';

export interface ThisRecordProps {
  offer: RecordOffer;
  defaultCurrency: string;
  busy: boolean;
  onCount: (kpi: ManualRecordKpi, amount?: number, currency?: string) => void;
  onUndo: (key: string) => void;
}

/**
 * Buttons to count the record open in the CRM toward a KPI detection did not count it for.
 * A KPI it already counts toward shows "Already counted" with Undo instead of a button.
 */
export function ThisRecord({ offer, defaultCurrency, busy, onCount, onUndo }: ThisRecordProps) {
  const { t } = useUiText();
  const { record } = offer;
  const which = recordLabel(record, t) ?? record.recordId;
  return (
    <section className="sb-section sb-section--record" aria-labelledby="sb-record-title" data-testid="sidebar-record" data-record-id={record.recordId}>
      <h2 className="sb-section__title" id="sb-record-title">
        {t('sidebar_thisRecord')}
        <span className="sb-record__id" title={which} data-testid="sidebar-record-label">
          {which}
        </span>
      </h2>
      <ul className="sb-offers">
        {offer.offered.map((kpi) => {
          const countedKey = offer.counted[kpi];
          return (
            <li key={kpi} className="sb-offer" data-testid={`sidebar-offer-${kpi}`} data-counted={countedKey ? 'yes' : 'no'}>
              {countedKey ? (
                <>
                  <span className="sb-offer__done">
                    <span aria-hidden="true">✓ </span>
                    {t(`sidebar_countAs_${kpi}`)}
                    <span className="sb-offer__state"> · {t('sidebar_alreadyCounted')}</span>
                  </span>
                  <button
                    type="button"
                    className="button button--link"
                    data-testid={`sidebar-offer-undo-${kpi}`}
                    disabled={busy}
                    onClick={() => onUndo(countedKey)}
                    aria-label={t('sidebar_undoLabel', t(`sidebar_countAs_${kpi}`))}
                  >
                    {t('sidebar_undo')}
                  </button>
                </>
              ) : kpi === 'revenue' ? (
                <div className="sb-offer__revenue">
                  <span className="sb-offer__label">{t('sidebar_countAs_revenue')}</span>
                  <RevenueEntry defaultCurrency={defaultCurrency} disabled={busy} onAdd={(amount, currency) => onCount('revenue', amount, currency)} />
                </div>
              ) : (
                <button type="button" className="button sb-offer__button" data-testid={`sidebar-count-${kpi}`} disabled={busy} onClick={() => onCount(kpi)}>
                  {t(`sidebar_countAs_${kpi}`)}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
