import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageDetection } from '@/lib/background/page-detection';
import { handleMessage, type HandlerDeps } from '@/lib/background/handle';
import { adapterById } from '@/lib/crm/adapters';
import { KpiDatabase } from '@/lib/db';
import { loadSettings, saveSettings } from '@/lib/db/settings';
import { loadMissedSaves, pathPattern } from '@/lib/evidence/missed';
import { loadSnapshot } from '@/lib/background/snapshot';
import { revenueAmount } from '@/lib/revenue/basis';
import { loadSiteCurrencies } from '@/lib/revenue/site-currency';

let database: KpiDatabase;
let clock: number;
const deps: HandlerDeps = { now: () => clock, newId: () => crypto.randomUUID(), adapterById, acceptRecords: true };
const ODOO_PAGE = { url: 'https://acme.odoo.com/odoo/sales/3' };
const OTHER_PAGE = { url: 'https://dealer.odoo.com/odoo/sales/9' };

beforeEach(async () => {
  database = new KpiDatabase(`rb-${crypto.randomUUID()}`);
  await database.open();
  clock = Date.UTC(2026, 10, 25, 12);
  await saveSettings(database, { timeZone: 'Europe/Berlin', currency: 'EUR' });
});

const order = (recordId: string, extra: Record<string, unknown> = {}) => ({
  type: 'record-detected',
  record: { adapter: 'odoo', kind: 'order', recordId, amount: 1250, amountWithTax: 1437.5, accountId: `p${recordId}`, rule: 'odoo-order-confirm', ...extra },
});

const revenueEvents = async () => (await database.events.toArray()).filter((e) => e.kpi === 'revenue');

describe('revenue: tax', () => {
  it('picks the untaxed amount by default, the taxed one when the rep includes tax, and says which', () => {
    expect(revenueAmount({ amount: 100, amountWithTax: 121 }, false)).toEqual({ amount: 100, tax: 'excluded' });
    expect(revenueAmount({ amount: 100, amountWithTax: 121 }, true)).toEqual({ amount: 121, tax: 'included' });
    // Only the taxed amount known: used, and marked as including tax whatever the setting.
    expect(revenueAmount({ amountWithTax: 121 }, false)).toEqual({ amount: 121, tax: 'included' });
    // One amount, basis unknown: used as given, no claim about tax.
    expect(revenueAmount({ amount: 100 }, true)).toEqual({ amount: 100 });
    expect(revenueAmount({}, false)).toEqual({});
  });

  it('stores the untaxed amount by default and the taxed one after the setting changes', async () => {
    await handleMessage(database, order('1'), 'extension-page', deps, ODOO_PAGE);
    await saveSettings(database, { ...(await loadSettings(database)), revenueWithTax: true });
    await handleMessage(database, order('2'), 'extension-page', deps, ODOO_PAGE);
    const events = (await revenueEvents()).map((e) => [e.recordId, e.amount, e.tax]);
    expect(events.sort()).toEqual([
      ['1', 1250, 'excluded'],
      ['2', 1437.5, 'included'],
    ]);
  });

  it('keeps settings stored before the setting existed valid, without tax', async () => {
    const { revenueWithTax: _dropped, ...older } = await loadSettings(database);
    expect((await saveSettings(database, older)).revenueWithTax).toBe(false);
  });
});

