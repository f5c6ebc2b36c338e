import { useUiText } from '@/components/ui-context';
import { KPI_IDS, type KpiId } from '@/lib/kpi/definitions';
import { articleDefault } from '@/entrypoints/options/TargetsSection';

/** Targets the rep typed on the welcome page; a KPI left alone keeps the recommended one. */
export type TargetEdits = Partial<Record<KpiId, string>>;

/**
 * The targets as overrides of the recommended ones (in the chosen currency), for the settings.
 * A field left empty or unchanged stores nothing, so the recommended target still follows a
 * later currency change; anything else goes to validation as typed.
 */
export function targetsFromEdits(edits: TargetEdits, currency: string): Record<string, { target: number; period: ReturnType<typeof articleDefault>['period'] }> {
  const targets: Record<string, { target: number; period: ReturnType<typeof articleDefault>['period'] }> = {};
  for (const kpi of KPI_IDS) {
    const text = edits[kpi];
    if (text === undefined) continue;
    const fallback = articleDefault(kpi, currency);
    const target = text.trim() === '' ? NaN : Number(text);
    if (target !== fallback.target) targets[kpi] = { target, period: fallback.period };
  }
  return targets;
}

interface Props {
  edits: TargetEdits;
  currency: string;
  errors: Record<string, string>;
  onChange(edits: TargetEdits): void;
}

/** The six KPIs with their recommended targets, each editable in place. */
export function TargetFields({ edits, currency, errors, onChange }: Props) {
  const { t } = useUiText();
  return (
    <ul className="target-fields" data-testid="onboarding-targets">
      {KPI_IDS.map((kpi) => {
        const fallback = articleDefault(kpi, currency);
        const id = `ob-target-${kpi}`;
        const error = errors[`targets.${kpi}.target`] ?? errors[`targets.${kpi}`];
        return (
          <li key={kpi} className={`target-field${error ? ' field--invalid' : ''}`}>
            <label className="target-field__name" htmlFor={id}>
              {t(`kpi_${kpi}`)}
            </label>
            <span className="target-field__input">
              <input
                id={id}
                type="number"
                min={0}
                step={kpi === 'revenue' ? 'any' : 1}
                data-testid={`onboarding-target-${kpi}`}
                aria-invalid={error ? true : undefined}
                value={edits[kpi] ?? String(fallback.target)}
                onChange={(e) => onChange({ ...edits, [kpi]: e.target.value })}
              />
              <span className="muted">
                {kpi === 'revenue' ? `${currency} ` : ''}
                {t(`onboarding_per_${fallback.period}`)}
              </span>
            </span>
            {error && (
              <p className="field__error" role="alert">
                {error}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
