import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ADAPTER } from '@/entrypoints/options/adapter-editor';
import { siteScriptIds } from '@/lib/sites/scripts';
import { DEALER_LEADS, dealerLeads } from '@/tests/fixtures/dealer-leads/fixture';
import { odoo } from '@/tests/fixtures/odoo/flows';
import { extensionPage, launchExtension, listEvents, sendToBackground, serveFixtures, waitFor, type ExtensionSession, type FixtureSet } from './harness';
import { fillAll } from './lib/flows';

/**
 * Custom domains and user-written adapters in real Chromium. A headless browser cannot click a
 * permission prompt, so this suite builds a test variant whose manifest already holds the two
 * test domains (KPI_TEST_HOSTS); for a granted origin `permissions.request` resolves true at once.
 */
const TEST_BUILD = resolve('.output-testhosts');
const EXTENSION_DIR = join(TEST_BUILD, 'chrome-mv3');
const DEALER_ODOO = 'https://crm.dealer.test';
const ODOO_SITE = `${DEALER_ODOO}/*`;
const LEADS_SITE = `${DEALER_LEADS}/*`;
const LEADS_ADAPTER = 'dealer-leads';

// The shipped Odoo fixture, served on the dealer's own domain.
const dealerOdoo: FixtureSet = { ...odoo.fixtureSet, name: 'odoo-on-dealer-domain', origins: [DEALER_ODOO] };

let profileDir: string;
let session: ExtensionSession;
let options: Page;

async function launch() {
  session = await launchExtension({ extensionDir: EXTENSION_DIR, profileDir, keepProfile: true });
  await serveFixtures(session.context, [dealerOdoo, dealerLeads]);
  options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.getByTestId('section-sites').waitFor();
}

beforeAll(async () => {
  execFileSync('npx', ['wxt', 'build'], {
    env: { ...process.env, KPI_OUT_DIR: TEST_BUILD, KPI_TEST_HOSTS: `${ODOO_SITE},${LEADS_SITE}` },
    stdio: 'pipe',
  });
  profileDir = await mkdtemp(join(tmpdir(), 'kpi-e2e-sites-'));
  await launch();
}, 180_000);