describe('revenue: currency never guessed silently', () => {
  it('uses a currency the CRM names, unmarked', async () => {
    await handleMessage(database, order('1', { currency: 'USD' }), 'extension-page', deps, ODOO_PAGE);
    const [event] = await revenueEvents();
    expect(event).toMatchObject({ amount: 1250, currency: 'USD' });
    expect(event?.currencyAssumed).toBeUndefined();
    expect(await loadSiteCurrencies(database)).toEqual({});
  });

  it('uses the site currency (first the rep’s, to be confirmed) and marks it assumed', async () => {
    await handleMessage(database, order('1'), 'extension-page', deps, ODOO_PAGE);
    const [event] = await revenueEvents();
    expect(event).toMatchObject({ amount: 1250, currency: 'EUR', currencyAssumed: true, site: 'https://acme.odoo.com' });
    expect(await loadSiteCurrencies(database)).toEqual({ 'https://acme.odoo.com': { currency: 'EUR', confirmed: false } });
  });

  it('asks the sidebar once per site, until the rep answers', async () => {
    await handleMessage(database, order('1'), 'extension-page', deps, ODOO_PAGE);
    const askTab = async () => null;
    const details = async (tabUrl: string) =>
      (await handleMessage(database, { type: 'sidebar-details', recent: 3 }, 'extension-page', { ...deps, askTab }, { tabId: 1, tabUrl })).response;
    expect(await details(ODOO_PAGE.url)).toMatchObject({ ok: true, data: { askCurrency: { site: 'https://acme.odoo.com', currency: 'EUR' } } });
    expect(await details(OTHER_PAGE.url)).toMatchObject({ ok: true, data: { askCurrency: null } });
    await handleMessage(database, { type: 'set-site-currency', site: 'https://acme.odoo.com', currency: 'EUR' }, 'extension-page', deps);
    expect(await details(ODOO_PAGE.url)).toMatchObject({ ok: true, data: { askCurrency: null } });
  });

  it('re-labels amounts with an assumed currency when the rep names the site’s currency, and only those', async () => {
    await handleMessage(database, order('1'), 'extension-page', deps, ODOO_PAGE);
    await handleMessage(database, order('2', { currency: 'EUR' }), 'extension-page', deps, ODOO_PAGE);
    await handleMessage(database, order('3'), 'extension-page', deps, OTHER_PAGE);
    const answer = await handleMessage(database, { type: 'set-site-currency', site: 'https://acme.odoo.com', currency: 'USD' }, 'extension-page', deps);
    expect(answer.response).toMatchObject({ ok: true, data: { relabelled: 1 } });
    const byId = Object.fromEntries((await revenueEvents()).map((e) => [e.recordId, e.currency]));
    expect(byId).toEqual({ '1': 'USD', '2': 'EUR', '3': 'EUR' });
    // Later amounts from that site take the answer.
    await handleMessage(database, order('4'), 'extension-page', deps, ODOO_PAGE);
    expect((await revenueEvents()).find((e) => e.recordId === '4')).toMatchObject({ currency: 'USD', currencyAssumed: true });
  });

  it('never adds an amount in another currency to the total without a rate', async () => {
    await handleMessage(database, order('1'), 'extension-page', deps, ODOO_PAGE);
    await handleMessage(database, order('2', { currency: 'USD' }), 'extension-page', deps, ODOO_PAGE);
    const revenue = (await loadSnapshot(database, clock)).kpis.find((k) => k.kpi === 'revenue')!;
    expect(revenue.value).toBe(1250);
    expect(revenue.unconverted).toEqual([{ currency: 'USD', amount: 1250 }]);
    await saveSettings(database, { ...(await loadSettings(database)), rates: { USD: 0.9 } });
    const converted = (await loadSnapshot(database, clock)).kpis.find((k) => k.kpi === 'revenue')!;
    expect(converted.value).toBe(2375);
    expect(converted.unconverted).toEqual([]);
  });

  it('refuses a site currency that is not a site or not a currency, and changes nothing', async () => {
    for (const bad of [
      { site: 'acme.odoo.com', currency: 'USD' },
      { site: 'https://acme.odoo.com/odoo', currency: 'USD' },
      { site: 'https://acme.odoo.com', currency: 'usd' },
    ]) {
      expect((await handleMessage(database, { type: 'set-site-currency', ...bad }, 'extension-page', deps)).response.ok).toBe(false);
    }
    expect((await handleMessage(database, { type: 'set-site-currency', site: 'https://acme.odoo.com', currency: 'USD' }, 'content-script', deps)).response.ok).toBe(false);
    expect(await loadSiteCurrencies(database)).toEqual({});
  });
});

