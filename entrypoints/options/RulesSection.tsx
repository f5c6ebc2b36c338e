import { useState, type FormEvent } from 'react';
import { kindLabel } from '@/lib/i18n/records';
import { useUiText } from '@/components/ui-context';
import { TableHead } from './TableHead';
import { RECORD_KPIS, type RecordKpi } from '@/lib/crm/adapter-schema';
import { ADAPTERS } from '@/lib/crm/adapters';
import { ObjectMappingSchema, RulesSchema, type Rules } from '@/lib/overrides/schema';
import { applyMappings, kindTable } from '@/lib/overrides/apply';
import { CrmAccessList } from './CrmAccessList';
import { fieldErrors } from './form';
import { useWriter } from './write';

/** Shipped adapters on or off with their hosts' access, and object → KPI mappings on top of the adapters. */
export function RulesSection({ rules }: { rules: Rules }) {
  const { t } = useUiText();
  const writer = useWriter();
  const adapters = [...ADAPTERS, ...rules.adapters];
  const [adapter, setAdapter] = useState(adapters[0]?.id ?? '');
  const [object, setObject] = useState('');
  const [kpis, setKpis] = useState<RecordKpi[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const saveRules = (next: Rules) => writer.send({ type: 'save-rules', rules: next });

  const addMapping = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = ObjectMappingSchema.safeParse({ adapter, object: object.trim(), kpis });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    // One mapping per object: a new one replaces the old.
    const mappings = [...rules.mappings.filter((m) => !(m.adapter === adapter && m.object === parsed.data.object)), parsed.data];
    const next = RulesSchema.safeParse({ ...rules, mappings });
    if (!next.success) return setErrors(fieldErrors(next.error));
    if ((await saveRules(next.data)) !== undefined) {
      setObject('');
      setKpis([]);
    }
  };

  const removeMapping = (index: number) => void saveRules({ ...rules, mappings: rules.mappings.filter((_, i) => i !== index) });
  const selected = adapters.find((a) => a.id === adapter);

  return (
    <section className="card" aria-labelledby="rules-title" data-testid="section-rules">
      <h2 id="rules-title">{t('options_rulesTitle')}</h2>
      <h3>{t('options_adaptersTitle')}</h3>
      <p className="card__intro">{t('options_adaptersIntro')}</p>
      <CrmAccessList rules={rules} saveRules={saveRules} />

      <h3>{t('options_mappingTitle')}</h3>
      <p className="card__intro">{t('options_mappingIntro')}</p>
      <form className="mapping-form" onSubmit={(e) => void addMapping(e)} noValidate>
        <label>
          {t('options_crm')}
          <select data-testid="mapping-adapter" value={adapter} onChange={(e) => setAdapter(e.target.value)}>
            {adapters.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('options_object')}
          <input data-testid="mapping-object" list="mapping-kinds" value={object} maxLength={100} placeholder="2-1234, Asset, Device__c" onChange={(e) => setObject(e.target.value)} />
          <datalist id="mapping-kinds">
            {Object.keys(selected?.kinds ?? {}).map((kind) => (
              <option key={kind} value={kind} />
            ))}
          </datalist>
          {errors.object && <span className="field__error" role="alert">{errors.object}</span>}
        </label>
        <fieldset className="kpi-checks">
          <legend>{t('options_countsToward')}</legend>
          {RECORD_KPIS.map((kpi) => (
            <label key={kpi}>
              <input
                type="checkbox"
                data-testid={`mapping-kpi-${kpi}`}
                checked={kpis.includes(kpi)}
                onChange={(e) => setKpis(e.target.checked ? [...kpis, kpi] : kpis.filter((k) => k !== kpi))}
              />
              {t(`kpiShort_${kpi}`)}
            </label>
          ))}
          <span className="muted">{t('options_noneTurnsOff')}</span>
        </fieldset>
        <button type="submit" className="button button--primary" data-testid="mapping-add" disabled={writer.busy}>
          {t('options_addMapping')}
        </button>
      </form>
      {Object.entries(errors)
        .filter(([path]) => path !== 'object')
        .map(([path, message]) => (
          <p key={path} className="field__error" role="alert">
            {path}: {message}
          </p>
        ))}
      {writer.error && (
        <p className="field__error" role="alert">
          {writer.error}
        </p>
      )}
      {rules.mappings.length > 0 && (
        <table className="table" data-testid="mapping-table">
          <TableHead columns={['options_crm', 'options_object', 'options_countsToward']} actions />
          <tbody>
            {rules.mappings.map((m, i) => (
              <tr key={`${m.adapter}:${m.object}`} data-testid="mapping-row">
                <td>{adapters.find((a) => a.id === m.adapter)?.name ?? m.adapter}</td>
                <td>
                  <code>{m.object}</code>
                </td>
                <td>{m.kpis.length > 0 ? m.kpis.map((k) => t(`kpiShort_${k}`)).join(', ') : t('options_notCounted')}</td>
                <td>
                  <button type="button" className="button button--small" data-testid="mapping-remove" onClick={() => removeMapping(i)}>
                    {t('options_remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && (
        <details className="kinds">
          <summary>{t('options_kindsOf', selected.name)}</summary>
          <table className="table">
            <tbody>
              {kindTable(applyMappings(selected, rules.mappings)).map((row) => (
                <tr key={row.kind}>
                  <th scope="row">
                    {kindLabel(row.kind, t) !== row.kind && <>{kindLabel(row.kind, t)} </>}
                    <code>{row.kind}</code>
                  </th>
                  <td>{row.objects.join(', ') || '—'}</td>
                  <td>{row.kpis.length > 0 ? row.kpis.map((k) => t(`kpiShort_${k}`)).join(', ') : t('options_notCounted')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
