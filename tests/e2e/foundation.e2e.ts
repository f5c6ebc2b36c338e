import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badge, badgeColor, launchExtension, listEvents, pinClock, restartServiceWorker, sendToBackground, snapshot, waitFor, type ExtensionSession } from './harness';

// One browser for the whole file; the last test restarts it on the same profile.
let session: ExtensionSession;
let popup: Page;

/**
 * The extension's clock stands at Wednesday 16 December 2026, 11:00 in Berlin, for a rep counting
 * since 30 November: every expectation below follows from that moment, not from the machine's clock.
 * Monday and Tuesday (18 working hours) and Wednesday 09:00–11:00 are gone: 20 of the week's 45.
 */
const WEDNESDAY_1100 = Date.parse('2026-12-16T10:00:00Z');
const RED = [0xc6, 0x28, 0x28, 255];

beforeAll(async () => {
  session = await launchExtension({ keepProfile: true });
  const saved = await sendToBackground(session, {
    type: 'save-settings',
    settings: { timeZone: 'Europe/Berlin', currency: 'USD', countingSince: '2026-11-30' },
  });
  expect(saved.ok).toBe(true);
  await pinClock(session, WEDNESDAY_1100);
  popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
  await popup.getByTestId('kpi-card-contacts').waitFor();
});

afterAll(async () => {
  await session?.close();
});

async function contactsTooltipLine(): Promise<string | undefined> {
  const { title } = await badge(session);
  return title.split('\n').find((line) => line.startsWith('Contacts:'));
}

describe('manual counting in the popup', () => {
  it('changes the badge text and tooltip', async () => {
    const before = await badge(session);
    const snapBefore = await snapshot(session);
    expect(snapBefore.at).toBe(WEDNESDAY_1100);
    // 2.2 contacts were due and none are counted: a whole contact short, and by more than 10%.
    // 0.9 e-quotes were due: the first is not due yet. December's devices (9.8 due) and the year's
    // revenue pro-rated from 30 November (4,683 USD due) are behind; customers (1.0 due, just
    // under one) and visitors (no figure for November yet) are not due.
    expect(snapBefore.kpis.map((k) => [k.kpi, k.status])).toEqual([
      ['contacts', 'behind'],
      ['equotes', 'not-due'],
      ['ecustomers', 'not-due'],
      ['devices', 'behind'],
      ['visitors', 'not-due'],
      ['revenue', 'behind'],
    ]);
    expect(before.text).toBe('3/6');
    expect(await badgeColor(session)).toEqual(RED);
    expect(await contactsTooltipLine()).toBe('Contacts: 0/5 — Behind');

    for (let i = 0; i < 5; i++) {
      await popup.getByTestId('add-contacts').click();
      await expect.poll(() => popup.getByTestId('kpi-value-contacts').textContent()).toBe(String(i + 1));
    }
    await popup.getByTestId('add-equotes').click();
    await popup.getByTestId('revenue-amount').fill('1250.50');
    await popup.getByTestId('revenue-add').click();

    await expect.poll(contactsTooltipLine).toBe('Contacts: 5/5 — Met');
    // The revenue entry is the last write: wait until the badge has caught up with it too.
    await expect.poll(async () => (await badge(session)).title).toMatch(/Revenue: 1,251\/9,195 — Behind/);
    const after = await badge(session);
    const snapAfter = await snapshot(session);
    // Contacts met; one e-quote is ahead of the 0.9 due; 1,251 USD is still short of 4,683.
    expect(snapAfter.kpis.map((k) => [k.kpi, k.status])).toEqual([
      ['contacts', 'met'],
      ['equotes', 'ahead'],
      ['ecustomers', 'not-due'],
      ['devices', 'behind'],
      ['visitors', 'not-due'],
      ['revenue', 'behind'],
    ]);
    expect(after.text).toBe('4/6');
    expect(after.title).toMatch(/Quotes: 1\/2 — Ahead/);
    expect(await badgeColor(session)).toEqual(RED);

    const events = await listEvents(session);
    expect(events.filter((e) => e.source === 'manual').map((e) => e.kpi).sort()).toEqual([
      'contacts', 'contacts', 'contacts', 'contacts', 'contacts', 'equotes', 'revenue',
    ]);
    expect(events.every((e) => e.at === WEDNESDAY_1100)).toBe(true);
  });

  it('undoes a manual entry from the popup', async () => {
    await popup.getByTestId('add-devices').click();
    await expect.poll(() => popup.getByTestId('kpi-value-devices').textContent()).toBe('1');
    await popup.getByTestId('toast-undo').click();
    await expect.poll(() => popup.getByTestId('kpi-value-devices').textContent()).toBe('0');
    expect((await listEvents(session, { kpi: 'devices' })).length).toBe(0);
  });

  it('downloads a CSV whose current-week row matches what was entered', async () => {
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId('export-csv').click()]);
    const path = await download.path();
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // One section per table (weeks, months, year): its name, its header, its rows, an empty line.
    const sections = bytes.toString('utf8').slice(1).trimEnd().split('\r\n\r\n').map((section) => {
      const parsed = Papa.parse<Record<string, string>>(section.slice(section.indexOf('\r\n') + 2), { header: true, delimiter: ',' });
      expect(parsed.errors).toEqual([]);
      return parsed.data;
    });
    const [weeks = [], months = [], year = []] = sections;
    // The current week is the last row, the only one still running.
    expect(weeks.at(-1)).toMatchObject({ 'New contacts with email': '5', 'E-quotes': '1', 'New contacts with email: target': '5', 'Period still running': 'yes' });
    expect(weeks.slice(0, -1).every((r) => r['New contacts with email'] === '0')).toBe(true);
    expect(months.at(-1)).toMatchObject({ 'Devices monitored': '0' });
    expect(year.at(-1)).toMatchObject({ 'Online revenue, USD': '1250.50', 'Year to date, USD': '1250.50' });
  });
});

