import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterInput } from '@/lib/crm/adapter-schema';
import { adapterById } from '@/lib/crm/adapters';
import { odoo } from '@/tests/fixtures/odoo/flows';
import { launchExtension, listEvents, registeredPatterns, sendToBackground, serveFixtures, waitFor, type ExtensionSession } from './harness';

/**
 * Rules that could hurt the rep, in the built extension: an imported file with a regex that
 * would freeze the CRM page is refused in Options, naming the field, and changes nothing; a stored
 * adapter that no longer validates switches itself off while everything else keeps working.
 */
let session: ExtensionSession;
let options: Page;

const quoteFlow = odoo.flows.find((f) => f.name.startsWith('quote-save '))!;

const ownAdapter = (id: string, host: string, url: string): AdapterInput => ({
  id,
  name: `CRM ${id}`,
  hosts: [`https://${host}/*`],
  kinds: { contact: { kpis: ['contacts'] } },
  network: [{ id: `${id}-create`, methods: ['POST'], url, format: 'json', kind: 'contact', read: { recordId: [{ from: 'response', path: 'id' }] } }],
});

/** The stored rules as the background keeps them (the kv table of the extension's database). */
function storedRules(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const request = indexedDB.open('kpi-pacer');
    const database = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
    const get = database.transaction('kv').objectStore('kv').get('rules');
    const value = await new Promise<unknown>((resolve) => (get.onsuccess = () => resolve((get.result as { v?: unknown } | undefined)?.v)));
    database.close();
    return value;
  });
}

function writeStoredRules(page: Page, rules: unknown): Promise<void> {
  return page.evaluate(async (value) => {
    const request = indexedDB.open('kpi-pacer');
    const database = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
    const tx = database.transaction('kv', 'readwrite');
    tx.objectStore('kv').put({ k: 'rules', v: value });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    database.close();
  }, rules);
}

beforeAll(async () => {
  session = await launchExtension();
  await serveFixtures(session.context, odoo.fixtureSet);
  options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.getByTestId('section-data').waitFor();
});

afterAll(async () => {
  await session?.close();
});

describe('an imported settings file with a catastrophic regex', () => {
  it('is refused in Options with the field named, and nothing changes', async () => {
    const saved = await sendToBackground(session, { type: 'save-rules', rules: { sites: [{ pattern: 'https://crm.dealer.test/*', adapter: 'odoo' }] } });
    expect(saved.ok).toBe(true);
    await options.reload();
    await options.getByTestId('site-row').waitFor();
    const before = await storedRules(options);
    const repName = await options.getByTestId('rep-name').inputValue();

    // `.*x.*x.*=` passes the structural guard; recheck finds its matching time grows as n⁴.
    const file = {
      format: 'kpi-pacer-settings',
      version: 1,
      settings: { repName: 'Mallory' },
      rules: { adapters: [ownAdapter('my-crm', 'crm.dealer.example', '/api/.*x.*x.*=')] },
    };
    await options.getByTestId('import-settings').setInputFiles({ name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const result = options.getByTestId('import-result');
    await result.waitFor({ timeout: 180_000 });
    const text = await result.textContent();
    expect(text).toMatch(/refused and nothing was changed/);
    expect(text).toMatch(/“CRM my-crm”, field rules\.adapters\.0\.network\.0\.url: this pattern could freeze the CRM page/);

    expect(await options.getByTestId('rep-name').inputValue()).toBe(repName);
    expect(await storedRules(options)).toEqual(before);
    expect(await options.getByTestId('own-adapter-row').count()).toBe(0);

    // `a*a*a*a*b` is already refused by the structural guard that the background repeats.
    file.rules.adapters = [ownAdapter('my-crm', 'crm.dealer.example', '/api/a*a*a*a*b')];
    await options.getByTestId('import-settings').setInputFiles({ name: 'settings2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect.poll(() => result.textContent()).toMatch(/Field rules\.adapters\.0\.network\.0\.url: this pattern could freeze the CRM page/);
    expect(await options.getByTestId('rep-name').inputValue()).toBe(repName);
    expect(await storedRules(options)).toEqual(before);
  }, 240_000);
});

describe('one stored adapter that no longer validates', () => {
  it('switches itself off, visibly; other adapters, domains, mappings and CRMs turned off keep working', async () => {
    const good = ownAdapter('good-crm', 'crm.good.example', '/api/contacts$');
    const broken = ownAdapter('old-crm', 'crm.old.example', '/api/a*a*a*a*b');
    const valid = {
      adapters: [good],
      sites: [
        { pattern: 'https://crm.good.example/*', adapter: 'good-crm' },
        { pattern: 'https://crm.dealer.test/*', adapter: 'odoo' },
      ],
      mappings: [{ adapter: 'odoo', object: 'quote', kpis: ['devices'] }],
      disabledAdapters: ['hubspot'],
    };
    // What an older version left behind: the same rules plus an adapter today's checks refuse.
    await writeStoredRules(options, { ...valid, adapters: [good, broken], sites: [...valid.sites, { pattern: 'https://crm.old.example/*', adapter: 'old-crm' }] });
    // Saving the valid part (as Options does for any change) keeps the switched-off one for the rep to fix.
    expect((await sendToBackground(session, { type: 'save-rules', rules: valid })).ok).toBe(true);

    await options.reload();
    const off = options.locator('[data-testid="switched-off-adapter"][data-id="old-crm"]');
    await off.waitFor();
    expect(await off.textContent()).toMatch(/Field network\.0\.url: this pattern could freeze the CRM page/);
    expect(await off.textContent()).toMatch(/crm\.old\.example/);
    expect(await options.locator('[data-testid="own-adapter-row"][data-id="good-crm"]').count()).toBe(1);
    const siteStatus = (pattern: string) => options.locator(`[data-testid="site-row"][data-pattern="${pattern}"] [data-testid="site-status"]`);
    expect(await siteStatus('https://crm.old.example/*').getAttribute('data-status')).toBe('switched-off');
    expect(await options.locator('[data-testid="site-row"]').count()).toBe(3);
    await expect.poll(() => siteStatus('https://crm.good.example/*').getAttribute('data-status')).not.toBeNull();

    // The CRM turned off stays off; the mapping still turns an Odoo quote into a device.
    await expect.poll(() => registeredPatterns(session)).toEqual([...new Set(['dynamics', 'odoo', 'pipedrive', 'salesforce', 'zoho'].flatMap((id) => adapterById(id)!.hosts))].sort());
    const page = await session.context.newPage();
    await quoteFlow.run(page);
    await page.close();
    await waitFor(async () => (await listEvents(session, { kpi: 'devices' })).length === 1, 15_000, 'the quote to count as a device');
    expect(await listEvents(session, { kpi: 'equotes' })).toEqual([]);
  }, 120_000);
});
