import { useId, useState, type FormEvent } from 'react';
import { useUiText } from '@/components/ui-context';
import type { AdapterSpec } from '@/lib/crm/adapter-schema';
import { HTTP_METHODS } from '@/lib/crm/adapter-schema';
import { exchangeFromInput, testerLines, type TesterInput, type TesterLine } from './adapter-tester';

/**
 * The rule tester: the rep pastes one request and its answer and sees what the adapter in the
 * editor would count from them, or why nothing, from the detection engine itself.
 */
export function AdapterTester({ adapter }: { adapter: AdapterSpec | undefined }) {
  const { t, locale } = useUiText();
  const [input, setInput] = useState<TesterInput>({ method: 'POST', url: '', requestBody: '', status: '200', responseHeaders: '', responseBody: '' });
  const [lines, setLines] = useState<TesterLine[]>();
  const titleId = useId();
  const set = (field: keyof TesterInput) => (event: { target: { value: string } }) => {
    setInput({ ...input, [field]: event.target.value });
    setLines(undefined);
  };

  const run = (event: FormEvent) => {
    event.preventDefault();
    if (!adapter) return setLines([{ counted: false, text: t('tester_needAdapter') }]);
    const parsed = exchangeFromInput(input);
    if (!parsed.ok) return setLines([{ counted: false, text: t(parsed.problem === 'url' ? 'tester_badUrl' : 'tester_badStatus') }]);
    setLines(testerLines(t, locale, adapter, parsed.exchange));
  };

  return (
    <form className="tester" aria-labelledby={titleId} data-testid="adapter-tester" onSubmit={run} noValidate>
      <h3 id={titleId}>{t('tester_title')}</h3>
      <p className="field__hint">{t('tester_intro')}</p>
      <fieldset className="tester__part">
        <legend>{t('tester_request')}</legend>
        <div className="tester__line">
          <label className="field">
            <span className="field__label">{t('tester_method')}</span>
            <select data-testid="tester-method" value={input.method} onChange={set('method')}>
              {HTTP_METHODS.map((method) => (
                <option key={method}>{method}</option>
              ))}
            </select>
          </label>
          <label className="field tester__grow">
            <span className="field__label">{t('tester_url')}</span>
            <input data-testid="tester-url" type="url" value={input.url} maxLength={4096} spellCheck={false} placeholder="https://crm.example.com/api/contacts" onChange={set('url')} />
          </label>
        </div>
        <label className="field">
          <span className="field__label">{t('tester_requestBody')}</span>
          <textarea data-testid="tester-request-body" rows={5} spellCheck={false} value={input.requestBody} onChange={set('requestBody')} />
        </label>
      </fieldset>
      <fieldset className="tester__part">
        <legend>{t('tester_response')}</legend>
        <label className="field tester__status">
          <span className="field__label">{t('tester_status')}</span>
          <input data-testid="tester-status" inputMode="numeric" size={5} maxLength={3} value={input.status} onChange={set('status')} />
        </label>
        <label className="field">
          <span className="field__label">{t('tester_responseHeaders')}</span>
          <textarea data-testid="tester-response-headers" rows={2} spellCheck={false} value={input.responseHeaders} onChange={set('responseHeaders')} />
        </label>
        <label className="field">
          <span className="field__label">{t('tester_responseBody')}</span>
          <textarea data-testid="tester-response-body" rows={5} spellCheck={false} value={input.responseBody} onChange={set('responseBody')} />
        </label>
      </fieldset>
      <div className="save-bar">
        <button type="submit" className="button" data-testid="tester-run">
          {t('tester_run')}
        </button>
      </div>
      <div role="status" aria-live="polite" data-testid="tester-result">
        {lines && (
          <ul className="tester__result">
            {lines.map((line, i) => (
              <li key={i} data-testid={line.counted ? 'tester-counted' : 'tester-miss'} className={line.counted ? 'tester__counted' : 'tester__miss'}>
                {line.text}
              </li>
            ))}
          </ul>
        )}
      </div>
    </form>
  );
}
