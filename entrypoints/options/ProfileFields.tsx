import { useId } from 'react';
import { useUiText } from '@/components/ui-context';
import { formatNumber } from '@/lib/i18n/format';
import { CurrencySchema } from '@/lib/kpi/definitions';
import { articleRevenueTarget, effectiveTarget, revenueTargetAtRate, withCurrency, type Settings } from '@/lib/kpi/settings';
import { formatMoney } from '@/lib/i18n/format';
import { COMMON_CURRENCIES, daysFrom, timeZoneList, weekdayNames } from './form';

export interface ProfileDraft {
  repName: string;
  teamSize: string;
  currency: string;
  weekStart: number;
  workingDays: number[];
  timeZone: string;
  revenueWithTax: boolean;
  /** "HH:MM" each: the working day pace accrues over. */
  workStart: string;
  workEnd: string;
  /** "YYYY-MM-DD": the first period of each KPI is pro-rated from this day. */
  countingSince: string;
  /** Units of the rep's currency per dollar, for currencies the revenue target is not given in. */
  usdRate: string;
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
    workStart: settings.workingHours.start,
    workEnd: settings.workingHours.end,
    countingSince: settings.countingSince ?? '',
    usdRate: settings.rates.USD === undefined ? '' : String(settings.rates.USD),
  };
}

/** The dollar rate the draft gives, when it gives a usable one. */
function draftRate(draft: ProfileDraft): number | undefined {
  const rate = draft.usdRate.trim() === '' ? NaN : Number(draft.usdRate);
  return rate > 0 && Number.isFinite(rate) ? rate : undefined;
}

/**
 * The settings with the draft applied. A currency change goes through withCurrency, so a revenue
 * target still at the article's figure follows it (100,000 USD → 93,500 EUR).
 */
export function applyProfile(settings: Settings, draft: ProfileDraft): unknown {
  const currency = draft.currency.trim().toUpperCase();
  const base = CurrencySchema.safeParse(currency).success ? withCurrency(settings, currency) : { ...settings, currency };
  const teamSize = draft.teamSize.trim() === '' ? NaN : Number(draft.teamSize);
  // A currency the article does not price: the rate gives the dollar target in it, unless the rep
  // already set their own figure.
  const rate = draftRate(draft);
  const priced = articleRevenueTarget(currency) !== undefined;
  const rates = !priced && rate !== undefined && currency !== 'USD' ? { ...base.rates, USD: rate } : base.rates;
  const previousRate = settings.rates.USD;
  const revenue = base.targets.revenue;
  const followsRate =
    revenue === undefined || (previousRate !== undefined && revenue.period === 'year' && revenue.target === revenueTargetAtRate(previousRate));
  const targets =
    !priced && rate !== undefined && followsRate
      ? { ...base.targets, revenue: { target: revenueTargetAtRate(rate), period: 'year' as const } }
      : base.targets;
  return {
    ...base,
    rates,
    targets,
    workingHours: { start: draft.workStart, end: draft.workEnd },
    ...(draft.countingSince !== '' && { countingSince: draft.countingSince }),
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
  const valid = CurrencySchema.safeParse(currency).success;
  const preview = valid ? effectiveTarget(withCurrency(settings, currency), 'revenue') : undefined;
  const needsRate = valid && articleRevenueTarget(currency) === undefined;
  const rate = draftRate(draft);

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
        {preview && preview.period === 'year' && !preview.unset && (
          <p className="field__note" data-testid="revenue-preview">
            {t('options_revenueFollows', [formatNumber(preview.target, locale), currency])}
          </p>
        )}
        {needsRate && preview?.unset && <p className="field__note" data-testid="revenue-needs-rate">{t('pace_usdRateNeeded', currency)}</p>}
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
      {needsRate && (
        <Field id={`${id}-rate`} label={t('pace_usdRate', currency)} error={errors['rates.USD']}>
          <input
            id={`${id}-rate`}
            data-testid="usd-rate"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            value={draft.usdRate}
            onChange={(e) => set({ usdRate: e.target.value })}
          />
          {rate !== undefined && (
            <p className="field__note" data-testid="revenue-at-rate">
              {t('pace_usdRateHint', formatMoney(revenueTargetAtRate(rate), currency, locale, { whole: true }))}
            </p>
          )}
        </Field>
      )}
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
      <fieldset className="field field--hours">
        <legend className="field__label">{t('pace_workingHours')}</legend>
        <div className="hours">
          <label>
            {t('pace_workFrom')}{' '}
            <input type="time" data-testid="work-start" value={draft.workStart} onChange={(e) => set({ workStart: e.target.value })} />
          </label>
          <label>
            {t('pace_workTo')}{' '}
            <input type="time" data-testid="work-end" value={draft.workEnd} onChange={(e) => set({ workEnd: e.target.value })} />
          </label>
        </div>
        <p className="field__note">{t('pace_workingHoursHint')}</p>
        {(errors['workingHours.end'] ?? errors['workingHours.start'] ?? errors.workingHours) && (
          <p className="field__error" role="alert" data-testid="working-hours-error">
            {errors['workingHours.end'] ?? errors['workingHours.start'] ?? errors.workingHours}
          </p>
        )}
      </fieldset>
      <Field id={`${id}-since`} label={t('pace_countingSince')} hint={t('pace_countingSinceHint')} error={errors.countingSince}>
        <input id={`${id}-since`} data-testid="counting-since" type="date" value={draft.countingSince} onChange={(e) => set({ countingSince: e.target.value })} />
      </Field>
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
