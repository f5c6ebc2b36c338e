import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strictCspFixture } from '@/tests/fixtures/strict-csp/fixture';
import { badge, extensionPage, launchFirefox, listEvents, onboard, openExtensionPage, sendToBackground, snapshot, tooltipTarget, waitFor, type FirefoxSession } from './harness';
import { hostCount, sidebarFrame, sidebarFrames, textOf } from './lib/sidebar-frame';

const RECORD_URL = 'https://app.hubspot.com/contacts/1234567/record/0-2/777';

let session: FirefoxSession;
let popup: Page;

beforeAll(async () => {
  session = await launchFirefox();
  await onboard(session, ['hubspot']);
  session.serveFixtures(strictCspFixture);
  popup = await openExtensionPage(session, 'popup.html');
  await popup.waitForSelector('[data-testid="kpi-value-contacts"]', { timeout: 10_000 });
});

afterAll(async () => {
  await session?.close();
});

const popupValue = (kpi: string) => textOf(popup, `kpi-value-${kpi}`);
const tooltipLine = async (label: string) => (await badge(session)).title.split('\n').find((line) => line.startsWith(`${label}:`));

describe('the popup in Firefox (opened as a tab)', () => {
  it('shows the counts, and +1 and the revenue amount count by hand, in the popup and on the badge', async () => {
    const before = await snapshot(session);
    expect(await popupValue('contacts')).toBe(String(before.kpis.find((k) => k.kpi === 'contacts')!.value));
    expect((await badge(session)).text).toBe(`${before.onPace}/6`);
    expect(await tooltipLine('Contacts')).toMatch(new RegExp(`^Contacts: 0/${tooltipTarget(before, 'contacts')} — `));

    for (let i = 1; i <= 5; i++) {
      await popup.locator('[data-testid="add-contacts"]').click();
      await waitFor(async () => (await popupValue('contacts')) === String(i), 5_000, `the popup to show ${i} contacts`);
    }
    await popup.locator('[data-testid="add-equotes"]').click();
    await popup.locator('[data-testid="revenue-amount"]').fill('1250.50');
    await popup.locator('[data-testid="revenue-add"]').click();

    await waitFor(async () => (await tooltipLine('Revenue'))?.startsWith('Revenue: 1,251/') === true, 10_000, 'the badge to count the revenue');
    const after = await snapshot(session);
    expect(await tooltipLine('Contacts')).toMatch(new RegExp(`^Contacts: 5/${tooltipTarget(after, 'contacts')} — `));
    expect(await tooltipLine('Quotes')).toMatch(new RegExp(`^Quotes: 1/${tooltipTarget(after, 'equotes')} — `));
    expect((await badge(session)).text).toBe(`${after.onPace}/6`);
    expect(after.kpis.find((k) => k.kpi === 'contacts')?.status).not.toBe('behind');
    const manual = (await listEvents(session)).filter((e) => e.source === 'manual').map((e) => e.kpi).sort();
    expect(manual).toEqual(['contacts', 'contacts', 'contacts', 'contacts', 'contacts', 'equotes', 'revenue']);
  });

  it('undoes a manual entry', async () => {
    await popup.locator('[data-testid="add-devices"]').click();
    await waitFor(async () => (await popupValue('devices')) === '1', 5_000, 'the device count');
    await popup.locator('[data-testid="toast-undo"]').click();
    await waitFor(async () => (await popupValue('devices')) === '0', 5_000, 'the undo');
    expect(await listEvents(session, { kpi: 'devices' })).toEqual([]);
  });

  it('downloads the weekly CSV, whose current-week row holds what was entered', async () => {
    await popup.locator('[data-testid="export-csv"]').click();
    let name: string | undefined;
    // Firefox writes `<name>.part` while saving and renames it when done.
    await waitFor(async () => {
      const files = await readdir(session.downloadDir);
      name = files.find((f) => f.endsWith('.csv'));
      return name !== undefined && !files.some((f) => f.endsWith('.part'));
    }, 15_000, 'the CSV download');
    expect(name).toMatch(/^kpi-pacer_\d{4}-W\d{2}_\d{4}-W\d{2}\.csv$/);
    const bytes = await readFile(join(session.downloadDir, name!));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // One section per table: its name on a line, its header, its rows.
    const sections = bytes
      .toString('utf8')
      .slice(1)
      .trim()
      .split('\r\n\r\n')
      .map((block) => {
        const [title, ...lines] = block.split('\r\n');
        const parsed = Papa.parse<Record<string, string>>(lines.join('\r\n'), { header: true, skipEmptyLines: true });
        expect(parsed.errors).toEqual([]);
        return { title, rows: parsed.data };
      });
    expect(sections.map((section) => section.title)).toEqual(['Weeks', 'Months', 'Year']);
    const thisWeek = sections[0]!.rows.at(-1)!;
    expect(thisWeek).toMatchObject({ 'New contacts with email': '5', 'E-quotes': '1', 'Period still running': 'yes' });
    expect(Number(sections[2]!.rows.at(-1)!['Year to date, USD'])).toBe(1250.5);
  });
});

