import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useUiText } from './ui-context';
import type { ProposalView } from '@/lib/background/teach-handle';
import type { RecordKpi } from '@/lib/crm/adapter-schema';
import { formatMoney, formatNumber } from '@/lib/i18n/format';
import type { Request } from '@/lib/messages/schemas';
import { describeConfirmSource, describeProposal, kindLabel } from '@/lib/teach/describe';
import { TEACH_KINDS, type TeachIntent, type TeachKind } from '@/lib/teach/recording';

/**
 * "Teach KPI Pacer": the rep says what they are about to create, saves one in the app, reads what
 * KPI Pacer learned in plain words with the record it would have counted, saves it as their own
 * adapter, and may edit that record once to make sure edits are not counted. The same steps from
 * the sidebar (its own tab) and from Options (a tab the rep picked).
 */

export type TeachSend = <T>(request: Request) => Promise<T>;

type Step =
  | { step: 'pick' }
  /** `hint`: a save was seen that cannot be learned, said in words while the window stays open. */
  | { step: 'waiting'; edit: boolean; confirm?: boolean; hint?: 'no-record-named' }
  | { step: 'proposal'; proposal: ProposalView }
  | { step: 'saved'; proposal: ProposalView }
  | { step: 'checked'; proposal: ProposalView; verdict: 'ignored' | 'tightened' | 'cannot-tell' }
  | { step: 'expired' };

export type TeachCheckAnswer =
  | { state: 'none' }
  | { state: 'waiting'; step: 'create' | 'edit'; confirm?: true; hint?: 'no-record-named' }
  | { state: 'expired' }
  | { state: 'proposal'; proposal: ProposalView }
  | { state: 'saved'; proposal: ProposalView }
  | { state: 'edit-checked'; proposal: ProposalView; verdict: 'ignored' | 'tightened' | 'cannot-tell' };

const POLL_MS = 400;
const CUSTOM_KPIS: RecordKpi[] = ['devices', 'equotes', 'ecustomers', 'contacts', 'revenue'];
const KNOWN_ERRORS = new Set(['teach-no-tab', 'teach-not-read', 'teach-nothing-to-save', 'teach-no-proposal']);

/** The step a view opened during a lesson resumes at (a page that reloaded its sidebar, say). */
function stepOf(answer: TeachCheckAnswer | undefined): Step {
  switch (answer?.state) {
    case 'waiting':
      return { step: 'waiting', edit: answer.step === 'edit', confirm: answer.confirm === true };
    case 'proposal':
      return { step: 'proposal', proposal: answer.proposal };
    case 'saved':
      return { step: 'saved', proposal: answer.proposal };
    case 'edit-checked':
      return { step: 'checked', proposal: answer.proposal, verdict: answer.verdict };
    default:
      return { step: 'pick' };
  }
}

export interface TeachFlowProps {
  send: TeachSend;
  /** Where a lesson already under way on the tab stands. */
  resume?: TeachCheckAnswer;
  /** The tab to teach on (Options); the sidebar's own tab when absent. */
  tabId?: number;
  onClose: () => void;
}

