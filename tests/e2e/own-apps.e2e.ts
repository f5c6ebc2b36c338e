import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountEvent } from '@/lib/db/events';
import { OWN_APPS as APPS } from '@/tests/fixtures/own-apps';
import { launchExtension, listEvents, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { openApp, type OwnApp } from './lib/own-apps';

/**
 * Dealers' own web apps, each with the adapter a power user writes by hand and saves in Options
 * with its domain, as a rep would: a REST JSON CRM, a JSON-RPC back office with hash-only routes,
 * and a GraphQL app with UUID ids. Each app is a noisy page (start-up reads, polling, beacons,
 * a second POST after every save). A headless browser cannot click a permission prompt, so the
 * suite builds a variant whose manifest already holds the three domains (KPI_TEST_HOSTS).
 *
 * Saves that must count nothing (a record without email, the edit that adds its email, a failed
 * save) happen in the same page before a save that must count: the page forwards what it saw in
 * order and the background answers each batch before the next, so once the later record is
 * counted the earlier saves have been judged.
 */
const TEST_BUILD = resolve('.output-own-apps');
const EXTENSION_DIR = join(TEST_BUILD, 'chrome-mv3');

const siteOf = (app: OwnApp) => `${app.origin}/*`;
type WrittenAdapter = { id: string; network: Array<{ id: string; kind: string }> };
const adapterOf = (app: OwnApp) => JSON.parse(app.adapterJson) as WrittenAdapter;
const adapterIdOf = (app: OwnApp) => adapterOf(app).id;
/** The adapter's network rule that creates records of a kind. */
const createRuleOf = (app: OwnApp, kind: string) => adapterOf(app).network.find((rule) => rule.kind === kind)?.id;

let profileDir: string;
let session: ExtensionSession;
let options: Page;

beforeAll(async () => {
  execFileSync('npx', ['wxt', 'build'], {
    env: { ...process.env, KPI_OUT_DIR: TEST_BUILD, KPI_TEST_HOSTS: APPS.map(({ app }) => siteOf(app)).join(',') },
    stdio: 'pipe',
  });
  profileDir = await mkdtemp(join(tmpdir(), 'kpi-e2e-own-apps-'));
  session = await launchExtension({ extensionDir: EXTENSION_DIR, profileDir });
  await serveFixtures(session.context, APPS.map(({ app }) => app.fixtureSet));
  options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.getByTestId('section-sites').waitFor();
}, 180_000);

afterAll(async () => {
  await session?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

async function eventsOf(app: OwnApp, kpi: CountEvent['kpi']): Promise<CountEvent[]> {
  return (await listEvents(session, { kpi })).filter((e) => e.adapter === adapterIdOf(app));
}

/** Waits until the record has been counted toward the KPI in this app, and returns the event. */
async function countedRecord(app: OwnApp, kpi: CountEvent['kpi'], recordId: string): Promise<CountEvent> {
  let found: CountEvent | undefined;
  await waitFor(
    async () => {
      found = (await eventsOf(app, kpi)).find((e) => e.recordId === recordId);
      return found !== undefined;
    },
    15_000,
    `${app.name}: ${kpi} ${recordId} to be counted`,
  );
  return found!;
}

const recordIds = async (app: OwnApp, kpi: CountEvent['kpi']) => (await eventsOf(app, kpi)).map((e) => e.recordId).sort();

for (const { app, flows } of APPS) {
  describe(`${app.name} (${new URL(app.origin).host})`, () => {
    it('saves the hand-written adapter in Options, then the domain with that adapter', async () => {
      await options.getByTestId('adapter-json').fill(app.adapterJson);
      await options.getByTestId('adapter-save').click();
      await options.locator(`[data-testid="own-adapter-row"][data-id="${adapterIdOf(app)}"]`).waitFor();
      expect(await options.getByTestId('adapter-errors').count()).toBe(0);

      await options.getByTestId('site-domain').fill(new URL(app.origin).host);
      await options.getByTestId('site-adapter').selectOption(adapterIdOf(app));
      await options.getByTestId('site-add').click();
      const status = options.locator(`[data-testid="site-row"][data-pattern="${siteOf(app)}"] [data-testid="site-status"]`);
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('active');
    });

    it('counts a new contact with email; not one without, not the edit that adds its email, not failed saves', async () => {
      const page = await session.context.newPage();
      await openApp(page, app.urls.newContact);
      const withoutEmail = await flows.createContact(page, { firstName: 'Carl', lastName: 'Nomail', phone: '+49 30 7654321' }, { inPlace: true });
      await flows.editContact(page, withoutEmail, { email: 'carl.added.later@example.com', phone: '+49 30 111222' }, { inPlace: true });
      const withEmail = await flows.createContact(page, { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', company: 'Engines' }, { inPlace: true });
      const counted = await countedRecord(app, 'contacts', withEmail);
      expect(await recordIds(app, 'contacts')).toEqual([withEmail]);
      expect(counted).toMatchObject({ kind: 'contact', rule: createRuleOf(app, 'contact'), url: app.urls.record('contact', withEmail) });

      // A typo the server refuses, then the same form corrected: one contact, the corrected one.
      await flows.failedSave(page, 'invalid-email', { inPlace: true });
      const corrected = await flows.saveCorrected(page, { firstName: 'Nora', lastName: 'Typo', email: 'nora@example.com' });
      await countedRecord(app, 'contacts', corrected);
      // The last name left empty (GraphQL: top-level `errors`), then filled in.
      await flows.failedSave(page, 'missing-name', { inPlace: true });
      const named = await flows.saveCorrected(page, { firstName: 'Nora', lastName: 'Named', email: 'nora.named@example.com' });
      await countedRecord(app, 'contacts', named);
      expect(await recordIds(app, 'contacts')).toEqual([withEmail, corrected, named].sort());
      await page.close();
    });

    it('counts a quote of 1250.50 EUR as an e-quote, and an order of 1250.50 EUR as revenue', async () => {
      const page = await session.context.newPage();
      const [contact] = await recordIds(app, 'contacts');
      await openApp(page, app.urls.newQuote);
      const quote = await flows.createDocument(page, 'quote', { contactId: contact!, amount: '1250.50', currency: 'EUR' }, { inPlace: true });
      const order = await flows.createDocument(page, 'order', { contactId: contact!, amount: '1250.50', currency: 'EUR' }, { inPlace: true });
      const revenue = await countedRecord(app, 'revenue', order);
      expect(revenue).toMatchObject({ kind: 'order', rule: createRuleOf(app, 'order'), amount: 1250.5, currency: 'EUR', url: app.urls.record('order', order) });
      // The quote was forwarded before the order: judged by now.
      expect(await recordIds(app, 'equotes')).toEqual([quote]);
      expect(await recordIds(app, 'revenue')).toEqual([order]);
      // The order's customer is new to online orders: counted once, by the account.
      expect((await eventsOf(app, 'ecustomers')).map((e) => e.key)).toEqual([`${adapterIdOf(app)}:customer:${contact}`]);
      await page.close();
    });
  });
}
