import { z } from 'zod';
import { CurrencySchema } from '@/lib/kpi/definitions';
import type { KpiDatabase } from '@/lib/db/database';
import { getKv, setKv } from '@/lib/db/queries';

/**
 * The currency of amounts on each CRM site whose pages do not name it (Odoo names a currency by
 * id only). Keyed by the page's origin. A site first gets the rep's currency, unconfirmed; the
 * rep confirms or changes it (sidebar question, Options → Sites), and amounts counted with an
 * assumed currency follow the answer.
 */
const KEY = 'site-currencies';
const MAX_SITES = 200;

export const SiteOriginSchema = z
  .string()
  .max(300)
  .regex(/^https?:\/\/[^/?#\s]+$/, 'a site origin such as https://acme.odoo.com');

export const SiteCurrencySchema = z.object({ currency: CurrencySchema, confirmed: z.boolean() });
export type SiteCurrency = z.infer<typeof SiteCurrencySchema>;
const SiteCurrenciesSchema = z.record(SiteOriginSchema, SiteCurrencySchema);
export type SiteCurrencies = z.infer<typeof SiteCurrenciesSchema>;

/** The origin of a page URL, or undefined for anything that is not a web page. */
export function siteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? origin : undefined;
  } catch {
    return undefined;
  }
}

export async function loadSiteCurrencies(database: KpiDatabase): Promise<SiteCurrencies> {
  const parsed = SiteCurrenciesSchema.safeParse(await getKv(database, KEY));
  return parsed.success ? parsed.data : {};
}

/** The site's currency; a site seen for the first time gets the rep's, to be confirmed. */
export async function currencyForSite(database: KpiDatabase, site: string, repCurrency: string): Promise<SiteCurrency> {
  const all = await loadSiteCurrencies(database);
  const known = all[site];
  if (known) return known;
  const fresh: SiteCurrency = { currency: repCurrency, confirmed: false };
  if (Object.keys(all).length < MAX_SITES) await setKv(database, KEY, { ...all, [site]: fresh });
  return fresh;
}

/**
 * The rep names a site's currency. Revenue counted there with an assumed currency is re-labelled
 * in the same transaction: the CRM never said otherwise, so the rep's answer is what is known.
 */
export async function setSiteCurrency(database: KpiDatabase, site: string, currency: string): Promise<number> {
  const origin = SiteOriginSchema.parse(site);
  const code = CurrencySchema.parse(currency);
  return database.transaction('rw', [database.kv, database.events], async () => {
    const all = await loadSiteCurrencies(database);
    await setKv(database, KEY, { ...all, [origin]: { currency: code, confirmed: true } });
    return database.events
      .where('[kpi+at]')
      .between(['revenue', 0], ['revenue', Number.MAX_SAFE_INTEGER])
      .filter((e) => e.currencyAssumed === true && e.site === origin && e.currency !== code)
      .modify({ currency: code });
  });
}