describe('a malformed message from a content script', () => {
  it('is refused with a reason and writes nothing', async () => {
    const page = await session.context.newPage();
    await page.route('https://acme.pipedrive.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Pipedrive</title><h1>Deals</h1>' }),
    );
    const client = await session.context.newCDPSession(page);
    const contexts: { id: number; name: string; origin: string; auxData?: { type?: string } }[] = [];
    client.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await client.send('Runtime.enable');
    await page.goto('https://acme.pipedrive.com/deals');
    // The extension's isolated world on the CRM page: what a content script can send.
    await waitFor(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://')), 10_000, 'the content script world');
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'))!;
    const before = (await listEvents(session)).length;

    const send = async (message: unknown) => {
      const { result } = await client.send('Runtime.evaluate', {
        contextId: world.id,
        expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
        awaitPromise: true,
        returnByValue: true,
      });
      return result.value as { ok: boolean; error?: string };
    };
    const malformed = await send({ type: 'record-detected', record: { adapter: 'pipedrive', kind: 'contact', recordId: '' } });
    expect(malformed.ok).toBe(false);
    expect(malformed.error).toMatch(/Invalid message/);
    const unknown = await send({ type: 'drop-table' });
    expect(unknown).toMatchObject({ ok: false });
    // A content script may only report detections: reading or undoing is refused.
    const read = await send({ type: 'view-data', recent: 5 });
    expect(read).toEqual({ ok: false, error: '"view-data" is not allowed from a web page.' });
    expect((await listEvents(session)).length).toBe(before);
    await page.close();
  });
});

describe('persistence', () => {
  it('keeps counts across a service-worker restart', async () => {
    const before = await snapshot(session);
    await restartServiceWorker(session);
    const after = await snapshot(session);
    expect(after.kpis.map((k) => [k.kpi, k.value])).toEqual(before.kpis.map((k) => [k.kpi, k.value]));
    await waitFor(async () => (await contactsTooltipLine()) === 'Contacts: 5/5 — Met', 10_000, 'the badge after restart');
  });

  it('keeps counts and the badge across a browser restart on the same profile', async () => {
    const before = await snapshot(session);
    const { profileDir } = session;
    await session.close();
    session = await launchExtension({ profileDir, keepProfile: false });
    const after = await snapshot(session);
    expect(after.kpis.map((k) => [k.kpi, k.value])).toEqual(before.kpis.map((k) => [k.kpi, k.value]));
    await waitFor(async () => (await contactsTooltipLine()) === 'Contacts: 5/5 — Met', 10_000, 'the badge after a browser restart');
    // The pinned clock survives the restart with the rest of the profile.
    expect(after.at).toBe(WEDNESDAY_1100);
  });
});
