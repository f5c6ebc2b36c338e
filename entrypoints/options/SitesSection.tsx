import { useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { useUiText } from '@/components/ui-context';
import { TableHead } from './TableHead';
import { SiteCurrencies } from './SiteCurrencies';
import { ADAPTERS } from '@/lib/crm/adapters';
import { RulesSchema, type Rules } from '@/lib/overrides/schema';
import { releaseSiteAccess, requestSiteAccess } from '@/lib/sites/request';
import { ownDomainFromInput } from '@/lib/sites/own-domain';
import type { SiteStatus } from '@/lib/sites/sync';
import { issueLines } from '@/lib/overrides/schema';
import type { SwitchedOffAdapter } from '@/lib/overrides/read';
import { useSiteStatuses } from './use-site-statuses';
import { useWriter } from './write';

/**
 * Self-hosted or in-house CRMs on the rep's own domains: each gets one adapter, the browser's
 * permission for that origin only, and the content scripts registered at run time by the background.
 */
export function SitesSection({ rules, switchedOff = [] }: { rules: Rules; switchedOff?: SwitchedOffAdapter[] }) {
  const { t } = useUiText();
  const writer = useWriter();
  const adapters = [...ADAPTERS, ...rules.adapters];
  const [domain, setDomain] = useState('');
  const [adapter, setAdapter] = useState(adapters[0]?.id ?? '');
  const [problem, setProblem] = useState<string>();
  const { statuses, refresh } = useSiteStatuses(rules.sites.map((s) => s.pattern));
  const offSites = switchedOff.flatMap((off) => off.sites);

  const save = async (next: Rules): Promise<boolean> => {
    const checked = RulesSchema.safeParse(next);
    if (!checked.success) {
      setProblem(issueLines(checked.error).join('\n'));
      return false;
    }
    const saved = (await writer.send({ type: 'save-rules', rules: checked.data })) !== undefined;
    refresh();
    return saved;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const parsed = ownDomainFromInput(domain);
    if (!parsed.ok) return setProblem(t(`options_siteError_${parsed.error}`));
    if (rules.sites.some((s) => s.pattern === parsed.pattern)) return setProblem(t('options_siteListed', parsed.pattern));
    // Asked first, while the click still counts as the rep's gesture; only this origin is asked for.
    if (!(await requestSiteAccess(browser, parsed.pattern))) return setProblem(t('options_siteDenied', parsed.pattern));
    if (await save({ ...rules, sites: [...rules.sites, { pattern: parsed.pattern, adapter }] })) setDomain('');
  };

  const grant = async (pattern: string) => {
    if (!(await requestSiteAccess(browser, pattern))) setProblem(t('options_siteDenied', pattern));
    refresh();
  };

  const remove = async (pattern: string) => {
    const sites = rules.sites.filter((s) => s.pattern !== pattern);
    if (await save({ ...rules, sites })) {
      await releaseSiteAccess(browser, pattern, sites.map((s) => s.pattern));
      refresh();
    }
  };

  return (
    <section className="card" aria-labelledby="sites-title" data-testid="section-sites">
      <h2 id="sites-title">{t('options_sitesTitle')}</h2>
      <p className="card__intro">{t('options_sitesIntro')}</p>
      <form className="inline-form" onSubmit={(e) => void add(e)} noValidate>
        <label>
          {t('options_siteDomain')}
          <input
            data-testid="site-domain"
            value={domain}
            maxLength={255}
            placeholder="crm.dealer.example"
            aria-describedby="site-domain-hint"
            onChange={(e) => setDomain(e.target.value)}
          />
        </label>
        <label>
          {t('options_siteAdapter')}
          <select data-testid="site-adapter" value={adapter} onChange={(e) => setAdapter(e.target.value)}>
            {adapters.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" data-testid="site-add" disabled={writer.busy}>
          {t('options_siteAdd')}
        </button>
      </form>
      <p id="site-domain-hint" className="field__hint">
        {t('options_siteDomainHint')}
      </p>
      <SitePreview input={domain} />
      {(problem ?? writer.error) && (
        <p className="field__error" role="alert" data-testid="site-error" style={{ whiteSpace: 'pre-line' }}>
          {problem ?? writer.error}
        </p>
      )}
      {rules.adapters.some((a) => a.replaces) && (
        <div data-testid="replaced-crms">
          <h3>{t('options_replacesTitle')}</h3>
          <ul>
            {rules.adapters
              .filter((a) => a.replaces)
              .map((a) => (
                <li key={a.id} data-testid="replaced-crm" data-replaces={a.replaces}>
                  {t('options_replacesRow', [a.name, a.hosts.join(', '), ADAPTERS.find((shipped) => shipped.id === a.replaces)?.name ?? a.replaces ?? ''])}
                </li>
              ))}
          </ul>
        </div>
      )}
      {rules.sites.length === 0 && offSites.length === 0 ? (
        <p className="muted">{t('options_sitesEmpty')}</p>
      ) : (
        <table className="table" data-testid="site-table">
          <TableHead columns={['options_siteDomain', 'options_siteAdapter', 'options_status']} actions />
          <tbody>
            {rules.sites.map((site) => (
              <tr key={site.pattern} data-testid="site-row" data-pattern={site.pattern}>
                <td>
                  <code>{site.pattern}</code>
                </td>
                <td>{adapters.find((a) => a.id === site.adapter)?.name ?? site.adapter}</td>
                <td>
                  <SiteStatusCell status={statuses?.[site.pattern]} onGrant={() => void grant(site.pattern)} />
                </td>
                <td>
                  <button type="button" className="button button--small" data-testid="site-remove" onClick={() => void remove(site.pattern)}>
                    {t('options_remove')}
                  </button>
                </td>
              </tr>
            ))}
            {offSites.map((site) => (
              <tr key={site.pattern} data-testid="site-row" data-pattern={site.pattern} data-switched-off="">
                <td>
                  <code>{site.pattern}</code>
                </td>
                <td>{site.adapter}</td>
                <td>
                  <span className="advice" data-testid="site-status" data-status="switched-off">
                    {t('options_siteSwitchedOff')}
                  </span>
                </td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SiteCurrencies />
    </section>
  );
}

/** What the typed entry becomes, said before it is added: the pattern, its scheme, the port it cannot keep. */
function SitePreview({ input }: { input: string }) {
  const { t } = useUiText();
  const parsed = input.trim() === '' ? undefined : ownDomainFromInput(input);
  const host = parsed?.ok ? /^\w+:\/\/([^/]+)/.exec(parsed.pattern)?.[1] : undefined;
  return (
    <div className="field__hint" aria-live="polite" data-testid="site-preview">
      {parsed?.ok && (
        <>
          <p>
            {t('options_sitePreview')} <code data-testid="site-preview-pattern">{parsed.pattern}</code>
          </p>
          {parsed.port !== undefined && <p data-testid="site-preview-port">{t('options_sitePreviewPort', [host ?? '', parsed.port])}</p>}
          {parsed.pattern.startsWith('https://') && !/^\s*https:\/\//i.test(input) && <p data-testid="site-preview-https">{t('options_sitePreviewHttps')}</p>}
        </>
      )}
    </div>
  );
}

function SiteStatusCell({ status, onGrant }: { status: SiteStatus | undefined; onGrant(): void }) {
  const { t } = useUiText();
  if (!status) return <span className="muted">…</span>;
  if (status === 'active') {
    return (
      <span data-testid="site-status" data-status={status}>
        {t('options_siteActive')}
      </span>
    );
  }
  return (
    <span className="actions">
      <span className="advice" data-testid="site-status" data-status={status}>
        {t(status === 'no-access' ? 'options_siteNoAccess' : 'options_siteNotRegistered')}
      </span>
      {status === 'no-access' && (
        <button type="button" className="button button--small" data-testid="site-grant" onClick={onGrant}>
          {t('options_siteGrant')}
        </button>
      )}
    </span>
  );
}
