import { useId } from 'react';
import { useUiText } from '../../components/ui-context';
import { formatNumber } from '../../lib/i18n/format';
import { CurrencySchema } from '../../lib/kpi/definitions';
import { effectiveTarget, withCurrency, type Settings } from '../../lib/kpi/settings';
import { COMMON_CURRENCIES, daysFrom, timeZoneList, weekdayNames } from './form';

export interface ProfileDraft {
  repName: string;
  teamSize: string;
  currency: string;
  weekStart: number;
  workingDays: number[];
  timeZone: string;
  revenueWithTax: boolean;
}

export function profileDraft(settings: Settings): ProfileDraft {
  return {
    repName: settings.repName,
    teamSize: String(settings.teamSize),
    currency: settings.currency,
    weekStart: settings.weekStart,
    workingDays: [...settings.workingDays],
    timeZone: settings.timeZone,
    revenueWithTax: settings.revenueWithTax,
  };
}

/**
 * The settings with the draft applied. A currency change goes through withCurrency, so a revenue
 * target still at the article's figure follows it (100,000 USD → 93,500 EUR).
 */
export function applyProfile(settings: Settings, draft: ProfileDraft): unknown {
  const currency = draft.currency.trim().toUpperCase();
  const base = CurrencySchema.safeParse(currency).success ? withCurrency(settings, currency) : { ...settings, currency };
  const teamSize = draft.teamSize.trim() === '' ? NaN : Number(draft.teamSize);
  return {
    ...base,
    repName: draft.repName.trim(),
    teamSize,
    weekStart: draft.weekStart,
    workingDays: [...draft.workingDays].sort((a, b) => a - b),
    timeZone: draft.timeZone.trim(),
    revenueWithTax: draft.revenueWithTax,
  };
}

interface Props {
  draft: ProfileDraft;
  onChange(draft: ProfileDraft): void;
  errors: Record<string, string>;
  /** The settings the draft applies to, for showing the revenue target the currency implies. */
  settings: Settings;
  showTimeZone?: boolean;
}

/** Name, team size, currency, week start, working days and time zone: shared by options and onboarding. */
export function ProfileFields({ draft, onChange, errors, settings, showTimeZone = true }: Props) {
  const { t, locale } = useUiText();
  const id = useId();
  const days = weekdayNames(locale);
  const set = (patch: Partial<ProfileDraft>) => onChange({ ...draft, ...patch });
  const currency = draft.currency.trim().toUpperCase();
  const preview = CurrencySchema.safeParse(currency).success ? effectiveTarget(withCurrency(settings, currency), 'revenue') : undefined;

  return (
    <div className="fields">
      <Field id={`${id}-name`} label={t('options_repName')} hint={t('options_repNameHint')} error={errors.repName}>
        <input id={`${id}-name`} data-testid="rep-name" maxLength={80} value={draft.repName} onChange={(e) => set({ repName: e.target.value })} />
      </Field>
      <Field id={`${id}-team`} label={t('options_teamSize')} hint={t('options_teamSizeHint')} error={errors.teamSize}>
        <input id={`${id}-team`} data-testid="team-size" type="number" min={1} max={1000} step={1} value={draft.teamSize} onChange={(e) => set({ teamSize: e.target.value })} />
      </Field>
      <Field id={`${id}-currency`} label={t('options_currency')} error={errors.currency}>
        <input
          id={`${id}-currency`}
          data-testid="currency"
          list={`${id}-currencies`}
          maxLength={3}
          value={draft.currency}
          onChange={(e) => set({ currency: e.target.value.toUpperCase() })}
        />
        <datalist id={`${id}-currencies`}>
          {COMMON_CURRENCIES.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
        {preview && preview.period === 'year' && (
          <p className="field__note" data-testid="revenue-preview">
            {t('options_revenueFollows', [formatNumber(preview.target, locale), currency])}
          </p>
        )}
      </Field>
      <div className="field">
        <label className="day" htmlFor={`${id}-tax`}>
          <input
            id={`${id}-tax`}
            type="checkbox"
            data-testid="revenue-with-tax"
            aria-describedby={`${id}-tax-hint`}
            checked={draft.revenueWithTax}
            onChange={(e) => set({ revenueWithTax: e.target.checked })}
          />
          {t('options_revenueWithTax')}
        </label>
        <p className="field__hint" id={`${id}-tax-hint`}>
          {t('options_revenueWithTaxHint')}
        </p>
      </div>
      <Field id={`${id}-week`} label={t('options_weekStart')} error={errors.weekStart}>
        <select id={`${id}-week`} data-testid="week-start" value={draft.weekStart} onChange={(e) => set({ weekStart: Number(e.target.value) })}>
          {days.map((name, day) => (
            <option key={day} value={day}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="field field--days" aria-describedby={errors.workingDays ? `${id}-days-error` : undefined}>
        <legend className="field__label">{t('options_workingDays')}</legend>
        <div className="days">
          {daysFrom(draft.weekStart).map((day) => (
            <label key={day} className="day">
              <input
                type="checkbox"
                data-testid={`working-day-${day}`}
                checked={draft.workingDays.includes(day)}
                onChange={(e) =>
                  set({ workingDays: e.target.checked ? [...draft.workingDays, day] : draft.workingDays.filter((d) => d !== day) })
                }
              />
              {days[day]}
            </label>
          ))}
        </div>
        {errors.workingDays && (
          <p className="field__error" id={`${id}-days-error`} role="alert">
            {errors.workingDays}
          </p>
        )}
      </fieldset>
      {showTimeZone && (
        <Field id={`${id}-tz`} label={t('options_timeZone')} error={errors.timeZone}>
          <input id={`${id}-tz`} data-testid="time-zone" list={`${id}-zones`} value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
          <datalist id={`${id}-zones`}>
            {timeZoneList().map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </Field>
      )}
    </div>
  );
}

export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: React.ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && <p className="field__hint">{hint}</p>}
      {error && (
        <p className="field__error" role="alert" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
