import { useLiveQuery } from 'dexie-react-hooks';
import { useUiText } from '@/components/ui-context';
import { db } from '@/lib/db/database';
import { loadSiteCurrencies } from '@/lib/revenue/site-currency';
import { COMMON_CURRENCIES } from './form';
import { TableHead } from './TableHead';
import { useWriter } from './write';

/**
 * The currency of amounts on each site whose pages do not name one (Odoo names it by id only).
 * A site appears after its first such amount, at the rep's currency until confirmed here or in
 * the sidebar; a change re-labels the amounts counted there with an assumed currency.
 */
export function SiteCurrencies() {
  const { t } = useUiText();
  const writer = useWriter();
  const sites = useLiveQuery(() => loadSiteCurrencies(db()), []);
  const entries = Object.entries(sites ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div data-testid="site-currencies">
      <h3>{t('options_siteCurrencyTitle')}</h3>
      <p className="card__intro">{t('options_siteCurrencyIntro')}</p>
      {writer.error && (
        <p className="field__error" role="alert">
          {writer.error}
        </p>
      )}
      {sites && entries.length === 0 && <p className="muted">{t('options_siteCurrencyEmpty')}</p>}
      {entries.length > 0 && (
        <table className="table">
          <TableHead columns={['options_siteCurrencySite', 'options_currency', 'options_status']} />
          <tbody>
            {entries.map(([site, entry]) => (
              <tr key={site} data-testid="site-currency-row" data-site={site}>
                <td>
                  <code>{site}</code>
                </td>
                <td>
                  <select
                    aria-label={t('options_siteCurrencyLabel', site)}
                    data-testid="site-currency-select"
                    value={entry.currency}
                    disabled={writer.busy}
                    onChange={(e) => void writer.send({ type: 'set-site-currency', site, currency: e.target.value })}
                  >
                    {[...new Set([entry.currency, ...COMMON_CURRENCIES])].map((code) => (
                      <option key={code} value={code}>
                        {code}
                      </option>
                    ))}
                  </select>
                </td>
                <td data-testid="site-currency-status">{t(entry.confirmed ? 'options_siteCurrencyConfirmed' : 'options_siteCurrencyAssumed')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
