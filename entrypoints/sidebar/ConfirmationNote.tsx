import { useUiText } from '@/components/ui-context';
import type { Confirmation } from './use-confirmation';

export interface ConfirmationNoteProps {
  confirmation: Confirmation;
  onUndo: (keys: string[]) => void;
  onDismiss: () => void;
  /** Pauses the timer while the rep points at it or tabs into it. */
  onHold: (held: boolean) => void;
  busy?: boolean;
}

/** "Contact counted · Undo". Announced politely by the live region it is rendered in. */
export function ConfirmationNote({ confirmation, onUndo, onDismiss, onHold, busy }: ConfirmationNoteProps) {
  const { t } = useUiText();
  const more = confirmation.keys.length - 1;
  return (
    <div
      className="sb-note"
      role="status"
      data-testid="sidebar-confirmation"
      data-keys={confirmation.keys.join(' ')}
      onPointerEnter={() => onHold(true)}
      onPointerLeave={() => onHold(false)}
      onFocus={() => onHold(true)}
      onBlur={() => onHold(false)}
    >
      <span className="sb-note__check" aria-hidden="true">
        ✓
      </span>
      <span className="sb-note__text">
        {t(`sidebar_counted_${confirmation.kpi}`)}
        {more > 0 && <span className="sb-note__more"> {t('sidebar_andMore', String(more))}</span>}
      </span>
      <button
        type="button"
        className="button button--link"
        data-testid="sidebar-undo"
        disabled={busy}
        onClick={() => onUndo(confirmation.keys)}
        aria-label={t('sidebar_undoLabel', t(`sidebar_counted_${confirmation.kpi}`))}
      >
        {t('sidebar_undo')}
      </button>
      <button type="button" className="sb-icon-button sb-note__close" onClick={onDismiss} aria-label={t('sidebar_dismiss')}>
        ×
      </button>
    </div>
  );
}
