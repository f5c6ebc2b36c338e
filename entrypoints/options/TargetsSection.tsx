import { useEffect, useState, type FormEvent } from 'react';
import { useUiText } from '@/components/ui-context';
import { formatNumber } from '@/lib/i18n/format';
import { KPI_DEFINITIONS, KPI_IDS, PERIODS, type KpiId, type Period } from '@/lib/kpi/definitions';
import { articleRevenueTarget, effectiveTarget, revenueTargetAtRate, type Settings } from '@/lib/kpi/settings';
import { checkSettings } from './form';
import { SaveBar } from './SaveBar';
import { useWriter } from './write';
import { TableHead } from './TableHead';

type Draft = Record<KpiId, { target: string; period: Period }>;

function draftFrom(settings: Settings): Draft {
  return Object.fromEntries(
    KPI_IDS.map((kpi) => {
      const { target, period, unset } = effectiveTarget(settings, kpi);
      return [kpi, { target: unset ? '' : String(target), period }];
    }),
  ) as Draft;
}

/**
 * The recommended figure for a KPI in the rep's currency; revenue in a currency other than USD or
 * EUR has none until the rep gives a dollar rate (100,000 USD × rate).
 */
export function articleDefault(kpi: KpiId, currency: string, usdRate?: number): { target: number | undefined; period: Period } {
  const definition = KPI_DEFINITIONS[kpi];
  if (kpi !== 'revenue') return { target: definition.target, period: definition.period };
  const article = articleRevenueTarget(currency);
  return { target: article ?? (usdRate === undefined ? undefined : revenueTargetAtRate(usdRate)), period: definition.period };
}

/**
 * Targets as overrides: a KPI left at the article's figure stores no override, so a later currency
 * change can still move the revenue default.
 */
export function targetsFromDraft(draft: Draft, currency: string): Record<string, { target: number; period: Period }> {
  const targets: Record<string, { target: number; period: Period }> = {};
  for (const kpi of KPI_IDS) {
    const row = draft[kpi];
    const fallback = articleDefault(kpi, currency);
    // Revenue with no recommended figure may stay empty: it waits for the rep's own target.
    if (row.target.trim() === '' && fallback.target === undefined) continue;
    const target = row.target.trim() === '' ? NaN : Number(row.target);
    if (target === fallback.target && row.period === fallback.period) continue;
    targets[kpi] = { target, period: row.period };
  }
  return targets;
}

export function TargetsSection({ settings }: { settings: Settings }) {
  const { t, locale } = useUiText();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(settings));
  const [saved, setSaved] = useState(false);
  const writer = useWriter();
  useEffect(() => setDraft(draftFrom(settings)), [settings]);

  const next = { ...settings, targets: targetsFromDraft(draft, settings.currency) };
  const { errors } = checkSettings(next);
  const invalid = Object.keys(errors).length > 0;
  const edit = (kpi: KpiId, patch: Partial<Draft[KpiId]>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [kpi]: { ...d[kpi], ...patch } }));
  };
  const resetRow = (kpi: KpiId) => {
    const fallback = articleDefault(kpi, settings.currency, settings.rates.USD);
    edit(kpi, { target: fallback.target === undefined ? '' : String(fallback.target), period: fallback.period });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (invalid) return;
    if (await writer.send({ type: 'save-settings', settings: next })) setSaved(true);
  };
  const resetAll = async () => {
    setSaved(false);
    if (await writer.send({ type: 'save-settings', settings: { ...settings, targets: {} } })) {
      setDraft(draftFrom({ ...settings, targets: {} }));
      setSaved(true);
    }
  };

  return (
    <section className="card" aria-labelledby="targets-title" data-testid="section-targets">
      <h2 id="targets-title">{t('options_targetsTitle')}</h2>
      <p className="card__intro">{t('options_targetsIntro')}</p>
      <form onSubmit={submit} noValidate>
        <table className="table">
          <TableHead columns={['options_kpi', 'options_target', 'options_period', 'options_articleDefault']} actions />
          <tbody>
            {KPI_IDS.map((kpi) => {
              const fallback = articleDefault(kpi, settings.currency, settings.rates.USD);
              const error = errors[`targets.${kpi}.target`] ?? errors[`targets.${kpi}.period`] ?? errors[`targets.${kpi}`];
              const label = t(`kpi_${kpi}`);
              return (
                <tr key={kpi} data-testid={`target-row-${kpi}`}>
                  <th scope="row">
                    {label}
                    {kpi === 'revenue' && <span className="muted"> ({settings.currency})</span>}
                  </th>
                  <td>
                    <input
                      aria-label={`${label}: ${t('options_target')}`}
                      aria-invalid={error ? true : undefined}
                      data-testid={`target-${kpi}`}
                      type="number"
                      min={0}
                      step={kpi === 'revenue' ? 'any' : 1}
                      value={draft[kpi].target}
                      onChange={(e) => edit(kpi, { target: e.target.value })}
                    />
                    {error && (
                      <p className="field__error" role="alert" data-testid={`target-error-${kpi}`}>
                        {error}
                      </p>
                    )}
                  </td>
                  <td>
                    <select
                      aria-label={`${label}: ${t('options_period')}`}
                      data-testid={`period-${kpi}`}
                      value={draft[kpi].period}
                      onChange={(e) => edit(kpi, { period: e.target.value as Period })}
                    >
                      {PERIODS.filter((p) => kpi !== 'visitors' || p !== 'week').map((p) => (
                        <option key={p} value={p}>
                          {t(`options_period_${p}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">
                    {fallback.target === undefined
                      ? t('pace_revenueNeedsRate', settings.currency)
                      : `${formatNumber(fallback.target, locale)} / ${t(`options_period_${fallback.period}`)}`}
                  </td>
                  <td>
                    <button type="button" className="button button--small" data-testid={`reset-${kpi}`} onClick={() => resetRow(kpi)}>
                      {t('options_reset')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <SaveBar testId="save-targets" busy={writer.busy} saved={saved} error={writer.error} invalid={invalid} />
        <button type="button" className="button" data-testid="reset-all-targets" onClick={() => void resetAll()} disabled={writer.busy}>
          {t('options_resetAll')}
        </button>
      </form>
    </section>
  );
}
