import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteScriptIds } from '@/lib/sites/scripts';
import { DEALER_ERP_ADAPTER } from '@/tests/fixtures/dealer-erp/adapter';
import { DEALER_ERP, dealerErp } from '@/tests/fixtures/dealer-erp/fixture';
import { extensionPage, launchExtension, listEvents, sendToBackground, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { sidebarFrame } from './lib/sidebar-frame';

/**
 * A server-rendered dealer ERP (Dolibarr-shaped) read by a rep's own adapter: native form POSTs
 * answered by redirects, a confirmation by a GET link, amounts only in form fields. The build
 * holds the ERP's domain up front (a headless browser cannot click a permission prompt).
 */
const BUILD = resolve('.output-server-forms');
const SITE = `${DEALER_ERP}/*`;
const ADAPTER = DEALER_ERP_ADAPTER.id;

let session: ExtensionSession;
let page: Page;

beforeAll(async () => {
  execFileSync('npx', ['wxt', 'build'], { env: { ...process.env, KPI_OUT_DIR: BUILD, KPI_TEST_HOSTS: SITE }, stdio: 'pipe' });
  session = await launchExtension({ extensionDir: join(BUILD, 'chrome-mv3') });
  await serveFixtures(session.context, dealerErp);
  const saved = await sendToBackground(session, {
    type: 'save-rules',
    rules: { mappings: [], adapters: [DEALER_ERP_ADAPTER], sites: [{ pattern: SITE, adapter: ADAPTER }], disabledAdapters: [] },
  });
  expect(saved).toMatchObject({ ok: true });
  const wanted = Object.values(siteScriptIds(SITE));
  const extension = await extensionPage(session);
  await waitFor(
    async () => {
      const ids = (await extension.evaluate(() => chrome.scripting.getRegisteredContentScripts())).map((s) => s.id);
      return wanted.every((id) => ids.includes(id));
    },
    15_000,
    'the content scripts on the ERP domain',
  );
  page = await session.context.newPage();
}, 240_000);

afterAll(async () => {
  await session?.close();
});

const erpEvents = async (kpi?: 'contacts' | 'equotes' | 'ecustomers' | 'revenue') =>
  (await listEvents(session, kpi ? { kpi } : {})).filter((event) => event.adapter === ADAPTER || event.key.startsWith(`${ADAPTER}:`));

/** Opens an ERP page and waits until KPI Pacer watches it (its sidebar is there). */
async function open(path: string): Promise<void> {
  await page.goto(`${DEALER_ERP}${path}`);
  await sidebarFrame(page, session.extensionId);
}

/** Follows a link or submits a form as the rep does, and waits for the page the browser lands on. */
async function go(testId: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByTestId(testId).click()]);
  await sidebarFrame(page, session.extensionId);
}

const idIn = (url: string, name: string) => new URL(url).searchParams.get(name)!;

async function waitForEvents(kpi: 'contacts' | 'equotes' | 'ecustomers' | 'revenue', count: number, what: string) {
  await waitFor(async () => (await erpEvents(kpi)).length >= count, 15_000, what);
  return erpEvents(kpi);
}

