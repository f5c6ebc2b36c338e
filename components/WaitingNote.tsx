import { formatNumber } from '@/lib/i18n/format';
import { useUiText } from './ui-context';

/** "Waiting to be saved: 3 …" while counts wait for storage room; nothing otherwise. */
export function WaitingNote({ waiting, className }: { waiting?: number; className: string }) {
  const { t, locale } = useUiText();
  if (!waiting) return null;
  return (
    <p className={className} role="status" data-testid="waiting-note">
      {t('delivery_waitingStorageFull', formatNumber(waiting, locale))}
    </p>
  );
}
