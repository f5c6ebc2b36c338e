import { useState } from 'react';
import { browser } from 'wxt/browser';
import { useUiText } from '@/components/ui-context';
import { COMMON_CURRENCIES } from '@/entrypoints/options/form';
import type { PanelDetails } from './use-sidebar-data';

/**
 * Quiet notes about this site: the currency its amounts were taken to be in (asked once, until
 * the rep answers), and saves that looked like creates but were not counted, leading to the
 * evidence log where the rep can check and teach.
 */
export function SiteHints({ details, busy, onSetCurrency }: { details: PanelDetails; busy: boolean; onSetCurrency: (site: string, currency: string) => void }) {
  const { t } = useUiText();
  const ask = details.askCurrency;
  const [currency, setCurrency] = useState(ask?.currency ?? details.currency);
  const choices = [...new Set([currency, ...COMMON_CURRENCIES])];
  if (!ask && details.missed === 0) return null;
  return (
    <>
      {ask && (
        <section className="sb-section sb-hint" aria-labelledby="sb-currency-title" data-testid="sidebar-site-currency">
          <h2 className="sb-section__title" id="sb-currency-title">
            {t('sidebar_siteCurrencyTitle')}
          </h2>
          <p className="sb-muted">{t('sidebar_siteCurrencyText', ask.currency)}</p>
          <div className="sb-hint__row">
            <select aria-label={t('sidebar_siteCurrencyLabel')} data-testid="sidebar-site-currency-select" value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {choices.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
            <button type="button" className="button button--small" data-testid="sidebar-site-currency-confirm" disabled={busy} onClick={() => onSetCurrency(ask.site, currency)}>
              {t('sidebar_siteCurrencyConfirm')}
            </button>
          </div>
        </section>
      )}
      {details.missed > 0 && (
        <p className="sb-hint sb-muted" data-testid="sidebar-missed-hint">
          <a href={browser.runtime.getURL('/options.html#evidence-title')} target="_blank" rel="noopener noreferrer">
            {t('sidebar_missedHint')}
          </a>
        </p>
      )}
    </>
  );
}
