import { useId, useMemo, useState } from 'react';
import { useUiText } from '@/components/ui-context';
import { TableHead } from './TableHead';
import type { Rules } from '@/lib/overrides/schema';
import type { SwitchedOffAdapter } from '@/lib/overrides/read';
import { checkAdapterJson, exampleAdapterJson, MAX_ADAPTER_JSON, removeAdapter, type EditorCheck } from './adapter-editor';
import { checkInWorker, type RedosChecker } from './redos-check';
import { redosLines } from './redos-text';
import { plainSchemaErrors } from './import-checks';
import { useWriter } from './write';
import { adapterWarnings } from '@/lib/crm/adapter-warnings';
import { warningLine } from './adapter-warnings-text';
import { AdapterTester } from './AdapterTester';
import { validateAdapter } from '@/lib/crm/adapter-schema';

/**
 * Adapters the rep writes for a CRM no shipped adapter knows, as JSON checked by the same schema
 * as the shipped ones. Errors name the field and what was expected.
 */
export function OwnAdaptersSection({
  rules,
  switchedOff = [],
  droppedRules = [],
  checkRedos = checkInWorker,
}: {
  rules: Rules;
  switchedOff?: SwitchedOffAdapter[];
  droppedRules?: string[];
  checkRedos?: RedosChecker;
}) {
  const { t } = useUiText();
  const writer = useWriter();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [notice, setNotice] = useState<string>();
  const [checking, setChecking] = useState(false);
  const errorsId = useId();
  // The tester runs whatever valid adapter is in the editor, saved or not.
  const testable = useMemo(() => adapterIn(text), [text]);

  const edit = (next: string) => {
    setText(next);
    setNotice(undefined);
    setWarnings([]);
  };

  /** The schema first (instant), then recheck on every pattern (in a worker, can take a while). */
  const check = async (): Promise<EditorCheck> => {
    const result = checkAdapterJson(text, rules);
    setNotice(undefined);
    // Warnings do not stop a save: the adapter is valid, it may just not count what the rep meant.
    setWarnings(result.ok ? adapterWarnings(result.adapter).map((w) => warningLine(t, w)) : []);
    if (!result.ok) {
      setErrors(plainSchemaErrors(result.errors, t));
      return result;
    }
    setErrors([]);
    setChecking(true);
    try {
      const lines = redosLines(t, [result.adapter], await checkRedos([result.adapter]));
      setErrors(lines);
      if (lines.length > 0) return { ok: false, errors: lines };
    } catch {
      setErrors([t('options_redosTimeout')]);
      return { ok: false, errors: [t('options_redosTimeout')] };
    } finally {
      setChecking(false);
    }
    setNotice(t('options_adapterValid', result.adapter.name));
    return result;
  };

  const save = async () => {
    const result = await check();
    if (!result.ok) return;
    if ((await writer.send({ type: 'save-rules', rules: result.rules })) !== undefined) {
      setNotice(t('options_adapterSaved', result.adapter.name));
    }
  };

  const forget = async (id: string) => {
    setErrors([]);
    await writer.send({ type: 'save-rules', rules, forget: [id] });
  };

  const remove = async (id: string) => {
    const result = removeAdapter(rules, id);
    if (!result.ok) return setErrors([t('options_adapterInUse', result.usedBy.join(', '))]);
    setErrors([]);
    await writer.send({ type: 'save-rules', rules: result.rules });
  };

  // An adapter author needs the background's reason, which names the field.
  const problems = [...errors, ...(writer.error ? [`${writer.error} ${writer.detail ?? ''}`.trim()] : [])];

  return (
    <section className="card" aria-labelledby="own-adapters-title" data-testid="section-own-adapters">
      <h2 id="own-adapters-title">{t('options_ownAdaptersTitle')}</h2>
      <p className="card__intro">{t('options_ownAdaptersIntro')}</p>
      {(switchedOff.length > 0 || droppedRules.length > 0) && (
        <div className="note note--error" role="alert" data-testid="switched-off">
          <h3>{t('options_switchedOffTitle')}</h3>
          {switchedOff.length > 0 && <p>{t('options_switchedOffIntro')}</p>}
          {switchedOff.map((off, i) => (
            <div key={i} data-testid="switched-off-adapter" data-id={off.id ?? ''}>
              <p>
                <strong>{off.name ?? t('options_switchedOffUnnamed')}</strong> {off.id && <code>{off.id}</code>}
              </p>
              <ul>
                {plainSchemaErrors(off.problems, t).map((line, j) => (
                  <li key={j}>
                    <code>{line}</code>
                  </li>
                ))}
              </ul>
              {off.sites.length > 0 && <p>{t('options_switchedOffSites', off.sites.map((s) => s.pattern).join(', '))}</p>}
              <div className="actions">
                <button type="button" className="button button--small" data-testid="switched-off-edit" onClick={() => edit(JSON.stringify(off.raw, null, 2))}>
                  {t('options_edit')}
                </button>
                {off.id && (
                  <button type="button" className="button button--small" data-testid="switched-off-remove" onClick={() => void forget(off.id!)}>
                    {t('options_remove')}
                  </button>
                )}
              </div>
            </div>
          ))}
          {droppedRules.length > 0 && (
            <>
              <p>{t('options_droppedRules')}</p>
              <ul>
                {droppedRules.map((line, j) => (
                  <li key={j}>
                    <code>{line}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {rules.adapters.length > 0 && (
        <table className="table" data-testid="own-adapter-table">
          <TableHead columns={['options_crm', 'options_adapterHosts']} actions />
          <tbody>
            {rules.adapters.map((a) => (
              <tr key={a.id} data-testid="own-adapter-row" data-id={a.id}>
                <td>
                  {a.name} <code>{a.id}</code>
                </td>
                <td>{a.hosts.join(', ')}</td>
                <td className="actions">
                  <button type="button" className="button button--small" data-testid="own-adapter-edit" onClick={() => edit(JSON.stringify(a, null, 2))}>
                    {t('options_edit')}
                  </button>
                  <button type="button" className="button button--small" data-testid="own-adapter-remove" onClick={() => void remove(a.id)}>
                    {t('options_remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <label className="field">
        <span className="field__label">{t('options_adapterJson')}</span>
        <textarea
          data-testid="adapter-json"
          rows={16}
          spellCheck={false}
          maxLength={MAX_ADAPTER_JSON}
          value={text}
          aria-invalid={errors.length > 0}
          aria-describedby={errorsId}
          onChange={(e) => edit(e.target.value)}
        />
      </label>
      <div className="save-bar">
        <button type="button" className="button" data-testid="adapter-example" onClick={() => edit(exampleAdapterJson())}>
          {t('options_adapterExample')}
        </button>
        <button type="button" className="button" data-testid="adapter-check" onClick={() => void check()} disabled={checking || text.trim() === ''}>
          {t('options_adapterCheck')}
        </button>
        <button type="button" className="button button--primary" data-testid="adapter-save" onClick={() => void save()} disabled={checking || writer.busy || text.trim() === ''}>
          {t('options_adapterSave')}
        </button>
        <span className="save-bar__status" role="status" data-testid="adapter-notice">
          {checking ? t('options_redosChecking') : notice}
        </span>
      </div>
      <div id={errorsId} role="alert">
        {problems.length > 0 && (
          <ul className="note note--error" data-testid="adapter-errors">
            {problems.map((line, i) => (
              <li key={i}>
                <code>{line}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
      {warnings.length > 0 && (
        <div className="note note--warning" data-testid="adapter-warnings">
          <p>{t('options_adapterWarningsTitle')}</p>
          <ul>
            {warnings.map((line, i) => (
              <li key={i} data-testid="adapter-warning">
                {line}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="field__hint">{t('options_adapterThenSite')}</p>
      <AdapterTester adapter={testable} />
    </section>
  );
}

function adapterIn(text: string) {
  if (text.trim() === '' || text.length > MAX_ADAPTER_JSON) return undefined;
  try {
    const checked = validateAdapter(JSON.parse(text));
    return checked.ok ? checked.adapter : undefined;
  } catch {
    return undefined;
  }
}
