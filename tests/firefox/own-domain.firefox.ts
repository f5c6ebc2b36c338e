import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteScriptIds } from '@/lib/sites/scripts';
import { odoo } from '@/tests/fixtures/odoo/flows';
import { createFixtureDispatcher, type FixtureSet } from '@/tests/e2e/lib/fixture-server';
import { badge, heldOrigins, launchFirefox, listEvents, openExtensionPage, registeredScripts, snapshot, tooltipTarget, waitFor, type FirefoxSession } from './harness';

/** The shipped Odoo fixture on the dealer's own domain: the rep adds it in Options. */
const DEALER_ODOO = 'https://crm.dealer.test';
const ODOO_SITE = `${DEALER_ODOO}/*`;
const dealerOdoo: FixtureSet = { ...odoo.fixtureSet, name: 'odoo-on-dealer-domain', origins: [DEALER_ODOO] };

// One fake CRM for both browser sessions: it goes on handing out new record ids after the restart.
const fixtures = createFixtureDispatcher(dealerOdoo);
let profileDir: string;
let session: FirefoxSession;
let options: Page;

async function launch(): Promise<void> {
  session = await launchFirefox({ profileDir, keepProfile: true });
  session.serveFixtures(fixtures);
  options = await openExtensionPage(session, 'options.html');
  await options.waitForSelector('[data-testid="section-sites"]', { timeout: 10_000 });
}

beforeAll(async () => {
  profileDir = await mkdtemp(join(tmpdir(), 'kpi-ff-sites-'));
  await launch();
});

afterAll(async () => {
  await session?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

const odooContacts = async () => (await listEvents(session, { kpi: 'contacts' })).filter((e) => e.adapter === 'odoo');

function siteStatus(pattern: string): Promise<string | null> {
  return options.$eval(`[data-testid="site-row"][data-pattern="${pattern}"] [data-testid="site-status"]`, (el) => el.getAttribute('data-status')).catch(() => null);
}

/** Plays a flow recorded on a real Odoo 18 (a contact, a quotation) on the dealer's own domain. */
async function playOdoo(flow: 'contact-email' | 'quote-save', path: string): Promise<void> {
  const page = await session.browser.newPage();
  await page.goto(`${DEALER_ODOO}${path}`);
  await page.evaluate((name) => (window as unknown as { OdooReplay: { play(flow: string): Promise<void> } }).OdooReplay.play(name), flow);
  await page.waitForSelector(`[data-testid="fixture-status"][data-state="done:${flow}"]`, { timeout: 10_000 });
  await page.close();
}
const createOdooContact = () => playOdoo('contact-email', '/odoo/contacts');

describe('an own domain in Firefox', () => {
  it('cannot be granted by a script outside a click: Firefox refuses the request', async () => {
    const refused = await options.evaluate(() =>
      browser.permissions.request({ origins: ['https://crm.dealer.test/*'] }).then(
        (granted) => `resolved ${granted}`,
        (error: Error) => error.message,
      ),
    );
    expect(refused).toMatch(/user input handler/);
    expect(await heldOrigins(session)).toEqual([]);
  });

  it('asks for that one origin from the Add click and registers both scripts for it', async () => {
    expect(await heldOrigins(session)).toEqual([]);
    await options.locator('[data-testid="site-domain"]').fill('https://crm.dealer.test/odoo/contacts');
    await options.select('[data-testid="site-adapter"]', 'odoo');
    await options.locator('[data-testid="site-add"]').click();
    await waitFor(async () => (await siteStatus(ODOO_SITE)) === 'active', 10_000, 'the site to be active');
    expect(await heldOrigins(session)).toEqual([ODOO_SITE]);
    const ids = siteScriptIds(ODOO_SITE);
    const scripts = (await registeredScripts(session)).filter((s) => s.id.startsWith('kpi-site-'));
    expect(scripts.map((s) => s.id).sort()).toEqual([ids.crm, ids.hook].sort());
    expect(scripts.find((s) => s.id === ids.hook)).toMatchObject({ matches: [ODOO_SITE], world: 'MAIN', persistAcrossSessions: true });
  });

  it('counts a contact created there', async () => {
    await createOdooContact();
    await waitFor(async () => (await odooContacts()).length === 1, 15_000, 'the contact on the own domain to count');
    const [counted] = await odooContacts();
    expect(new URL(counted!.url!).host).toBe('crm.dealer.test');
  });

  it('keeps its registration and keeps counting after Firefox restarts', async () => {
    await session.close();
    await launch();
    const ids = siteScriptIds(ODOO_SITE);
    await waitFor(async () => {
      const registered = (await registeredScripts(session)).map((s) => s.id);
      return registered.includes(ids.crm) && registered.includes(ids.hook);
    }, 10_000, 'the registrations after the restart');
    expect(await heldOrigins(session)).toEqual([ODOO_SITE]);
    expect(await siteStatus(ODOO_SITE)).toBe('active');
    expect(await odooContacts()).toHaveLength(1);
    // The event page started with the browser and drew the badge again from the stored counts.
    const target = tooltipTarget(await snapshot(session), 'contacts');
    await waitFor(async () => (await badge(session)).title.split('\n').some((line) => line.startsWith(`Contacts: 1/${target}`)), 10_000, 'the badge after the restart');

    // The replay gives every recorded create the id it had, so the next count is a new record: a quotation.
    await playOdoo('quote-save', '/odoo/sales');
    await waitFor(async () => (await listEvents(session, { kpi: 'equotes' })).some((e) => e.adapter === 'odoo'), 15_000, 'a quotation after the restart');
  });
});