describe('missed saves', () => {
  const DEALER = 'https://crm.dealer.example';
  const pages = () => new PageDetection(fakeBrowser.storage.session);
  /** What a page of the dealer's own CRM (read with the Odoo adapter) forwards. */
  const seen = (signals: unknown[], url = `${DEALER}/printers/new`, pageDeps: HandlerDeps = deps) =>
    handleMessage(database, { type: 'page-signals', signals }, 'content-script', pageDeps, { tabId: 4, url });
  const probe = (path: string) => ({ kind: 'probe', method: 'POST', url: `${DEALER}${path}` });

  beforeEach(async () => {
    fakeBrowser.reset();
    await handleMessage(database, { type: 'save-rules', rules: { sites: [{ pattern: `${DEALER}/*`, adapter: 'odoo' }] } }, 'extension-page', deps);
  });

  it('keep the site, the path with ids replaced and the time; nothing else', async () => {
    const pageDeps = { ...deps, pages: pages() };
    clock += 1000;
    await seen([probe('/api/printers/8812')], `${DEALER}/printers/new?x=secret`, pageDeps);
    clock += 1000;
    await seen([probe('/api/printers/8813')], `${DEALER}/printers/new`, pageDeps);
    expect(await loadMissedSaves(database)).toEqual([{ site: DEALER, path: '/api/printers/{id}', signal: 'request', at: clock, count: 2 }]);
    expect(await database.events.count()).toBe(0);
  });

  it('note a create form followed by a record page whose id no signal reported', async () => {
    const pageDeps = { ...deps, pages: pages() };
    await seen([{ kind: 'route', from: `${DEALER}/printers/new`, to: `${DEALER}/printers/77` }], undefined, pageDeps);
    // Plain navigation between records is not a save.
    await seen([{ kind: 'route', from: `${DEALER}/printers/77`, to: `${DEALER}/printers/78` }], undefined, pageDeps);
    expect((await loadMissedSaves(database)).map((n) => [n.path, n.signal])).toEqual([['/printers/{id}', 'route']]);
  });

  it('reduce ids of any shape to {id} and drop queries', () => {
    expect(pathPattern('/api/v2/devices/3f2504e0-4f89-11d3-9a0c-0305e82c3301/notes')).toBe('/api/v2/devices/{id}/notes');
    expect(pathPattern('/lightning/r/Asset/02i5e000001AbCdEAF/view?x=1')).toBe('/lightning/r/Asset/{id}/view');
    expect(pathPattern('/crm/org20071234567/tab/Leads/5725767000000412001#x')).toBe('/crm/{id}/tab/Leads/{id}');
    expect(pathPattern('/odoo/contacts/new')).toBe('/odoo/contacts/new');
  });

  it('show the sidebar a quiet hint on that site only, for a day', async () => {
    await seen([probe('/api/printers/1')], `${DEALER}/printers`, { ...deps, pages: pages() });
    const missed = async (tabUrl: string) => {
      const { response } = await handleMessage(database, { type: 'sidebar-details', recent: 3 }, 'extension-page', { ...deps, askTab: async () => null }, { tabId: 1, tabUrl });
      return response.ok ? (response.data as { missed: number }).missed : -1;
    };
    expect(await missed(`${DEALER}/printers/1`)).toBe(1);
    expect(await missed('https://acme.odoo.com/odoo')).toBe(0);
    clock += 25 * 60 * 60 * 1000;
    expect(await missed(`${DEALER}/printers/1`)).toBe(0);
  });

  it("need the page they happened on, on its own site, and never more than a page's share", async () => {
    const pageDeps = { ...deps, pages: pages() };
    const noPage = await handleMessage(database, { type: 'page-signals', signals: [probe('/x/1')] }, 'content-script', pageDeps, { tabId: 4 });
    expect(noPage.response.ok).toBe(false);
    await seen([{ kind: 'probe', method: 'POST', url: 'https://elsewhere.example/api/1' }], undefined, pageDeps);
    expect(await loadMissedSaves(database)).toEqual([]);
    await seen(Array.from({ length: 20 }, (_, i) => probe(`/api/kind${i}/1`)), undefined, pageDeps);
    await seen([probe('/api/one-more/1')], undefined, pageDeps);
    expect(await loadMissedSaves(database)).toHaveLength(20);
    expect(JSON.stringify(await loadMissedSaves(database))).not.toContain('one-more');
  });
});

describe('missed saves from records of objects nothing counts', () => {
  it('notes an object no kind names, but not a known kind that simply feeds nothing', async () => {
    const page = { url: 'https://acme.odoo.com/odoo/action-printer_fleet/42' };
    const unknown = { adapter: 'odoo', kind: 'obj-x_printer', recordId: '42', rule: 'odoo-web-save-create', url: page.url };
    await handleMessage(database, { type: 'record-detected', record: unknown }, 'extension-page', deps, page);
    const account = { adapter: 'odoo', kind: 'account', recordId: '10', rule: 'odoo-web-save-company' };
    await handleMessage(database, { type: 'record-detected', record: account }, 'extension-page', deps, { url: 'https://acme.odoo.com/odoo/contacts/10' });
    expect((await loadMissedSaves(database)).map((n) => [n.path, n.signal])).toEqual([['/odoo/action-printer_fleet/{id}', 'request']]);
    expect(await database.events.count()).toBe(0);
  });
});