describe('a server-rendered CRM: form POST, redirect, GET-link confirmation', () => {
  let socid: string;
  let firstContact: string;

  it('counts a customer created by a native form post answered with a redirect to its card', async () => {
    await open('/societe/card.php?action=create');
    await page.getByTestId('company-name').fill('Acme Print');
    await page.getByTestId('company-client').selectOption('1');
    await page.getByTestId('company-currency').selectOption('USD');
    await go('company-save');
    socid = idIn(page.url(), 'socid');
    const [customer] = await waitForEvents('ecustomers', 1, 'the customer to count');
    expect(customer).toMatchObject({ key: `${ADAPTER}:customer:${socid}`, recordId: socid, rule: 'erp-customer-create', url: `${DEALER_ERP}/societe/card.php?socid=${socid}` });
  });

  it('does not count an edit of that customer', async () => {
    await go('company-edit');
    await page.getByTestId('company-name').fill('Acme Print & Copy');
    await go('company-save');
    expect(page.url()).toBe(`${DEALER_ERP}/societe/card.php?socid=${socid}`);
    // The next page's plan settled the edit's note already; nothing came of it.
    expect(await erpEvents()).toHaveLength(1);
  });

  it('does not count a failed save (the form rendered again with 200), then counts the corrected one once', async () => {
    await open('/contact/card.php?action=create');
    await page.getByTestId('contact-email').fill('jane@acme.example');
    await go('contact-save');
    await page.getByTestId('erp-error').waitFor();
    expect(page.url()).toBe(`${DEALER_ERP}/contact/card.php`);
    await page.getByTestId('contact-lastname').fill('Doe');
    await go('contact-save');
    const id = idIn(page.url(), 'id');
    firstContact = id;
    const contacts = await waitForEvents('contacts', 1, 'the corrected contact to count');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ key: `${ADAPTER}:contact:${id}`, recordId: id, rule: 'erp-contact-create' });
  });

  it('does not count a contact without an email, nor the edit of a contact', async () => {
    await open('/contact/card.php?action=create');
    await page.getByTestId('contact-lastname').fill('Roe');
    await go('contact-save');
    const noEmail = idIn(page.url(), 'id');
    await go('contact-edit');
    await page.getByTestId('contact-email').fill('roe@acme.example');
    await go('contact-save');
    expect(idIn(page.url(), 'id')).toBe(noEmail);
    // A contact with an email next: once it counts, the two saves before it were settled.
    await open('/contact/card.php?action=create');
    await page.getByTestId('contact-lastname').fill('Poe');
    await page.getByTestId('contact-email').fill('poe@acme.example');
    await go('contact-save');
    const withEmail = idIn(page.url(), 'id');
    const contacts = await waitForEvents('contacts', 2, 'the contact with an email to count');
    expect(contacts.map((event) => event.recordId).sort()).toEqual([firstContact, withEmail].sort());
    expect(contacts.some((event) => event.recordId === noEmail)).toBe(false);
  });

  it('counts a contact added from the company’s tab, sent back to the company, by the message naming it; once, also on reload', async () => {
    await open(`/societe/contact.php?socid=${socid}`);
    await go('company-add-contact');
    await page.getByTestId('contact-lastname').fill('Kim');
    await page.getByTestId('contact-email').fill('kim@acme.example');
    await go('contact-save');
    expect(page.url()).toBe(`${DEALER_ERP}/societe/contact.php?socid=${socid}`);
    const newId = /[?&]id=(\d+)/.exec((await page.getByTestId('erp-flash').getByRole('link').getAttribute('href')) ?? '')?.[1];
    const contacts = await waitForEvents('contacts', 3, 'the contact added from the tab to count');
    expect(contacts.find((event) => event.recordId === newId)).toMatchObject({ rule: 'erp-contact-create-from-company', url: `${DEALER_ERP}/contact/card.php?id=${newId}` });
    await page.reload();
    await sidebarFrame(page, session.extensionId);
    expect(await page.getByTestId('company-contact-list').getByRole('link').count()).toBe(1);
    // Reloaded, the tab shows no message; a contact created after it is the only new count.
    await open('/contact/card.php?action=create');
    await page.getByTestId('contact-lastname').fill('Lee');
    await page.getByTestId('contact-email').fill('lee@acme.example');
    await go('contact-save');
    await waitForEvents('contacts', 4, 'the next contact to count');
    expect(await erpEvents('contacts')).toHaveLength(4);
  });

  it('counts a quote created by a native form post (customer pre-selected, currency pre-filled by the server)', async () => {
    await open(`/comm/propal/card.php?action=create&socid=${socid}`);
    await page.getByTestId('doc-amount').fill('1250.50');
    await go('doc-save');
    const quoteId = idIn(page.url(), 'id');
    const [quote] = await waitForEvents('equotes', 1, 'the quote to count');
    expect(quote).toMatchObject({ key: `${ADAPTER}:quote:${quoteId}`, recordId: quoteId, rule: 'erp-quote-create' });
  });

  it('counts an order’s revenue when it is validated by a GET link, with the amount its create form sent read-only', async () => {
    await go('doc-validate');
    await go('doc-confirm-yes');
    await go('doc-create-order');
    expect(await page.getByTestId('doc-amount').inputValue()).toBe('1250.50');
    expect(await page.getByTestId('doc-amount').getAttribute('readonly')).not.toBeNull();
    await go('doc-save');
    const orderId = idIn(page.url(), 'id');
    // A draft order counts nothing yet.
    await go('doc-validate');
    await go('doc-confirm-yes');
    expect(page.url()).toBe(`${DEALER_ERP}/commande/card.php?id=${orderId}`);
    expect(await page.getByTestId('doc-card').getAttribute('data-status')).toBe('validated');
    const [order] = await waitForEvents('revenue', 1, 'the validated order to count');
    expect(order).toMatchObject({ key: `${ADAPTER}:order:${orderId}`, recordId: orderId, amount: 1250.5, currency: 'USD', rule: 'erp-order-validate' });
    expect(order!.currencyAssumed).toBeUndefined();
    // Its customer was counted when created: the first order adds no second new customer.
    expect(await erpEvents('ecustomers')).toHaveLength(1);
  });

  it('does not count a confirmation the server refused (the card shown again with its error)', async () => {
    await open(`/commande/card.php?action=create&socid=${socid}`);
    await page.getByTestId('doc-amount').fill('0');
    await go('doc-save');
    const refusedId = idIn(page.url(), 'id');
    await go('doc-validate');
    await go('doc-confirm-yes');
    await page.getByTestId('erp-error').waitFor();
    expect(await page.getByTestId('doc-card').getAttribute('data-status')).toBe('draft');
    // A second order validated after it: once it counts, the refused one was settled.
    await open(`/commande/card.php?action=create&socid=${socid}`);
    await page.getByTestId('doc-amount').fill('300');
    await go('doc-save');
    const nextId = idIn(page.url(), 'id');
    await go('doc-validate');
    await go('doc-confirm-yes');
    const orders = await waitForEvents('revenue', 2, 'the second order to count');
    expect(orders.map((event) => [event.recordId, event.amount])).toEqual(expect.arrayContaining([[nextId, 300]]));
    expect(orders.some((event) => event.recordId === refusedId)).toBe(false);
  });

  it('stores ids and amounts only: no name or email in the counted events', async () => {
    const stored = JSON.stringify(await erpEvents());
    for (const text of ['Acme', 'Doe', 'Kim', '@acme.example']) expect(stored).not.toContain(text);
  });
});
