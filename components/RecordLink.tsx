import type { CountEvent } from '@/lib/db/events';
import { recordLabel, safeRecordUrl } from '@/lib/i18n/records';
import { useUiText } from './ui-context';

/**
 * Which record a count came from, "Quote 5512", linked back to it in the CRM when its address is
 * known. Manual entries have no record and show nothing.
 */
export function RecordLink({ event, className }: { event: Pick<CountEvent, 'kind' | 'recordId' | 'url'>; className?: string }) {
  const { t } = useUiText();
  const label = recordLabel(event, t);
  if (!label) return null;
  const url = safeRecordUrl(event.url);
  return url ? (
    <a className={className} href={url} target="_blank" rel="noopener noreferrer" title={t('record_open', label)} data-testid="record-link">
      {label}
    </a>
  ) : (
    <span className={className} data-testid="record-link">
      {label}
    </span>
  );
}
