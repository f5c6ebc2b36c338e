import { useUiText } from '@/components/ui-context';

/** The save button with its outcome: saved, refused by the background (with the reason), or invalid. */
export function SaveBar({ testId, busy, saved, error, invalid }: { testId: string; busy: boolean; saved: boolean; error?: string; invalid?: boolean }) {
  const { t } = useUiText();
  return (
    <div className="save-bar">
      <button type="submit" className="button button--primary" data-testid={testId} disabled={busy || invalid}>
        {t('options_save')}
      </button>
      <span
        role="status"
        className={`save-bar__status${!saved && invalid ? ' save-bar__status--error' : ''}`}
        data-testid={`${testId}-status`}
        data-state={saved ? 'saved' : invalid ? 'invalid' : 'idle'}
      >
        {saved ? t('options_saved') : invalid ? t('options_fixErrors') : ''}
      </span>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