afterAll(async () => {
  await session?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

function registeredScripts(): Promise<{ id: string; matches?: string[]; js?: string[]; world?: string }[]> {
  return extensionPage(session).then((page) => page.evaluate(() => chrome.scripting.getRegisteredContentScripts()));
}

async function addSite(domain: string, adapter: string) {
  await options.getByTestId('site-domain').fill(domain);
  await options.getByTestId('site-adapter').selectOption(adapter);
  await options.getByTestId('site-add').click();
}

function siteStatus(pattern: string) {
  return options.locator(`[data-testid="site-row"][data-pattern="${pattern}"] [data-testid="site-status"]`).getAttribute('data-status');
}

async function createOdooContact(): Promise<void> {
  const page = await session.context.newPage();
  // The contact created on a real Odoo 18, replayed on the dealer's own domain.
  await page.goto(`${DEALER_ODOO}/odoo/contacts`);
  await page.evaluate(() => (window as unknown as { OdooReplay: { play(flow: string): Promise<void> } }).OdooReplay.play('contact-email'));
  await page.locator('[data-testid="fixture-status"][data-state="done:contact-email"]').waitFor({ state: 'attached' });
  await page.close();
}

/** Creates a contact in the dealer's in-house CRM; leaves the page on the new record. */
async function createLeadsContact(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${DEALER_LEADS}/contacts/new`);
  await fillAll(page, { 'leads-name': 'Grace Hopper', 'leads-email': 'grace@example.com' });
  await page.getByTestId('leads-save').click();
  await page.locator('[data-testid="leads-status"][data-state="created"]').waitFor({ state: 'attached' });
  return page;
}

const contactsOn = async (adapter: string) => (await listEvents(session, { kpi: 'contacts' })).filter((e) => e.adapter === adapter);

describe('custom domains', () => {
  it('the test build holds the test domains and nothing wider', async () => {
    const page = await extensionPage(session);
    const granted = await page.evaluate(
      ([a, b, c]) => Promise.all([chrome.permissions.contains({ origins: [a!] }), chrome.permissions.contains({ origins: [b!] }), chrome.permissions.contains({ origins: [c!] })]),
      [ODOO_SITE, LEADS_SITE, 'https://other.dealer.test/*'],
    );
    expect(granted).toEqual([true, true, false]);
    const held = await page.evaluate(() => chrome.permissions.getAll());
    expect(held.origins?.sort()).toEqual([LEADS_SITE, ODOO_SITE].sort());
  });

  it('shows a shipped CRM that is on without access as "no access" with a way to allow it, and registers nothing for it', async () => {
    const row = options.locator('[data-testid="crm-row"][data-id="hubspot"]');
    await expect.poll(() => row.getByTestId('crm-status').getAttribute('data-status')).toBe('no-access');
    expect(await row.getByTestId('crm-grant').count()).toBe(1);
    expect((await registeredScripts()).some((s) => s.matches?.some((m) => m.includes('hubspot')))).toBe(false);
  });

  it('adds a self-hosted Odoo domain: access asked from the click, scripts registered at run time, its contacts counted', async () => {
    // Before the domain is added nothing runs there, even with the permission held.
    await createOdooContact();
    await new Promise((done) => setTimeout(done, 1_500));
    expect(await contactsOn('odoo')).toEqual([]);

    await addSite('https://crm.dealer.test/odoo/contacts', 'odoo');
    await expect.poll(() => siteStatus(ODOO_SITE), { timeout: 10_000 }).toBe('active');
    const ids = siteScriptIds(ODOO_SITE);
    const scripts = (await registeredScripts()).filter((s) => s.id.startsWith('kpi-site-'));
    expect(scripts.map((s) => s.id).sort()).toEqual([ids.crm, ids.hook].sort());
    for (const script of scripts) {
      expect(script.matches).toEqual([ODOO_SITE]);
      // The same files the manifest injects into shipped CRM hosts.
      for (const file of script.js ?? []) expect(existsSync(join(EXTENSION_DIR, file))).toBe(true);
    }
    expect(scripts.find((s) => s.id === ids.hook)?.world).toBe('MAIN');

    await createOdooContact();
    await waitFor(async () => (await contactsOn('odoo')).length === 1, 15_000, 'the contact on the custom Odoo domain to count');
    const [counted] = await contactsOn('odoo');
    expect(new URL(counted!.url!).host).toBe('crm.dealer.test');
  });

  it('refuses a shipped CRM host and all-sites input with a reason', async () => {
    await addSite('acme.odoo.com', 'odoo');
    await expect.poll(() => options.getByTestId('site-error').textContent()).toMatch(/already watched/);
    await addSite('*.test', 'odoo');
    await expect.poll(() => options.getByTestId('site-error').textContent()).toMatch(/All sites/);
    expect(await options.getByTestId('site-row').count()).toBe(1);
  });

  it('shows "no access" for a domain whose permission the browser does not hold', async () => {
    const rules = await options.evaluate(async () => {
      const request = indexedDB.open('kpi-pacer');
      const database = await new Promise<IDBDatabase>((done) => (request.onsuccess = () => done(request.result)));
      const get = database.transaction('kv').objectStore('kv').get('rules');
      return new Promise<any>((done) => (get.onsuccess = () => done(get.result?.v)));
    });
    // As after an import of rules from another browser, or a permission removed in the browser's settings.
    const answer = await sendToBackground(session, { type: 'save-rules', rules: { ...rules, sites: [...rules.sites, { pattern: 'https://other.dealer.test/*', adapter: 'odoo' }] } });
    expect(answer.ok).toBe(true);
    await expect.poll(() => siteStatus('https://other.dealer.test/*')).toBe('no-access');
    expect(await options.locator('[data-pattern="https://other.dealer.test/*"] [data-testid="site-grant"]').count()).toBe(1);
    expect((await registeredScripts()).some((s) => s.matches?.includes('https://other.dealer.test/*'))).toBe(false);
    await options.locator('[data-pattern="https://other.dealer.test/*"] [data-testid="site-remove"]').click();
    await expect.poll(() => options.getByTestId('site-row').count()).toBe(1);
  });
});

describe('user-written adapter', () => {
  it('names the field of each error, then saves a valid adapter through the background', async () => {
    await options.getByTestId('adapter-example').click();
    const example = JSON.parse(await options.getByTestId('adapter-json').inputValue());
    expect(example).toEqual(EXAMPLE_ADAPTER);
    const broken = { ...example, network: [{ ...example.network[0], url: '(a+)+$' }], hosts: 'leads.dealer.test' };
    await options.getByTestId('adapter-json').fill(JSON.stringify(broken, null, 2));
    await options.getByTestId('adapter-save').click();
    const errors = options.getByTestId('adapter-errors');
    await expect.poll(() => errors.textContent()).toMatch(/network\.0\.url: this pattern could freeze the CRM page/);
    expect(await errors.textContent()).toMatch(/hosts: /);
    expect(await options.getByTestId('own-adapter-row').count()).toBe(0);

    const mine = JSON.stringify(example, null, 2).replaceAll('my-crm', LEADS_ADAPTER).replaceAll('My CRM', 'Dealer Leads').replaceAll('https://crm.example.com', DEALER_LEADS);
    await options.getByTestId('adapter-json').fill(mine);
    await options.getByTestId('adapter-save').click();
    await options.locator(`[data-testid="own-adapter-row"][data-id="${LEADS_ADAPTER}"]`).waitFor();
    expect(await options.getByTestId('adapter-errors').count()).toBe(0);
  });

  it('keeps the editor in the keyboard order', async () => {
    await options.getByTestId('adapter-json').focus();
    await options.keyboard.press('Tab');
    expect(await options.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('adapter-example');
  });

  it('counts the creates of a CRM no shipped adapter knows once its domain uses that adapter', async () => {
    await addSite('leads.dealer.test', LEADS_ADAPTER);
    await expect.poll(() => siteStatus(LEADS_SITE), { timeout: 10_000 }).toBe('active');
    const page = await createLeadsContact();
    await waitFor(async () => (await contactsOn(LEADS_ADAPTER)).length === 1, 15_000, 'the in-house CRM contact to count');
    const [counted] = await contactsOn(LEADS_ADAPTER);
    expect(counted).toMatchObject({ kind: 'contact', recordId: '500', rule: `${LEADS_ADAPTER}-contact-create` });
    await page.close();
  });
});

describe('test on an open tab', () => {
  it('shows the adapter, the routes matching the tab now and what was detected there', async () => {
    const page = await session.context.newPage();
    await page.goto(`${DEALER_LEADS}/contacts/500`);
    await options.getByTestId('tab-test-refresh').click();
    const tabSelect = options.getByTestId('tab-test-tab');
    const value = await tabSelect.locator('option', { hasText: 'leads.dealer.test' }).first().getAttribute('value');
    await tabSelect.selectOption(value!);
    const result = options.getByTestId('tab-test-result');
    await expect.poll(() => result.getByTestId('tab-test-adapter').textContent()).toBe('Dealer Leads');
    expect(await result.locator(`[data-testid="tab-test-route"][data-route="${LEADS_ADAPTER}-contact-page"]`).textContent()).toMatch(/500/);
    await expect.poll(() => result.getByTestId('tab-test-event').count()).toBe(1);
    expect(await result.locator(`[data-testid="tab-test-health"][data-rule="${LEADS_ADAPTER}-contact-create"]`).count()).toBe(1);
    await page.close();
  });
});

describe('surviving a browser restart', () => {
  it('keeps the run-time registrations and counts on the custom domain after the browser restarts', async () => {
    await session.close();
    await launch();
    const ids = [siteScriptIds(ODOO_SITE), siteScriptIds(LEADS_SITE)].flatMap((s) => [s.crm, s.hook]).sort();
    await waitFor(async () => (await registeredScripts()).filter((s) => s.id.startsWith('kpi-site-')).length === 4, 10_000, 'the registrations after restart');
    expect((await registeredScripts()).map((s) => s.id).filter((id) => id.startsWith('kpi-site-')).sort()).toEqual(ids);
    // The page stays open while its save is forwarded, as a rep's tab does (a worker that just
    // started answers the page's first messages a little later).
    const page = await createLeadsContact();
    await waitFor(async () => (await contactsOn(LEADS_ADAPTER)).length === 2, 15_000, 'a second in-house contact after restart');
    await page.close();
  });

  it('unregisters a removed domain', async () => {
    await options.locator(`[data-pattern="${ODOO_SITE}"] [data-testid="site-remove"]`).click();
    await expect.poll(() => options.getByTestId('site-row').count()).toBe(1);
    const ids = (await registeredScripts()).map((s) => s.id);
    expect(ids).not.toContain(siteScriptIds(ODOO_SITE).crm);
    expect(ids).toContain(siteScriptIds(LEADS_SITE).crm);
  });
});
