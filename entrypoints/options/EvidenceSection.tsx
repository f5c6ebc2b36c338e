import { useLiveQuery } from 'dexie-react-hooks';
import { Fragment, useState } from 'react';
import { useUiText } from '@/components/ui-context';
import { TableHead } from './TableHead';
import { adapterById } from '@/lib/crm/adapters';
import { db } from '@/lib/db/database';
import type { CountEvent } from '@/lib/db/events';
import { recentEvents } from '@/lib/db/queries';
import { formatDateTime, formatMoney } from '@/lib/i18n/format';
import { kindLabel, recordLabel, safeRecordUrl } from '@/lib/i18n/records';
import { KPI_IDS, PERIODS, type KpiId, type Period } from '@/lib/kpi/definitions';
import { periodRange } from '@/lib/kpi/periods';
import type { Settings } from '@/lib/kpi/settings';
import type { Rules } from '@/lib/overrides';
import { useWriter } from './write';
import { now as clockNow } from '@/lib/clock';

const LIMIT = 500;
type PeriodFilter = Period | 'all';

// Kept here too: the evidence log was where it started, and tests import it from here.
export { safeRecordUrl };

/** How the log says why something counted: by hand, from the sidebar, or the adapter rule's id. */
export function ruleLabel(event: Pick<CountEvent, 'source' | 'rule'>, t: (key: string) => string): string {
  if (event.source === 'manual') return event.rule === 'sidebar' ? t('options_rule_sidebar') : t('options_rule_manual');
  return event.rule ?? '—';
}

export function EvidenceSection({ settings, rules }: { settings: Settings; rules: Rules }) {
  const { t, locale, timeZone } = useUiText();
  const [period, setPeriod] = useState<PeriodFilter>('month');
  const [kpi, setKpi] = useState<KpiId | 'all'>('all');
  const writer = useWriter();
  const [confirming, setConfirming] = useState<string>();

  const events = useLiveQuery(() => {
    const range = period === 'all' ? undefined : periodRange(period, clockNow(), settings);
    return recentEvents(db(), {
      ...(kpi !== 'all' && { kpi }),
      ...(range && { from: range.start, to: range.end }),
      limit: LIMIT,
    });
  }, [period, kpi, settings]);

  const crmName = (id: string | undefined) => (id ? (rules.adapters.find((a) => a.id === id)?.name ?? adapterById(id)?.name ?? id) : '—');
  const markNotNew = async (key: string) => {
    if ((await writer.send({ type: 'not-new-record', key })) !== undefined) setConfirming(undefined);
  };

  return (
    <section className="card" aria-labelledby="evidence-title" data-testid="section-evidence">
      <h2 id="evidence-title">{t('options_evidenceTitle')}</h2>
      <p className="card__intro">{t('options_evidenceIntro')}</p>
      <div className="inline-form">
        <label>
          {t('options_period')}
          <select data-testid="evidence-period" value={period} onChange={(e) => setPeriod(e.target.value as PeriodFilter)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`options_this_${p}`)}
              </option>
            ))}
            <option value="all">{t('options_allTime')}</option>
          </select>
        </label>
        <label>
          {t('options_kpi')}
          <select data-testid="evidence-kpi" value={kpi} onChange={(e) => setKpi(e.target.value as KpiId | 'all')}>
            <option value="all">{t('options_allKpis')}</option>
            {KPI_IDS.filter((k) => k !== 'visitors').map((k) => (
              <option key={k} value={k}>
                {t(`kpi_${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {writer.error && (
        <p className="field__error" role="alert">
          {writer.error}
        </p>
      )}
      {events && events.length === 0 && <p className="muted" data-testid="evidence-empty">{t('options_evidenceEmpty')}</p>}
      {events && events.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="evidence-table">
            <TableHead columns={['options_time', 'options_kpi', 'options_crm', 'options_kind', 'options_rule', 'options_record']} actions />
            <tbody>
              {events.map((e) => {
                const url = safeRecordUrl(e.url);
                const which = recordLabel(e, t);
                return (
                  <Fragment key={e.key}>
                  <tr data-testid="evidence-row" data-key={e.key}>
                    <td>{formatDateTime(e.at, locale, timeZone)}</td>
                    <td>
                      {t(`kpiShort_${e.kpi}`)}
                      {e.amount !== undefined && e.currency && <span className="muted"> {formatMoney(e.amount, e.currency, locale)}</span>}
                      {e.tax && (
                        <span className="muted" data-testid="evidence-tax">
                          {' · '}
                          {t(e.tax === 'included' ? 'options_evidenceTaxIncluded' : 'options_evidenceTaxExcluded')}
                        </span>
                      )}
                      {e.currencyAssumed && (
                        <span className="muted" data-testid="evidence-currency-assumed" title={t('options_evidenceCurrencyAssumedHint')}>
                          {' · '}
                          {t('options_evidenceCurrencyAssumed')}
                        </span>
                      )}
                    </td>
                    <td>{crmName(e.adapter)}</td>
                    <td>{e.kind ? kindLabel(e.kind, t) : '—'}</td>
                    <td data-testid="evidence-rule">{ruleLabel(e, t)}</td>
                    <td>
                      {url ? (
                        <a href={url} target="_blank" rel="noopener noreferrer">
                          {e.recordId ?? t('options_open')}
                        </a>
                      ) : (
                        (e.recordId ?? '—')
                      )}
                    </td>
                    <td className="actions">
                      <button type="button" className="button button--small" data-testid="evidence-undo" disabled={writer.busy} onClick={() => void writer.send({ type: 'undo', key: e.key })}>
                        {t('options_undo')}
                      </button>
                      {e.recordId !== undefined && (
                        <button
                          type="button"
                          className="button button--small"
                          data-testid="evidence-not-new"
                          title={t('options_notNewHint')}
                          aria-expanded={confirming === e.key}
                          disabled={writer.busy}
                          onClick={() => setConfirming(confirming === e.key ? undefined : e.key)}
                        >
                          {t('options_notNew')}
                        </button>
                      )}
                    </td>
                  </tr>
                  {confirming === e.key && (
                    <tr className="confirm-row">
                      <td colSpan={7}>
                        <div className="note note--warning" role="alertdialog" aria-labelledby={`not-new-${e.key}`} data-testid="evidence-not-new-confirm">
                          <p id={`not-new-${e.key}`}>{t('options_notNewConfirm', which ?? t(`kpiShort_${e.kpi}`))}</p>
                          <div className="actions">
                            <button
                              type="button"
                              className="button button--danger button--small"
                              data-testid="evidence-not-new-yes"
                              disabled={writer.busy}
                              autoFocus
                              onClick={() => void markNotNew(e.key)}
                            >
                              {t('options_notNewYes')}
                            </button>
                            <button type="button" className="button button--small" data-testid="evidence-not-new-cancel" onClick={() => setConfirming(undefined)}>
                              {t('options_cancel')}
                            </button>
                          </div>
                        </div>
                      </td>
                    </tr>
                  )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {events && events.length >= LIMIT && <p className="muted">{t('options_evidenceLimit', String(LIMIT))}</p>}
    </section>
  );
}
