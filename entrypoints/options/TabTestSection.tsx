import { useLiveQuery } from 'dexie-react-hooks';
import { kindLabel } from '@/lib/i18n/records';
import { useEffect, useState } from 'react';
import { useUiText } from '@/components/ui-context';
import { TableHead } from './TableHead';
import { MissedSaves } from './MissedSaves';
import { ADAPTERS } from '@/lib/crm/adapters';
import { db } from '@/lib/db/database';
import { formatDateTime } from '@/lib/i18n/format';
import type { Rules } from '@/lib/overrides/schema';
import { findingsFor, RECENT_MINUTES, recentOnHost } from './tab-test';
import { useTestableTabs } from './use-testable-tabs';
import { now as clockNow } from '@/lib/clock';

/**
 * "Test on an open tab": for a CRM tab the extension may read, which adapter is active there,
 * which of its routes match the tab's URL now, and what was detected there in the last minutes.
 */
export function TabTestSection({ rules }: { rules: Rules }) {
  const { t, locale, timeZone } = useUiText();
  const { tabs, chosen, setChosen, reload } = useTestableTabs(rules);
  const [now, setNow] = useState(() => clockNow());
  // "The last few minutes" run up to each time the tabs are read again.
  useEffect(() => setNow(clockNow()), [tabs]);

  const tab = tabs?.find((candidate) => candidate.id === chosen);
  const findings = tab ? findingsFor(tab.url, rules, ADAPTERS) : undefined;
  const since = now - RECENT_MINUTES * 60_000;
  const adapterId = findings?.adapter?.id;
  const recent = useLiveQuery(() => db().events.where('at').aboveOrEqual(since).toArray(), [since]);
  const health = useLiveQuery(() => (adapterId ? db().health.where('adapter').equals(adapterId).toArray() : []), [adapterId]);
  const events = tab && recent ? recentOnHost(recent, tab.url, adapterId, since) : [];

  return (
    <section className="card" aria-labelledby="tab-test-title" data-testid="section-tab-test">
      <h2 id="tab-test-title">{t('options_tabTestTitle')}</h2>
      <p className="card__intro">{t('options_tabTestIntro', String(RECENT_MINUTES))}</p>
      <div className="inline-form">
        <label>
          {t('options_tabTestTab')}
          <select data-testid="tab-test-tab" value={chosen ?? ''} disabled={!tabs?.length} onChange={(e) => setChosen(Number(e.target.value))}>
            {(tabs ?? []).map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.title.slice(0, 60)} — {new URL(candidate.url).host}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" data-testid="tab-test-refresh" onClick={() => void reload()}>
          {t('options_tabTestRefresh')}
        </button>
      </div>
      {tabs && tabs.length === 0 && <p className="muted">{t('options_tabTestNoTabs')}</p>}
      {tab && findings && (
        <div data-testid="tab-test-result" aria-live="polite">
          <p>
            {t('options_tabTestAdapter')}: <strong data-testid="tab-test-adapter">{findings.adapter?.name ?? t('options_tabTestNone')}</strong>
          </p>
          <h3>{t('options_tabTestRoutes')}</h3>
          {findings.routes.length === 0 ? (
            <p className="muted" data-testid="tab-test-no-routes">
              {t('options_tabTestNoRoutes')}
            </p>
          ) : (
            <ul>
              {findings.routes.map((route) => (
                <li key={route.id} data-testid="tab-test-route" data-route={route.id}>
                  <code>{route.id}</code> · {t(route.type === 'record' ? 'options_routeRecord' : 'options_routeCreateForm')}
                  {route.kind && <> · {kindLabel(route.kind, t)}</>}
                  {route.recordId && (
                    <>
                      {' '}
                      · {t('options_record')} <code>{route.recordId}</code>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('options_tabTestRecent', String(RECENT_MINUTES))}</h3>
          {events.length === 0 ? (
            <p className="muted">{t('options_tabTestNothingRecent')}</p>
          ) : (
            <table className="table">
              <TableHead columns={['options_time', 'options_kpi', 'options_kind', 'options_rule']} />
              <tbody>
                {events.map((e) => (
                  <tr key={e.key} data-testid="tab-test-event">
                    <td>{formatDateTime(e.at, locale, timeZone)}</td>
                    <td>{t(`kpiShort_${e.kpi}`)}</td>
                    <td>{e.kind ? kindLabel(e.kind, t) : '—'}</td>
                    <td>
                      <code>{e.rule}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('options_tabTestHealth')}</h3>
          {!health?.length ? (
            <p className="muted">{t('options_tabTestNoHealth')}</p>
          ) : (
            <table className="table">
              <TableHead columns={['options_rule', 'options_tabTestCount', 'options_tabTestLastMatched']} />
              <tbody>
                {health.map((row) => (
                  <tr key={row.rule} data-testid="tab-test-health" data-rule={row.rule}>
                    <td>
                      <code>{row.rule}</code>
                    </td>
                    <td>{row.count}</td>
                    <td>{formatDateTime(row.lastMatched, locale, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <MissedSaves />
    </section>
  );
}
