import { useEffect } from 'react';
import { useUiText } from '@/components/ui-context';
import type { KpiId } from '@/lib/kpi/definitions';

export interface CountedToast {
  /** The counted event's key, which undo removes. */
  key: string;
  kpi: KpiId;
}

/** Long enough to notice a slip and undo it, short enough not to linger. */
const TOAST_MS = 10_000;

/** "Contacts: counted · Undo" after a manual entry. Lives in a polite live region so it is announced. */
export function UndoToast({ toast, onUndo, onDismiss }: { toast?: CountedToast; onUndo: (key: string) => void; onDismiss: () => void }) {
  const { t } = useUiText();
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onDismiss, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);

  return (
    <div className="toast-region" aria-live="polite">
      {toast && (
        <div className="toast" data-testid="undo-toast" data-key={toast.key}>
          <span>{t('popup_counted', t(`kpiShort_${toast.kpi}`))}</span>
          <button
            type="button"
            className="button button--link"
            data-testid="toast-undo"
            onClick={() => onUndo(toast.key)}
            aria-label={t('popup_undoLabel', t(`kpiShort_${toast.kpi}`))}
          >
            {t('popup_undo')}
          </button>
        </div>
      )}
    </div>
  );
}
