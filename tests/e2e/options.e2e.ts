import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { odoo } from '@/tests/fixtures/odoo/flows';
import { adapterById } from '@/lib/crm/adapters';
import { launchExtension, listEvents, registeredPatterns, sendToBackground, serveFixtures, snapshot, waitFor, type ExtensionSession } from './harness';

// One browser for the file: onboarding first (it opens on install), then the options page.
let session: ExtensionSession;
let options: Page;

const hostsOf = (id: string) => adapterById(id)!.hosts;
const contactFlow = odoo.flows.find((f) => f.name.startsWith('contact-email '))!;
const quoteFlow = odoo.flows.find((f) => f.name.startsWith('quote-save '))!;

beforeAll(async () => {
  session = await launchExtension();
  await serveFixtures(session.context, odoo.fixtureSet);
});

afterAll(async () => {
  await session?.close();
});

/** The KPI's target for a whole period (the current one may be pro-rated from install day). */
function target(kpi: string) {
  return snapshot(session).then((s) => {
    const progress = s.kpis.find((k) => k.kpi === kpi);
    return progress?.fullTarget ?? progress?.target;
  });
}

async function runFlow(flow: typeof contactFlow) {
  const page = await session.context.newPage();
  await flow.run(page);
  await page.close();
}

describe('onboarding', () => {
  it('opens on install, saves the profile with the EUR revenue proposal and the chosen CRMs', async () => {
    const onboardingUrl = `chrome-extension://${session.extensionId}/onboarding.html`;
    await waitFor(() => session.context.pages().some((p) => p.url() === onboardingUrl), 15_000, 'the onboarding tab');
    const page = session.context.pages().find((p) => p.url() === onboardingUrl)!;
    await page.getByTestId('rep-name').fill('Dana');
    await page.getByTestId('team-size').fill('6');
    await page.getByTestId('currency').fill('EUR');
    await expect.poll(() => page.getByTestId('revenue-preview').textContent()).toMatch(/93,500 EUR/);
    // Sunday-first week with Saturday off.
    await page.getByTestId('week-start').selectOption('0');
    // The six KPIs with their recommended targets, the revenue one in the chosen currency; one changed here.
    await expect.poll(() => page.getByTestId('onboarding-target-revenue').inputValue()).toBe('93500');
    expect(await page.getByTestId('onboarding-target-contacts').inputValue()).toBe('5');
    await page.getByTestId('onboarding-target-equotes').fill('3');
    expect(await page.getByTestId('onboarding-pin').textContent()).toMatch(/pin/i);
    await page.getByTestId('onboarding-crm-odoo').check();
    await page.getByTestId('onboarding-crm-hubspot').check();
    await page.getByTestId('onboarding-finish').click();
    await page.getByTestId('onboarding-done').waitFor();

    expect(await target('revenue')).toBe(93_500);
    expect(await target('equotes')).toBe(3);
    const rules = await page.evaluate(async () => {
      const request = indexedDB.open('kpi-pacer');
      const database = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
      const get = database.transaction('kv').objectStore('kv').get('rules');
      return new Promise<any>((resolve) => (get.onsuccess = () => resolve(get.result?.v)));
    });
    expect(rules.disabledAdapters.sort()).toEqual(['dynamics', 'pipedrive', 'salesforce', 'zoho']);
    // Content scripts run on the ticked CRMs' hosts only.
    await expect.poll(() => registeredPatterns(session)).toEqual([...hostsOf('hubspot'), ...hostsOf('odoo')].sort());
    expect(await page.getByTestId('onboarding-denied').count()).toBe(0);
    await page.close();
  });
});

