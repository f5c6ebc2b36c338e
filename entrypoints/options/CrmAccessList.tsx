import { useState } from 'react';
import { browser } from 'wxt/browser';
import { useUiText } from '@/components/ui-context';
import { ADAPTERS } from '@/lib/crm/adapters';
import type { Rules } from '@/lib/overrides/schema';
import { releaseCrmAccess, requestCrmAccess } from '@/lib/sites/shipped';
import type { SiteStatus } from '@/lib/sites/sync';
import { useCrmStatuses } from './use-site-statuses';

const SHIPPED_IDS = ADAPTERS.map((a) => a.id);

/**
 * The shipped CRMs, each on or off, with the browser's access to its hosts: a CRM that is on
 * without access says so and offers to allow it; access can be given back per CRM.
 */
export function CrmAccessList({ rules, saveRules }: { rules: Rules; saveRules(next: Rules): Promise<unknown> }) {
  const { t } = useUiText();
  const { statuses, refresh } = useCrmStatuses(SHIPPED_IDS);
  const [denied, setDenied] = useState<string>();

  const grant = async (id: string): Promise<boolean> => {
    const granted = await requestCrmAccess(browser, [id]);
    setDenied(granted ? undefined : id);
    refresh();
    return granted;
  };

  const toggle = async (id: string, on: boolean) => {
    // Asked from the click itself, before anything is awaited: the browser needs the gesture.
    const access = on && statuses?.[id] !== 'active' ? grant(id) : undefined;
    await saveRules({ ...rules, disabledAdapters: on ? rules.disabledAdapters.filter((d) => d !== id) : [...rules.disabledAdapters, id] });
    await access;
    refresh();
  };

  const revoke = async (id: string) => {
    await releaseCrmAccess(browser, id);
    refresh();
  };

  return (
    <>
      <ul className="checklist" data-testid="crm-list">
        {ADAPTERS.map((a) => {
          const on = !rules.disabledAdapters.includes(a.id);
          return (
            <li key={a.id} data-testid="crm-row" data-id={a.id}>
              <label>
                <input type="checkbox" data-testid={`adapter-on-${a.id}`} checked={on} onChange={(e) => void toggle(a.id, e.target.checked)} />
                {a.name}
              </label>{' '}
              <CrmAccessCell on={on} status={statuses?.[a.id]} onGrant={() => void grant(a.id)} onRevoke={() => void revoke(a.id)} />
            </li>
          );
        })}
      </ul>
      {denied && (
        <p className="field__error" role="alert" data-testid="crm-denied">
          {t('options_crmDenied', ADAPTERS.find((a) => a.id === denied)?.name ?? denied)}
        </p>
      )}
    </>
  );
}

function CrmAccessCell({ on, status, onGrant, onRevoke }: { on: boolean; status: SiteStatus | undefined; onGrant(): void; onRevoke(): void }) {
  const { t } = useUiText();
  if (!status) return <span className="muted">…</span>;
  const held = status !== 'no-access';
  return (
    <span className="actions">
      {!on ? (
        <span className="muted" data-testid="crm-status" data-status="off">
          {t('options_crmOff')}
        </span>
      ) : status === 'active' ? (
        <span data-testid="crm-status" data-status={status}>
          {t('options_siteActive')}
        </span>
      ) : (
        <span className="advice" data-testid="crm-status" data-status={status}>
          {t(status === 'no-access' ? 'options_crmNoAccess' : 'options_siteNotRegistered')}
        </span>
      )}
      {held ? (
        <button type="button" className="button button--small" data-testid="crm-revoke" onClick={onRevoke}>
          {t('options_crmRevoke')}
        </button>
      ) : (
        on && (
          <button type="button" className="button button--small" data-testid="crm-grant" onClick={onGrant}>
            {t('options_siteGrant')}
          </button>
        )
      )}
    </span>
  );
}
