import { useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { TeachFlow } from '@/components/TeachFlow';
import { useUiText } from '@/components/ui-context';
import { ask } from '@/lib/messages/client';
import type { Rules } from '@/lib/overrides/schema';
import { requestSiteAccess } from '@/lib/sites/request';
import { ownDomainFromInput } from '@/lib/sites/own-domain';
import { adapterIdFor } from '@/lib/teach/propose';
import { RulesSchema } from '@/lib/overrides/schema';
import { useTestableTabs } from './use-testable-tabs';
import { useSiteStatuses } from './use-site-statuses';

/**
 * "Teach KPI Pacer" for an open tab the rep picks: any tab of a built-in CRM or an own domain
 * KPI Pacer may read. An own domain whose access was taken away is offered to be allowed again.
 */
export function TeachSection({ rules }: { rules: Rules }) {
  const { t } = useUiText();
  const { tabs, chosen, setChosen, reload } = useTestableTabs(rules);
  const [teaching, setTeaching] = useState<number>();
  const [denied, setDenied] = useState<string>();
  const [domain, setDomain] = useState('');
  const [added, setAdded] = useState<string>();
  const { statuses, refresh } = useSiteStatuses(rules.sites.map((s) => s.pattern));
  const blocked = rules.sites.filter((site) => statuses?.[site.pattern] === 'no-access');

  const allow = async (pattern: string) => {
    setDenied(undefined);
    // Asked straight from the click: the browser shows its prompt only then.
    if (!(await requestSiteAccess(browser, pattern))) setDenied(t('options_siteDenied', pattern));
    refresh();
    void reload();
  };

  /**
   * A new app: its origin is asked for, and the site is read by an adapter of its own that counts
   * nothing until the rep teaches it. The app's tab is then reloaded so KPI Pacer reads it.
   */
  const addApp = async (event: FormEvent) => {
    event.preventDefault();
    setDenied(undefined);
    setAdded(undefined);
    const parsed = ownDomainFromInput(domain);
    if (!parsed.ok) return setDenied(t(`options_siteError_${parsed.error}`));
    if (rules.sites.some((s) => s.pattern === parsed.pattern)) return setDenied(t('options_siteListed', parsed.pattern));
    if (!(await requestSiteAccess(browser, parsed.pattern))) return setDenied(t('options_siteDenied', parsed.pattern));
    const host = parsed.pattern.replace(/^https?:\/\//, '').replace(/\/\*$/, '').replace(/^\*\./, '');
    const id = adapterIdFor(host);
    const own = rules.adapters.some((a) => a.id === id) ? [] : [{ id, name: host, hosts: [parsed.pattern], kinds: { record: {} } }];
    const next = RulesSchema.safeParse({ ...rules, adapters: [...rules.adapters, ...own], sites: [...rules.sites, { pattern: parsed.pattern, adapter: id }] });
    if (!next.success) return setDenied(t('teach_error_other'));
    await ask({ type: 'save-rules', rules: next.data });
    // Open tabs of the app load again, now with KPI Pacer reading them.
    const open = await browser.tabs.query({ url: parsed.pattern }).catch(() => []);
    await Promise.all(open.map((tab) => (tab.id === undefined ? undefined : browser.tabs.reload(tab.id).catch(() => undefined))));
    setDomain('');
    setAdded(t('options_teachAdded', parsed.pattern));
    refresh();
  };

  return (
    <section className="card" aria-labelledby="teach-title" data-testid="section-teach">
      <h2 id="teach-title">{t('options_teachTitle')}</h2>
      <p className="card__intro">{t('options_teachIntro')}</p>
      {teaching !== undefined ? (
        <TeachFlow send={ask} tabId={teaching} onClose={() => setTeaching(undefined)} />
      ) : (
        <>
          {tabs && tabs.length === 0 && <p data-testid="teach-no-tabs">{t('options_teachNoTabs')}</p>}
          {tabs && tabs.length > 0 && (
            <div className="inline-form">
              <label>
                {t('options_teachTab')}
                <select data-testid="teach-tab" value={chosen ?? ''} onChange={(e) => setChosen(Number(e.target.value))}>
                  {tabs.map((tab) => (
                    <option key={tab.id} value={tab.id}>
                      {tab.title}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="button button--primary" data-testid="teach-open" disabled={chosen === undefined} onClick={() => setTeaching(chosen)}>
                {t('teach_open')}
              </button>
            </div>
          )}
          {blocked.map((site) => (
            <p key={site.pattern}>
              {t('options_teachNoAccess', site.pattern)}{' '}
              <button type="button" className="button" onClick={() => void allow(site.pattern)}>
                {t('options_teachAllow')}
              </button>
            </p>
          ))}
          <form className="inline-form" onSubmit={(e) => void addApp(e)} noValidate>
            <label>
              {t('options_teachNewApp')}
              <input data-testid="teach-new-domain" value={domain} maxLength={255} placeholder="crm.dealer.example" onChange={(e) => setDomain(e.target.value)} />
            </label>
            <button type="submit" className="button" data-testid="teach-new-add">
              {t('options_teachNewAdd')}
            </button>
          </form>
          {added && (
            <p role="status" data-testid="teach-new-added">
              {added}
            </p>
          )}
          {denied && (
            <p role="alert" data-testid="teach-new-problem">
              {denied}
            </p>
          )}
        </>
      )}
    </section>
  );
}