describe('options page', () => {
  beforeAll(async () => {
    options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.getByTestId('section-targets').waitFor();
  });

  it('shows the onboarding answers and validates targets before saving', async () => {
    // The form fills in once the stored settings have loaded.
    await expect.poll(() => options.getByTestId('rep-name').inputValue()).toBe('Dana');
    await expect.poll(() => options.getByTestId('target-revenue').inputValue()).toBe('93500');
    await options.getByTestId('target-contacts').fill('-3');
    await options.getByTestId('target-error-contacts').waitFor();
    expect(await options.getByTestId('save-targets').isDisabled()).toBe(true);
    await options.getByTestId('target-contacts').fill('8');
    await options.getByTestId('period-devices').selectOption('quarter');
    await options.getByTestId('save-targets').click();
    await expect.poll(() => target('contacts')).toBe(8);
    const devices = (await snapshot(session)).kpis.find((k) => k.kpi === 'devices');
    expect(devices?.period).toBe('quarter');
    await options.getByTestId('reset-all-targets').click();
    await expect.poll(() => target('contacts')).toBe(5);
    expect(await target('revenue')).toBe(93_500);
  });

  it('shows each CRM on or off with its access, and turning one on registers its hosts', async () => {
    const status = (id: string) => options.locator(`[data-testid="crm-row"][data-id="${id}"] [data-testid="crm-status"]`).getAttribute('data-status');
    await expect.poll(() => status('odoo')).toBe('active');
    expect(await status('zoho')).toBe('off');
    // This build holds every shipped host, so the browser grants it at once, without a prompt.
    // The box follows the stored rules, so it changes once the background has saved them.
    await options.getByTestId('adapter-on-zoho').click();
    await expect.poll(() => status('zoho')).toBe('active');
    await expect.poll(() => registeredPatterns(session)).toEqual([...hostsOf('hubspot'), ...hostsOf('odoo'), ...hostsOf('zoho')].sort());
    await options.getByTestId('adapter-on-zoho').click();
    await expect.poll(() => status('zoho')).toBe('off');
    await expect.poll(() => registeredPatterns(session)).toEqual([...hostsOf('hubspot'), ...hostsOf('odoo')].sort());
  });

  it('keeps the keyboard in reach: every control is focusable in order', async () => {
    await options.getByTestId('rep-name').focus();
    await options.keyboard.press('Tab');
    expect(await options.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('team-size');
  });

  it('imports visitors from CSV and gives the article advice for a month closed below target', async () => {
    await options.getByTestId('visitors-csv').setInputFiles({ name: 'visitors.csv', mimeType: 'text/csv', buffer: Buffer.from('month,visitors\n2024-01,310\n2024-02,120\n') });
    await options.getByTestId('visitors-row-2024-02').waitFor();
    expect(await options.getByTestId('visitors-row-2024-02').getByTestId('visitors-advice').count()).toBe(1);
    expect(await options.getByTestId('visitors-row-2024-01').getByTestId('visitors-advice').count()).toBe(0);
    await options.getByTestId('visitors-csv').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('month,visitors\n2024-13,5\n') });
    await expect.poll(() => options.getByTestId('visitors-import-result').textContent()).toMatch(/Line 2/);
  });

  it('lists a detected record in the evidence log; "not a new record" removes it for good', async () => {
    await runFlow(contactFlow);
    await waitFor(async () => (await listEvents(session, { kpi: 'contacts' })).length === 1, 10_000, 'the contact to count');
    const row = options.getByTestId('evidence-row').first();
    await row.waitFor();
    const [counted] = await listEvents(session, { kpi: 'contacts' });
    expect(await row.getByTestId('evidence-rule').textContent()).toBe(counted!.rule);
    expect(counted!.rule).toMatch(/^odoo-/);
    expect(await row.getByRole('link').getAttribute('href')).toMatch(/^https:\/\/acme\.odoo\.com\//);
    const key = (await row.getAttribute('data-key'))!;
    await row.getByTestId('evidence-not-new').click();
    await options.getByTestId('evidence-not-new-yes').click();
    await expect.poll(() => options.getByTestId('evidence-row').count()).toBe(0);
    // The same record reported again never counts.
    const [, kind, recordId] = key.split(':');
    await sendToBackground(session, { type: 'record-detected', record: { adapter: 'odoo', kind: kind!, recordId: recordId!, hasEmail: true, rule: 'odoo-web-save-create' } });
    expect(await listEvents(session, { kpi: 'contacts' })).toEqual([]);
  });

  it('undoes a counted record from the evidence log', async () => {
    await runFlow(quoteFlow);
    await waitFor(async () => (await listEvents(session, { kpi: 'equotes' })).length === 1, 10_000, 'the quote to count');
    await options.getByTestId('evidence-row').first().getByTestId('evidence-undo').click();
    await expect.poll(async () => (await listEvents(session, { kpi: 'equotes' })).length).toBe(0);
  });

  it('maps an object to other KPIs and the next detection moves accordingly', async () => {
    await options.getByTestId('mapping-adapter').selectOption('odoo');
    await options.getByTestId('mapping-object').fill('quote');
    await options.getByTestId('mapping-kpi-devices').check();
    await options.getByTestId('mapping-add').click();
    await options.getByTestId('mapping-row').waitFor();
    await runFlow(quoteFlow);
    await waitFor(async () => (await listEvents(session, { kpi: 'devices' })).length === 1, 10_000, 'the quote to count as a device');
    expect(await listEvents(session, { kpi: 'equotes' })).toEqual([]);
    await options.getByTestId('mapping-remove').click();
    await expect.poll(() => options.getByTestId('mapping-row').count()).toBe(0);
  });

  it('refuses an invalid settings file with the reason and changes nothing, then deletes all data after confirming', async () => {
    const before = await options.getByTestId('rep-name').inputValue();
    const bad = { format: 'kpi-pacer-settings', version: 1, settings: { teamSize: 'many' }, rules: {} };
    await options.getByTestId('import-settings').setInputFiles({ name: 's.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await expect.poll(() => options.getByTestId('import-result').textContent()).toMatch(/Team size \(reps\): Enter a number\./);
    expect(await options.getByTestId('rep-name').inputValue()).toBe(before);
    expect(await options.getByTestId('storage-used').textContent()).toMatch(/\d/);

    await options.getByTestId('delete-all').click();
    expect((await listEvents(session)).length).toBeGreaterThan(0);
    await options.getByTestId('delete-all-confirm').click();
    await options.getByTestId('deleted').waitFor();
    expect(await listEvents(session)).toEqual([]);
    await expect.poll(() => options.getByTestId('rep-name').inputValue()).toBe('');
  });
});