describe('the sidebar in Firefox', () => {
  async function openRecordPage(): Promise<Page> {
    const page = await session.browser.newPage();
    await page.goto(RECORD_URL);
    return page;
  }

  it('shows one collapsed tab on a strict-CSP page, which page scripts cannot read', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session);
    await frame.waitForSelector('[data-testid="sidebar-tab"]', { timeout: 10_000 });
    expect(await hostCount(page)).toBe(1);
    expect(await frame.evaluate(() => innerWidth)).toBe(40);
    expect(await textOf(page, 'csp-violations')).toBe('');
    // The page's global styles do not reach into the frame.
    const tabStyle = await frame.$eval('[data-testid="sidebar-tab"]', (el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, font: s.fontFamily, color: s.color };
    });
    expect(tabStyle.background).not.toBe('rgb(255, 105, 180)');
    expect(tabStyle.font).not.toMatch(/courier/i);
    expect(tabStyle.color).not.toBe('rgb(204, 0, 0)');

    await page.locator('[data-testid="probe"]').click();
    const probe = JSON.parse(await textOf(page, 'probe-result'));
    expect(probe.hostFound).toBe(true);
    expect(probe.shadowRoot).toBe('null');
    expect(probe.childNodes).toBe('0');
    expect(probe.innerHTML).toBe('');
    expect(probe.iframesInDocument).toBe(0);
    expect(probe.frameDocument).toMatch(/^threw|^null|^undefined/);
    expect(probe.frameLocation).toMatch(/^threw|^null|^undefined/);
    expect(probe.frameBodyText).toMatch(/^threw|^null|^undefined/);

    // Nor the extension's pages, messaging or database.
    const reach = await page.evaluate(async (popupUrl) => {
      const g = globalThis as { browser?: { runtime?: unknown }; chrome?: { runtime?: { sendMessage?: unknown } } };
      const fetched = await fetch(popupUrl).then(
        () => 'fetched',
        () => 'blocked',
      );
      return { browser: typeof g.browser?.runtime, sendMessage: typeof g.chrome?.runtime?.sendMessage, fetched, databases: (await indexedDB.databases()).map((d) => d.name) };
    }, session.extensionUrl('popup.html'));
    expect(reach).toEqual({ browser: 'undefined', sendMessage: 'undefined', fetched: 'blocked', databases: [] });
    await page.close();
  });

  it('confirms a detected record with Undo, and shows the popup’s numbers when expanded', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session);
    await frame.waitForSelector('[data-testid="sidebar-tab"]', { timeout: 10_000 });
    const contactsBefore = (await snapshot(session)).kpis.find((k) => k.kpi === 'contacts')!.value;
    const answer = await sendToBackground(session, {
      type: 'record-detected',
      record: { adapter: 'hubspot', kind: 'contact', recordId: '9001', hasEmail: true, rule: 'e2e' },
    });
    expect(answer.ok).toBe(true);
    // Firefox delivers the change notice to the frame through its tab (see lib/background/notify-views.ts).
    expect(await textOf(frame, 'sidebar-confirmation')).toContain('Contact counted');
    // The collapsed frame widens for the note: the frame asks through the background, which tells its tab's host.
    await waitFor(async () => (await frame.evaluate(() => innerWidth)) === 320, 5_000, 'the frame to widen for the note');
    await waitFor(async () => (await popupValue('contacts')) === String(contactsBefore + 1), 5_000, 'the popup to count it');

    await frame.locator('[data-testid="sidebar-undo"]').click();
    await frame.waitForSelector('[data-testid="sidebar-confirmation"]', { hidden: true, timeout: 5_000 });
    await waitFor(async () => (await frame.evaluate(() => innerWidth)) === 40, 5_000, 'the frame to narrow again');
    await waitFor(async () => (await popupValue('contacts')) === String(contactsBefore), 5_000, 'the popup to drop it');
    expect((await listEvents(session)).some((e) => e.key === 'hubspot:contact:9001')).toBe(false);

    await frame.locator('[data-testid="sidebar-tab"]').click();
    await frame.waitForSelector('[data-testid="sidebar-panel"]', { timeout: 5_000 });
    expect(await textOf(frame, 'sidebar-value-contacts')).toBe(await popupValue('contacts'));
    await frame.locator('[data-testid="sidebar-collapse"]').click();
    await frame.waitForSelector('[data-testid="sidebar-tab"]', { timeout: 5_000 });
    await page.close();
  });

  it('stays one sidebar through SPA navigations and follows the open record, without reloading', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session);
    await frame.locator('[data-testid="sidebar-tab"]').click();
    await frame.waitForSelector('[data-testid="sidebar-record"]', { timeout: 5_000 });
    // A value in the frame's window lives exactly as long as the frame's document.
    await frame.evaluate(() => ((window as unknown as { kpiMark?: number }).kpiMark = 1));
    const mark = () => frame.evaluate(() => (window as unknown as { kpiMark?: number }).kpiMark ?? null);
    for (let i = 0; i < 6; i++) {
      await page.locator('[data-testid="nav-778"]').click();
      await page.locator('[data-testid="nav-list"]').click();
      await page.locator('[data-testid="nav-777"]').click();
    }
    await page.locator('[data-testid="nav-778"]').click();
    const recordId = () => frame.$eval('[data-testid="sidebar-record"]', (el) => el.getAttribute('data-record-id')).catch(() => null);
    await waitFor(async () => (await recordId()) === '778', 5_000, 'the sidebar to follow the record');
    await page.locator('[data-testid="nav-list"]').click();
    await frame.waitForSelector('[data-testid="sidebar-record"]', { hidden: true, timeout: 5_000 });
    expect(await mark()).toBe(1);
    expect(await hostCount(page)).toBe(1);
    expect(await sidebarFrames(page, session)).toHaveLength(1);
    await frame.locator('[data-testid="sidebar-collapse"]').click();
    await page.close();
  });
});

// Last: it reloads the extension, which closes its pages.
describe('the sidebar when the extension is reloaded or updated', () => {
  it('leaves one live sidebar on an open CRM tab: Firefox injects the new content scripts, which replace the old copy', async () => {
    const page = await session.browser.newPage();
    await page.goto(RECORD_URL);
    const before = await sidebarFrame(page, session);
    await before.waitForSelector('[data-testid="sidebar-tab"]', { timeout: 10_000 });
    const ext = await extensionPage(session);
    await ext.evaluate(() => browser.runtime.reload()).catch(() => undefined);
    await waitFor(
      async () => {
        const frames = await sidebarFrames(page, session);
        if ((await hostCount(page)) !== 1 || frames.length !== 1 || frames[0] === before) return false;
        return (await frames[0]!.$('[data-testid="sidebar-tab"]').catch(() => null)) !== null;
      },
      15_000,
      'one live sidebar from the reloaded extension',
    );
    await page.close();
  });
});
