import { useId, useState, type FormEvent } from 'react';
import { useUiText } from './ui-context';

export interface RevenueEntryProps {
  /** The rep's currency, preselected. */
  defaultCurrency: string;
  onAdd: (amount: number, currency: string) => void;
  disabled?: boolean;
}

const CURRENCY = /^[A-Z]{3}$/;

/** Amount + currency form for revenue counted by hand. */
export function RevenueEntry({ defaultCurrency, onAdd, disabled }: RevenueEntryProps) {
  const { t } = useUiText();
  const id = useId();
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(defaultCurrency);
  const parsed = Number(amount.replace(',', '.'));
  const code = currency.trim().toUpperCase();
  const valid = amount.trim() !== '' && Number.isFinite(parsed) && parsed > 0 && CURRENCY.test(code);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    onAdd(Math.round(parsed * 100) / 100, code);
    setAmount('');
  };

  return (
    <form className="entry" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={`${id}-amount`}>
        {t('popup_revenueAmount')}
      </label>
      <input
        id={`${id}-amount`}
        className="entry__input entry__input--amount"
        data-testid="revenue-amount"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        placeholder={t('popup_revenueAmountPlaceholder')}
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
      />
      <label className="visually-hidden" htmlFor={`${id}-currency`}>
        {t('popup_revenueCurrency')}
      </label>
      <input
        id={`${id}-currency`}
        className="entry__input entry__input--currency"
        data-testid="revenue-currency"
        type="text"
        maxLength={3}
        autoComplete="off"
        spellCheck={false}
        value={currency}
        onChange={(e) => setCurrency(e.target.value.toUpperCase())}
      />
      <button
        type="submit"
        className="button button--primary"
        data-testid="revenue-add"
        disabled={disabled || !valid}
        aria-label={t('popup_revenueAddLabel')}
      >
        {t('popup_add')}
      </button>
    </form>
  );
}
