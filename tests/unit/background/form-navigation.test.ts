import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, type HandlerDeps } from '@/lib/background/handle';
import { PageDetection } from '@/lib/background/page-detection';
import { adapterById } from '@/lib/crm/adapters';
import { KpiDatabase } from '@/lib/db';
import { saveSettings } from '@/lib/db/settings';
import { DEALER_ERP_ADAPTER } from '@/tests/fixtures/dealer-erp/adapter';

// A server-rendered CRM through the background: the page that submits sends the form, the next
// page of the tab asks for its plan and says whether a redirect brought it there.
const ERP = 'https://erp.dealer.test';
const TAB = 7;
let database: KpiDatabase;
let deps: HandlerDeps;
const clock = Date.UTC(2026, 10, 25, 12);

beforeEach(async () => {
  fakeBrowser.reset();
  database = new KpiDatabase(`f-${crypto.randomUUID()}`);
  await database.open();
  await saveSettings(database, { timeZone: 'Europe/Berlin' });
  deps = { now: () => clock, newId: () => crypto.randomUUID(), adapterById, pages: new PageDetection(fakeBrowser.storage.session) };
  const saved = await handleMessage(database, { type: 'save-rules', rules: { adapters: [DEALER_ERP_ADAPTER], sites: [{ pattern: `${ERP}/*`, adapter: 'dealer-erp' }] } }, 'extension-page', deps);
  expect(saved.response.ok).toBe(true);
});

const fromPage = (url: string, message: unknown) => handleMessage(database, message, 'content-script', deps, { url, tabId: TAB });
const plan = (url: string, redirected?: boolean) => fromPage(url, { type: 'page-plan', ...(redirected && { redirected }) });
const submit = (pageUrl: string, url: string, fields: Record<string, string>) =>
  fromPage(pageUrl, { type: 'page-signals', signals: [{ kind: 'navigation', via: 'form', method: 'POST', url, body: new URLSearchParams(fields).toString(), pageUrl }] });
const events = () => database.events.toArray();

describe('a form submission settled by the next page of the tab', () => {
  const form = `${ERP}/contact/card.php?action=create`;

  it('counts when a redirect brought the browser to the new record, and stores no field', async () => {
    await plan(form);
    await submit(form, `${ERP}/contact/card.php`, { action: 'add', lastname: 'Doe', email: 'doe@example.com' });
    await plan(`${ERP}/contact/card.php?id=31`, true);
    expect(await events()).toMatchObject([{ key: 'dealer-erp:contact:31', kpi: 'contacts', rule: 'erp-contact-create' }]);
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(session).not.toContain('doe');
    expect(session).not.toContain('Doe');
  });

  it('does not count without a redirect (the rep typed the address), nor a second time on reload', async () => {
    await plan(form);
    await submit(form, `${ERP}/contact/card.php`, { action: 'add', lastname: 'Doe', email: 'doe@example.com' });
    await plan(`${ERP}/contact/card.php?id=32`);
    expect(await events()).toEqual([]);
    // The note was taken by that page: a later redirected page has none.
    await plan(`${ERP}/contact/card.php?id=32`, true);
    expect(await events()).toEqual([]);
  });

  it('keeps the order’s amount for the tab until its confirmation link lands', async () => {
    const orderForm = `${ERP}/commande/card.php?action=create&socid=2`;
    await plan(orderForm);
    await submit(orderForm, `${ERP}/commande/card.php`, { action: 'add', socid: '2', amount_ht: '480', multicurrency_code: 'EUR' });
    await plan(`${ERP}/commande/card.php?id=9`, true);
    expect(await events()).toEqual([]);
    const confirm = `${ERP}/commande/card.php?id=9&action=confirm_validate&confirm=yes&token=t`;
    await fromPage(`${ERP}/commande/card.php?id=9&action=validate`, {
      type: 'page-signals',
      signals: [{ kind: 'navigation', via: 'link', method: 'GET', url: confirm, pageUrl: `${ERP}/commande/card.php?id=9&action=validate` }],
    });
    await plan(`${ERP}/commande/card.php?id=9`, true);
    const counted = (await events()).sort((a, b) => a.key.localeCompare(b.key));
    expect(counted).toMatchObject([
      { key: 'dealer-erp:customer:2', kpi: 'ecustomers' },
      { key: 'dealer-erp:order:9', kpi: 'revenue', amount: 480, currency: 'EUR' },
    ]);
  });

  it('counts a contact added from a company’s tab once its marker shows, and only once', async () => {
    const tabForm = `${ERP}/contact/card.php?action=create&socid=2&backtopage=%2Fsociete%2Fcontact.php%3Fsocid%3D2`;
    const landing = `${ERP}/societe/contact.php?socid=2`;
    await plan(tabForm);
    await submit(tabForm, `${ERP}/contact/card.php`, { action: 'add', socid: '2', backtopage: '/societe/contact.php?socid=2', lastname: 'Kim', email: 'kim@example.com' });
    await plan(landing, true);
    expect(await events()).toEqual([]);
    const marker = { type: 'page-signals', signals: [{ kind: 'marker', rule: 'erp-contact-created', url: landing, value: '/contact/card.php?id=40' }] };
    await fromPage(landing, marker);
    expect(await events()).toMatchObject([{ key: 'dealer-erp:contact:40', rule: 'erp-contact-create-from-company' }]);
    // A reload: a new page, no submission before it; the message alone counts nothing.
    await plan(landing);
    await fromPage(landing, { ...marker, signals: [{ ...marker.signals[0], value: '/contact/card.php?id=41' }] });
    expect((await events()).map((event) => event.key)).toEqual(['dealer-erp:contact:40']);
  });

  it('refuses a form sent to another site', async () => {
    await plan(form);
    const answer = await fromPage(form, {
      type: 'page-signals',
      signals: [{ kind: 'navigation', via: 'form', method: 'POST', url: 'https://elsewhere.test/contact/card.php', body: 'action=add', pageUrl: form }],
    });
    expect(answer.response).toMatchObject({ ok: true, data: { refused: 1 } });
  });
});
