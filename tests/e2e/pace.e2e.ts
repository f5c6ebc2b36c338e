import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strictCspFixture } from '@/tests/fixtures/strict-csp/fixture';
import { badge, badgeColor, launchExtension, pinClock, sendToBackground, serveFixtures, type ExtensionSession } from './harness';
import { sidebarFrame } from './lib/sidebar-frame';

// The extension's clock is pinned, so what this file asserts holds whatever the machine's clock says.
const GREEN = [0x2e, 0x7d, 0x32, 255];
const RED = [0xc6, 0x28, 0x28, 255];
/** Monday 14 December 2026, 08:40 in Berlin (07:40 UTC): before the working day starts. */
const MONDAY_0840 = Date.parse('2026-12-14T07:40:00Z');
/** Monday 30 November 2026, 09:33 in Berlin: install day. */
const INSTALL_DAY = Date.parse('2026-11-30T08:33:00Z');

let session: ExtensionSession;
let popup: Page;

async function setUp(at: number) {
  const saved = await sendToBackground(session, {
    type: 'save-settings',
    settings: { timeZone: 'Europe/Berlin', currency: 'USD', countingSince: '2026-11-30' },
  });
  expect(saved.ok).toBe(true);
  await pinClock(session, at);
}

async function tooltipLine(label: string): Promise<string | undefined> {
  return (await badge(session)).title.split('\n').find((line) => line.startsWith(`${label}:`));
}

beforeAll(async () => {
  session = await launchExtension();
  await serveFixtures(session.context, strictCspFixture);
  await setUp(MONDAY_0840);
  popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
  await popup.getByTestId('kpi-card-contacts').waitFor();
});

afterAll(async () => {
  await session?.close();
});

describe('statuses at Monday 08:40, before work starts', () => {
  it('nothing of the week is due yet; the month and year are judged; the badge is red only while something is behind', async () => {
    // The week has not started working: grey, not red.
    await expect.poll(() => popup.getByTestId('kpi-card-contacts').locator('[data-status]').first().getAttribute('data-status')).toBe('not-due');
    expect(await popup.getByTestId('kpi-card-equotes').locator('[data-status]').first().getAttribute('data-status')).toBe('not-due');
    expect(await tooltipLine('Contacts')).toBe('Contacts: 0/5 — Not due yet');
    // Nine working days of December are gone (7.8 devices, 3,831 USD of the pro-rated year due): behind.
    expect(await tooltipLine('Devices')).toBe('Devices: 0/20 — Behind');
    expect((await badge(session)).text).toBe('4/6');
    expect(await badgeColor(session)).toEqual(RED);

    for (let i = 0; i < 8; i++) expect((await sendToBackground(session, { type: 'add-manual', kpi: 'devices' })).ok).toBe(true);
    await popup.getByTestId('revenue-amount').fill('4000');
    await popup.getByTestId('revenue-add').click();

    // Nothing is behind now: green, although the week's KPIs are still "not due yet".
    await expect.poll(async () => (await badge(session)).text).toBe('6/6');
    await expect.poll(() => badgeColor(session)).toEqual(GREEN);
    expect(await tooltipLine('Devices')).toBe('Devices: 8/20 — Ahead');
    expect(await tooltipLine('Contacts')).toBe('Contacts: 0/5 — Not due yet');
    await expect.poll(() => popup.getByTestId('popup-summary').getAttribute('class')).toMatch(/popup__summary--on-track/);
  });

  it('each card says what it takes from here', async () => {
    expect(await popup.getByTestId('kpi-outlook-contacts').textContent()).toBe('5 more contacts this week — about 1 a day');
    // 12 devices over the 14 working days left in December.
    expect(await popup.getByTestId('kpi-outlook-devices').textContent()).toBe('12 more devices this month — about 1 a day');
  });

  it('the sidebar shows the same statuses and what it takes', async () => {
    const page = await session.context.newPage();
    await page.goto('https://app.hubspot.com/contacts/1234567/record/0-2/777');
    const frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').click();
    await frame.getByTestId('sidebar-panel').waitFor();
    expect(await frame.getByTestId('sidebar-kpi-contacts').getAttribute('data-status')).toBe('not-due');
    expect(await frame.getByTestId('sidebar-kpi-devices').getAttribute('data-status')).toBe('ahead');
    expect(await frame.getByTestId('kpi-outlook-contacts').textContent()).toBe('5 more contacts this week — about 1 a day');
    await page.close();
  });
});

describe('visitors, judged on the last complete month', () => {
  it('shows November\'s result and the marketing-partner advice in the popup when it closed below target', async () => {
    // No figure for November yet: a reminder, not red.
    await expect.poll(() => popup.getByTestId('kpi-visitors-missing-visitors').textContent()).toBe('Enter the visitors figure for November.');
    expect(await popup.getByTestId('kpi-card-visitors').locator('[data-status]').first().getAttribute('data-status')).toBe('not-due');

    await popup.getByTestId('visitors-input').fill('120');
    await popup.getByTestId('visitors-save').click();
    const advice = popup.getByTestId('kpi-visitors-advice-visitors');
    await advice.waitFor();
    expect(await advice.textContent()).toBe('November closed below target: 120 of 250 visitors. Consider reviewing your marketing partner.');
    await expect.poll(async () => (await badge(session)).text).toBe('5/6');
    expect(await badgeColor(session)).toEqual(RED);

    await popup.getByTestId('visitors-input').fill('300');
    await popup.getByTestId('visitors-save').click();
    await advice.waitFor({ state: 'detached' });
    expect(await popup.getByTestId('kpi-card-visitors').locator('[data-status]').first().getAttribute('data-status')).toBe('met');
    await expect.poll(() => badgeColor(session)).toEqual(GREEN);
  });
});

describe('a fair start', () => {
  it('on install day the first month and year are pro-rated, and the cards say so', async () => {
    await pinClock(session, INSTALL_DAY);
    await popup.reload();
    const note = popup.getByTestId('kpi-prorated-revenue');
    await note.waitFor();
    expect(await note.textContent()).toBe('pro-rated from Nov 30, 2026');
    // The 8 devices and 4,000 USD entered above sit in December; on 30 November nothing is counted
    // and nothing is behind.
    await expect.poll(async () => (await badge(session)).text).toBe('6/6');
    expect(await badgeColor(session)).toEqual(GREEN);
  });
});
