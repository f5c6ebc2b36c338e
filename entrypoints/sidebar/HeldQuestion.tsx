import { useUiText } from '@/components/ui-context';
import type { HeldSummary } from './use-held';

export interface HeldQuestionProps {
  held: HeldSummary;
  busy: boolean;
  onAnswer: (action: 'count' | 'discard') => void;
}

/** "41 contacts in one minute — count them?" once for the whole burst, with one click either way. */
export function HeldQuestion({ held, busy, onAnswer }: HeldQuestionProps) {
  const { t, locale } = useUiText();
  const onlyContacts = held.byKpi.contacts === held.total;
  const form = new Intl.PluralRules(locale).select(held.total);
  const count = new Intl.NumberFormat(locale).format(held.total);
  return (
    <div className="sb-note sb-held" role="alertdialog" aria-labelledby="sb-held-question" aria-describedby="sb-held-why" data-testid="sidebar-held">
      <div className="sb-held__text">
        <p id="sb-held-question" className="sb-held__question">
          {t(`burst_${onlyContacts ? 'contacts' : 'records'}_${form === 'zero' || form === 'two' ? 'other' : form}`, count)}
        </p>
        <p id="sb-held-why" className="sb-held__why">
          {t('burst_why')}
        </p>
      </div>
      <div className="sb-held__actions">
        <button type="button" className="button" data-testid="sidebar-held-count" disabled={busy} onClick={() => onAnswer('count')}>
          {t('burst_count')}
        </button>
        <button type="button" className="button button--link" data-testid="sidebar-held-discard" disabled={busy} onClick={() => onAnswer('discard')}>
          {t('burst_discard')}
        </button>
      </div>
    </div>
  );
}
