import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPrinterModule } from '@/tests/fixtures/odoo/printer-module';
import { launchExtension, listEvents, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { sidebarFrame } from './lib/sidebar-frame';
import { waitForStatus } from './lib/flows';

// On a real Odoo's recorded flows plus a dealer's own module no rule knows: what was not counted
// shows up as a content-free note (Options, sidebar hint), and an amount whose currency Odoo never
// names is marked as assumed until the rep answers the sidebar's question.
const ODOO = 'https://acme.odoo.com';
let session: ExtensionSession;
let options: Page;

type Replay = { play(flow: string): Promise<void>; enroll(serial: string): Promise<number>; update(id: number, serial: string): Promise<number> };
const odooOn = (page: Page) => page.evaluateHandle(() => (window as unknown as { OdooReplay: Replay }).OdooReplay);

async function play(page: Page, flow: string) {
  await (await odooOn(page)).evaluate((r, name) => r.play(name), flow);
  await waitForStatus(page, `done:${flow}`);
}

const missedRow = (path: string) => options.locator(`[data-testid="missed-save-row"][data-path="${path}"]`);

beforeAll(async () => {
  session = await launchExtension();
  await serveFixtures(session.context, withPrinterModule);
  options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.getByTestId('missed-saves').waitFor();
});

afterAll(async () => {
  await session?.close();
});

describe('saves KPI Pacer did not count', () => {
  let page: Page;

  it('leaves no note for a save a rule knows', async () => {
    page = await session.context.newPage();
    await page.goto(`${ODOO}/odoo/contacts`);
    await play(page, 'contact-email');
    await waitFor(async () => (await listEvents(session, { kpi: 'contacts' })).length === 1, 10_000, 'the contact to count');
    expect(await options.getByTestId('missed-save-row').count()).toBe(0);
  });

  it('notes a request answered with a new id that no rule names: site and path only, no count', async () => {
    await page.goto(`${ODOO}/printers/new`);
    // The content script is up once the sidebar is there.
    await sidebarFrame(page, session.extensionId);
    const before = await listEvents(session);
    await (await odooOn(page)).evaluate((r) => r.enroll('SN-1'));
    await waitForStatus(page, 'printer:enroll:42');
    // An update sends the id it answers: not a create.
    await (await odooOn(page)).evaluate((r) => r.update(42, 'SN-1b'));
    await waitForStatus(page, 'printer:update:42');
    const row = missedRow('/printer_fleet/enroll');
    await row.waitFor();
    expect(await row.textContent()).toContain(ODOO);
    expect(await row.textContent()).not.toContain('SN-1');
    expect(await missedRow('/printer_fleet/update').count()).toBe(0);
    expect(await listEvents(session)).toEqual(before);
  });

  it('notes a create form followed by a record page that no signal reported', async () => {
    await page.evaluate(() => (window as unknown as { FixtureKit: { navigate(url: string): void } }).FixtureKit.navigate('/printers/43'));
    await missedRow('/printers/{id}').waitFor();
    expect(await missedRow('/printers/{id}').textContent()).toMatch(/record page/);
    // Only these two: the recorded Odoo flows (rule-named calls, a create form → record page a
    // request reported) left none.
    const paths = await options.getByTestId('missed-save-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')));
    expect(paths.sort()).toEqual(['/printer_fleet/enroll', '/printers/{id}']);
  });

  it('shows the sidebar’s quiet hint on that site, leading to the evidence log', async () => {
    const frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').click();
    const hint = frame.getByTestId('sidebar-missed-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toBe("Saved something KPI Pacer didn't count?");
    expect(await hint.getByRole('link').getAttribute('href')).toBe(`chrome-extension://${session.extensionId}/options.html#evidence-title`);
    // Collapsed again, as the next page on this site should open.
    await frame.getByTestId('sidebar-collapse').click();
    await frame.getByTestId('sidebar-tab').waitFor();
    await page.close();
  });
});

describe('an amount Odoo gives without its currency', () => {
  it('counts the order without tax, in the site’s currency marked as assumed, then as the rep says', async () => {
    const page = await session.context.newPage();
    await page.goto(`${ODOO}/odoo/sales`);
    for (const flow of ['quote-save', 'quote-edit', 'quote-confirm']) await play(page, flow);
    await waitFor(async () => (await listEvents(session, { kpi: 'revenue' })).length === 1, 10_000, 'the order to count');
    const [order] = await listEvents(session, { kpi: 'revenue' });
    expect(order).toMatchObject({ amount: 2500, currency: 'USD', tax: 'excluded', currencyAssumed: true, site: ODOO });

    const row = options.locator(`[data-testid="evidence-row"][data-key="${order!.key}"]`);
    await row.waitFor();
    expect(await row.getByTestId('evidence-tax').textContent()).toContain('without tax');
    expect(await row.getByTestId('evidence-currency-assumed').textContent()).toContain('currency assumed');

    // Asked once for this site, in the sidebar.
    const frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').click();
    const question = frame.getByTestId('sidebar-site-currency');
    await question.waitFor();
    await question.getByTestId('sidebar-site-currency-select').selectOption('EUR');
    await question.getByTestId('sidebar-site-currency-confirm').click();
    await waitFor(async () => (await listEvents(session, { kpi: 'revenue' }))[0]?.currency === 'EUR', 10_000, 'the amount to follow the site currency');
    await question.waitFor({ state: 'detached' });
    const siteRow = options.locator(`[data-testid="site-currency-row"][data-site="${ODOO}"]`);
    await expect.poll(() => siteRow.getByTestId('site-currency-status').textContent()).toBe('Confirmed');
    expect(await siteRow.getByTestId('site-currency-select').inputValue()).toBe('EUR');
    await page.close();
  });

  it('counts the next order with tax once the rep includes tax in Options, and says so', async () => {
    await options.getByTestId('revenue-with-tax').check();
    await options.getByTestId('save-profile').click();
    await expect.poll(() => options.getByTestId('save-profile-status').textContent()).toBe('Saved.');
    const page = await session.context.newPage();
    await page.goto(`${ODOO}/odoo/sales`);
    await play(page, 'second-order');
    await waitFor(async () => (await listEvents(session, { kpi: 'revenue' })).length === 2, 10_000, 'the second order to count');
    const second = (await listEvents(session, { kpi: 'revenue' })).find((e) => e.recordId === '4');
    // The site's currency is the rep's answer now, still marked as assumed: Odoo never named it.
    expect(second).toMatchObject({ amount: 1437.5, tax: 'included', currency: 'EUR', currencyAssumed: true });
    const row = options.locator(`[data-testid="evidence-row"][data-key="${second!.key}"]`);
    expect(await row.getByTestId('evidence-tax').textContent()).toContain('with tax');
    await page.close();
  });
});
