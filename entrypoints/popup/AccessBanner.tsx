import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useUiText } from '@/components/ui-context';
import { ask } from '@/lib/messages/client';
import { siteHost, type MissingAccess } from '@/lib/sites/access';

/**
 * Which of the rep's CRMs the browser does not let KPI Pacer read, asked of the background after
 * the KPIs show, and again whenever a permission is granted or removed.
 */
function useMissingAccess(): { missing: MissingAccess | undefined; recheck(): void } {
  const [missing, setMissing] = useState<MissingAccess>();
  const recheck = useCallback(() => {
    ask<MissingAccess>({ type: 'crm-access' }).then(setMissing, () => setMissing(undefined));
  }, []);
  useEffect(() => {
    recheck();
    browser.permissions.onAdded.addListener(recheck);
    browser.permissions.onRemoved.addListener(recheck);
    return () => {
      browser.permissions.onAdded.removeListener(recheck);
      browser.permissions.onRemoved.removeListener(recheck);
    };
  }, [recheck]);
  return { missing, recheck };
}

/**
 * At the top of the popup when nothing (or not everything) the rep chose can be counted: the
 * CRMs without access and one button that asks the browser for exactly their hosts.
 */
export function AccessBanner() {
  const { t } = useUiText();
  const { missing, recheck } = useMissingAccess();
  const [denied, setDenied] = useState(false);
  if (!missing || missing.origins.length === 0) return null;

  const names = [...missing.crms.map((c) => c.name), ...missing.sites.map(siteHost)].join(', ');
  const allow = () => {
    // Straight from the click, before anything is awaited: the browser shows its prompt only then.
    browser.permissions
      .request({ origins: missing.origins })
      .catch(() => false)
      .then((granted) => {
        setDenied(!granted);
        recheck();
      });
  };

  return (
    <div className="banner banner--error banner--access" role="alert" data-testid="access-banner" data-origins={missing.origins.join(' ')}>
      <div className="banner__text">
        <p className="banner__title">{t('access_title')}</p>
        <p data-testid="access-missing">{t('access_missing', names)}</p>
        {denied && <p data-testid="access-denied">{t('access_denied')}</p>}
      </div>
      <div className="banner__actions">
        <button type="button" className="button button--primary" data-testid="access-allow" onClick={allow}>
          {t('access_allow')}
        </button>
        <button type="button" className="button button--link" data-testid="access-options" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/options.html#section-rules') })}>
          {t('access_options')}
        </button>
      </div>
    </div>
  );
}