export function TeachFlow({ send, tabId, resume, onClose }: TeachFlowProps) {
  const { t } = useUiText();
  const [state, setState] = useState<Step>(() => stepOf(resume));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [customName, setCustomName] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  const tab = tabId === undefined ? {} : { tabId };
  const fail = (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    setError(KNOWN_ERRORS.has(message) ? t(`teach_error_${message.replace('teach-', '').replace(/-/g, '_')}`) : t('teach_error_other'));
  };

  // Each new step is announced and takes the keyboard focus to its heading.
  useEffect(() => headingRef.current?.focus(), [state.step]);

  // While waiting, ask the background where the window stands.
  useEffect(() => {
    if (state.step !== 'waiting') return;
    let stopped = false;
    const timer = setInterval(() => {
      void send<TeachCheckAnswer>({ type: 'teach-check', ...tab }).then(
        (answer) => {
          if (stopped) return;
          if (answer.state === 'proposal') setState({ step: 'proposal', proposal: answer.proposal });
          else if (answer.state === 'edit-checked') setState({ step: 'checked', proposal: answer.proposal, verdict: answer.verdict });
          else if (answer.state === 'waiting' && answer.hint) setState((current) => (current.step === 'waiting' && current.hint !== answer.hint ? { ...current, hint: answer.hint } : current));
          else if (answer.state === 'expired' || answer.state === 'none') setState({ step: 'expired' });
        },
        (err: unknown) => !stopped && fail(err),
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.step, send, tabId]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const start = (intent: TeachIntent) =>
    run(async () => {
      setCustomName(intent.customName ?? '');
      await send({ type: 'teach-start', step: 'create', intent, ...tab });
      setState({ step: 'waiting', edit: false, confirm: intent.confirm === true });
    });
  const startEdit = () =>
    run(async () => {
      await send({ type: 'teach-start', step: 'edit', ...tab });
      setState({ step: 'waiting', edit: true });
    });
  // Cancel and Done both end the lesson: what it saw is dropped, a saved rule stays.
  const cancel = () =>
    run(async () => {
      await send({ type: 'teach-cancel', ...tab });
      onClose();
    });
  const save = (proposal: ProposalView) =>
    run(async () => {
      await send({ type: 'teach-save', ...tab });
      setState({ step: 'saved', proposal });
    });

  const heading = (key: string) => (
    <h2 className="teach__title" id={titleId} ref={headingRef} tabIndex={-1}>
      {t(key)}
    </h2>
  );

  return (
    <section className="teach" aria-labelledby={titleId} data-testid="teach-flow" data-step={state.step}>
      {state.step === 'pick' && (
        <>
          {heading('teach_title')}
          <p className="teach__text">{t('teach_intro')}</p>
          <PickForm busy={busy} onStart={start} onCancel={onClose} />
        </>
      )}
      {state.step === 'waiting' && (
        <>
          {heading(state.edit ? 'teach_waitEditTitle' : state.confirm ? 'teach_waitConfirmTitle' : 'teach_waitTitle')}
          <p className="teach__text" role="status" data-testid="teach-waiting">
            {t(state.edit ? 'teach_waitEdit' : state.confirm ? 'teach_waitConfirm' : 'teach_waitSave')}
          </p>
          {state.hint && (
            <p className="teach__warning" role="alert" data-testid="teach-hint" data-hint={state.hint}>
              {t('teach_noRecordNamed')}
            </p>
          )}
          <div className="teach__actions">
            <button type="button" className="button" data-testid="teach-cancel" disabled={busy} onClick={() => void cancel()}>
              {t('teach_cancel')}
            </button>
          </div>
        </>
      )}
      {state.step === 'proposal' && (
        <>
          {heading('teach_proposalTitle')}
          <Proposal proposal={state.proposal} customName={customName} />
          <div className="teach__actions">
            <button
              type="button"
              className="button button--primary"
              data-testid="teach-save"
              disabled={busy || state.proposal.events.length === 0}
              onClick={() => void save(state.proposal)}
            >
              {t('teach_save')}
            </button>
            <button type="button" className="button" data-testid="teach-cancel" disabled={busy} onClick={() => void cancel()}>
              {t('teach_cancel')}
            </button>
          </div>
        </>
      )}
      {state.step === 'saved' && (
        <>
          {heading('teach_savedTitle')}
          <p className="teach__text" role="status" data-testid="teach-saved">
            {t(state.proposal.summary.confirm ? 'teach_savedConfirmed' : 'teach_saved', kindLabel(state.proposal.summary.kind, t, customName))}
          </p>
          <p className="teach__text">{t('teach_editOffer')}</p>
          <div className="teach__actions">
            <button type="button" className="button" data-testid="teach-edit-check" disabled={busy} onClick={() => void startEdit()}>
              {t('teach_editStart')}
            </button>
            <button type="button" className="button button--primary" data-testid="teach-done" disabled={busy} onClick={() => void cancel()}>
              {t('teach_done')}
            </button>
          </div>
        </>
      )}
      {state.step === 'checked' && (
        <>
          {heading('teach_checkedTitle')}
          <p className="teach__text" role="status" data-testid="teach-verdict" data-verdict={state.verdict}>
            {t(`teach_verdict_${state.verdict.replace('-', '_')}`)}
          </p>
          <div className="teach__actions">
            <button type="button" className="button button--primary" data-testid="teach-done" disabled={busy} onClick={() => void cancel()}>
              {t('teach_done')}
            </button>
          </div>
        </>
      )}
      {state.step === 'expired' && (
        <>
          {heading('teach_expiredTitle')}
          <p className="teach__text">{t('teach_expired')}</p>
          <div className="teach__actions">
            <button type="button" className="button button--primary" onClick={() => setState({ step: 'pick' })}>
              {t('teach_again')}
            </button>
            <button type="button" className="button" onClick={onClose}>
              {t('teach_close')}
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="teach__error" role="alert" data-testid="teach-error">
          {error}
        </p>
      )}
    </section>
  );
}

function PickForm({ busy, onStart, onCancel }: { busy: boolean; onStart: (intent: TeachIntent) => void; onCancel: () => void }) {
  const { t } = useUiText();
  const [kind, setKind] = useState<TeachKind>('contact');
  const [email, setEmail] = useState('');
  const [amount, setAmount] = useState('');
  const [customName, setCustomName] = useState('');
  const [kpi, setKpi] = useState<RecordKpi>('devices');
  const [confirm, setConfirm] = useState(false);
  const [problem, setProblem] = useState<string>();
  const legendId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const intent: TeachIntent = { kind };
    if (kind === 'custom') {
      if (customName.trim() === '') return setProblem(t('teach_customNameNeeded'));
      intent.customName = customName.trim();
      intent.kpi = kpi;
    }
    if (email.trim() !== '' && (kind === 'contact' || kind === 'custom')) intent.email = email.trim();
    if (amount.trim() !== '' && kind !== 'contact' && kind !== 'device') {
      const value = Number(amount.replace(',', '.'));
      if (!Number.isFinite(value) || value <= 0) return setProblem(t('teach_amountInvalid'));
      intent.amount = value;
    }
    if (confirm && kind !== 'contact' && kind !== 'device') intent.confirm = true;
    onStart(intent);
  };

  return (
    <form className="teach__form" onSubmit={submit} noValidate>
      <fieldset className="teach__kinds" aria-labelledby={legendId}>
        <legend id={legendId}>{t('teach_pickKind')}</legend>
        {TEACH_KINDS.map((option) => (
          <label key={option} className="teach__kind">
            <input type="radio" name="teach-kind" value={option} data-testid={`teach-kind-${option}`} checked={kind === option} onChange={() => setKind(option)} />
            {t(`teach_pick_${option}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'custom' && (
        <>
          <label className="teach__field">
            {t('teach_customName')}
            <input data-testid="teach-custom-name" value={customName} maxLength={40} onChange={(e) => setCustomName(e.target.value)} />
          </label>
          <label className="teach__field">
            {t('teach_customKpi')}
            <select data-testid="teach-custom-kpi" value={kpi} onChange={(e) => setKpi(e.target.value as RecordKpi)}>
              {CUSTOM_KPIS.map((option) => (
                <option key={option} value={option}>
                  {t(`kpi_${option}`)}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {(kind === 'contact' || kind === 'custom') && (
        <label className="teach__field">
          {t('teach_typedEmail')}
          <input type="email" data-testid="teach-email" value={email} maxLength={254} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />
        </label>
      )}
      {(kind === 'quote' || kind === 'order' || kind === 'custom') && (
        <label className="teach__field">
          {t('teach_typedAmount')}
          <input inputMode="decimal" data-testid="teach-amount" value={amount} maxLength={20} onChange={(e) => setAmount(e.target.value)} />
        </label>
      )}
      {(kind === 'quote' || kind === 'order' || kind === 'custom') && (
        <label className="teach__check">
          <input type="checkbox" data-testid="teach-confirm" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
          {t('teach_countsOnConfirm')}
        </label>
      )}
      <p className="teach__hint">{t('teach_typedHint')}</p>
      {problem && (
        <p className="teach__error" role="alert">
          {problem}
        </p>
      )}
      <div className="teach__actions">
        <button type="submit" className="button button--primary" data-testid="teach-start" disabled={busy}>
          {t('teach_start')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('teach_close')}
        </button>
      </div>
    </form>
  );
}

function Proposal({ proposal, customName }: { proposal: ProposalView; customName: string }) {
  const { t, locale } = useUiText();
  const { record, events, summary } = proposal;
  const kind = kindLabel(summary.kind, t, customName);
  const confirmSource = describeConfirmSource(summary, t);
  const counts = events.map((event) =>
    event.amount !== undefined
      ? t('teach_countsAmount', [t(`kpi_${event.kpi}`), event.currency ? formatMoney(event.amount, event.currency, locale) : formatNumber(event.amount, locale, 2)])
      : t('teach_countsOne', t(`kpi_${event.kpi}`)),
  );
  return (
    <div className="teach__proposal" data-testid="teach-proposal">
      <p className="teach__sentence" data-testid="teach-sentence">
        {describeProposal(summary, t, customName)}
      </p>
      <p className="teach__text" data-testid="teach-record">
        {events.length > 0 ? t('teach_wouldCount', [kind, record.recordId, counts.join(', ')]) : t('teach_wouldCountNothing', [kind, record.recordId])}
      </p>
      {proposal.missing.map((field) => (
        <p key={field} className="teach__warning" role="note" data-testid={`teach-missing-${field}`}>
          {t(`teach_missing_${field}`)}
        </p>
      ))}
      {confirmSource && (
        <p className="teach__text" data-testid="teach-confirm-source">
          {confirmSource}
        </p>
      )}
      {summary.backToPage && (
        <p className="teach__text" data-testid="teach-back-note">
          {t('teach_back_note')}
        </p>
      )}
      {summary.recordPage && <p className="teach__text">{t('teach_recordPage')}</p>}
      <details className="teach__details">
        <summary>{t('teach_showRule')}</summary>
        <pre className="teach__rule" data-testid="teach-rule" tabIndex={0}>
          {JSON.stringify(
            {
              rule: proposal.rule,
              ...(proposal.companions.length > 0 && { alsoReads: proposal.companions }),
              ...(proposal.dom.length > 0 && { marker: proposal.dom }),
              ...(proposal.route && { recordPage: proposal.route }),
            },
            null,
            2,
          )}
        </pre>
      </details>
    </div>
  );
}
