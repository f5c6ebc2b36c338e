import { useEffect, useId, useState, type FormEvent } from 'react';
import { useUiText } from './ui-context';

export interface VisitorsEntryProps {
  /** The figure entered for the current month, if any. */
  value: number | undefined;
  /** e.g. "November 2026": which month the figure is for. */
  monthLabel: string;
  onSave: (value: number) => void;
  disabled?: boolean;
}

/** The company's website visitors for this month: one figure, entered or corrected by hand. */
export function VisitorsEntry({ value, monthLabel, onSave, disabled }: VisitorsEntryProps) {
  const { t } = useUiText();
  const id = useId();
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  // A figure saved elsewhere (another window, an import) replaces what is shown.
  useEffect(() => setDraft(value === undefined ? '' : String(value)), [value]);

  const parsed = Number(draft);
  const valid = draft.trim() !== '' && Number.isInteger(parsed) && parsed >= 0 && parsed <= 1e9;
  const changed = valid && parsed !== value;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changed) onSave(parsed);
  };

  return (
    <form className="entry" onSubmit={submit}>
      <label className="entry__label" htmlFor={`${id}-visitors`}>
        {t('pace_visitorsEntry', monthLabel)}
      </label>
      <input
        id={`${id}-visitors`}
        className="entry__input entry__input--visitors"
        data-testid="visitors-input"
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button
        type="submit"
        className="button button--primary"
        data-testid="visitors-save"
        disabled={disabled || !changed}
        aria-label={t('popup_visitorsSaveLabel', monthLabel)}
      >
        {t('popup_save')}
      </button>
    </form>
  );
}
