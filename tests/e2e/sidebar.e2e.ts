import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { strictCspFixture } from '@/tests/fixtures/strict-csp/fixture';
import {
  badge,
  extensionPage,
  launchExtension,
  listEvents,
  sendToBackground,
  serveFixtures,
  snapshot,
  waitFor,
  type ExtensionSession,
} from './harness';
import { frameBox as toastBox } from '@/lib/page/sidebar-host/layout';
import { frameBox, hostCount, sidebarFrame, sidebarFrames } from './lib/sidebar-frame';

const RECORD_URL = 'https://app.hubspot.com/contacts/1234567/record/0-2/777';

describe('sidebar on a CRM page', () => {
  let session: ExtensionSession;
  const pageProblems: string[] = [];

  beforeAll(async () => {
    session = await launchExtension();
    await serveFixtures(session.context, strictCspFixture);
  });
  afterAll(async () => {
    await session?.close();
  });
  // Every test starts from a collapsed sidebar in the middle of the edge.
  beforeEach(async () => {
    const ext = await extensionPage(session);
    await ext.evaluate(() => chrome.storage.local.remove('sidebarPrefs'));
  });

  async function openRecordPage(url = RECORD_URL): Promise<Page> {
    const page = await session.context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => pageProblems.push(`pageerror: ${e.message}`));
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' || /context invalidated/i.test(m.text())) pageProblems.push(`console: ${m.text()}`);
    });
    await page.goto(url);
    return page;
  }

  it('shows one collapsed tab at the right edge of a strict-CSP page, isolated from the page', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session.extensionId);
    const tab = frame.getByTestId('sidebar-tab');
    await tab.waitFor();
    expect(await hostCount(page)).toBe(1);

    // Overlays the right edge without reflowing the page.
    const box = await frameBox(frame);
    const viewport = page.viewportSize()!;
    expect(Math.round(box.x + box.width)).toBe(viewport.width);
    expect(box.width).toBe(40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The page's CSP reported nothing, and its global styles did not reach into the sidebar.
    expect(await page.getByTestId('csp-violations').textContent()).toBe('');
    const tabStyle = await tab.evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, font: s.fontFamily, color: s.color };
    });
    expect(tabStyle.background).not.toBe('rgb(255, 105, 180)');
    expect(tabStyle.font).not.toMatch(/courier/i);
    expect(tabStyle.color).not.toBe('rgb(204, 0, 0)');
    // ...and the sidebar's styles did not reach the page's own elements with the same class names.
    const lookalike = await page.getByTestId('lookalike').evaluate((el) => {
      const s = getComputedStyle(el);
      return { width: s.width, borderRadius: s.borderTopLeftRadius, position: s.position };
    });
    expect(lookalike.borderRadius).toBe('0px');
    expect(lookalike.position).toBe('static');
    expect(lookalike.width).not.toBe('40px');

    // A page script that tries to read the sidebar gets nothing.
    await page.getByTestId('probe').click();
    const probe = JSON.parse((await page.getByTestId('probe-result').textContent()) ?? '{}');
    expect(probe.hostFound).toBe(true);
    expect(probe.shadowRoot).toBe('null');
    expect(probe.childNodes).toBe('0');
    expect(probe.innerHTML).toBe('');
    expect(probe.iframesInDocument).toBe(0);
    expect(probe.frameDocument).toMatch(/^threw|^null|^undefined/);
    expect(probe.frameLocation).toMatch(/^threw|^null|^undefined/);
    expect(probe.frameBodyText).toMatch(/^threw|^null|^undefined/);
    await page.close();
  });

  it('confirms a count within moments, and Undo reverses it in the sidebar, the popup and the badge', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').waitFor();
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.getByTestId('kpi-value-contacts').waitFor();
    await page.bringToFront();

    const before = await snapshot(session);
    const contactsBefore = before.kpis.find((k) => k.kpi === 'contacts')!.value;
    const badgeBefore = await badge(session);

    // Stamp the moment the confirmation appears, inside the sidebar, on the browser's clock.
    await frame.evaluate(() => {
      const w = window as unknown as { shownAt?: number };
      new MutationObserver(() => {
        if (!w.shownAt && document.querySelector('[data-testid="sidebar-confirmation"]')) w.shownAt = Date.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    // Stamped in the browser too (not in this test process), so both stamps read the same clock
    // even when the browser runs at another time (KPI_E2E_FAKETIME).
    const ext = await extensionPage(session);
    const { sentAt, answer } = await ext.evaluate(async (message) => {
      const sentAt = Date.now();
      const answer = (await chrome.runtime.sendMessage(message)) as { ok: boolean };
      return { sentAt, answer };
    }, { type: 'record-detected', record: { adapter: 'hubspot', kind: 'contact', recordId: '9001', hasEmail: true, rule: 'e2e' } });
    expect(answer.ok).toBe(true);
    const note = frame.getByTestId('sidebar-confirmation');
    await note.waitFor();
    const shownAt = await frame.evaluate(() => (window as unknown as { shownAt?: number }).shownAt ?? 0);
    const latency = shownAt - sentAt;
    console.log(`sidebar confirmation ${latency} ms after the record was sent`);
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThan(500);
    expect(await note.textContent()).toContain('Contact counted');

    // Collapsed, the frame widens for the note; the count is the same everywhere.
    const viewport = page.viewportSize()!;
    const toastWidth = toastBox('toast', 0.5, viewport.height, viewport.width).width;
    await waitFor(async () => (await frameBox(frame)).width === toastWidth, 5000, 'the frame to widen for the note');
    await waitFor(async () => (await popup.getByTestId('kpi-value-contacts').textContent()) === String(contactsBefore + 1), 5000, 'the popup to count it');
    // The badge is redrawn just after the notice that updated the popup: wait for it rather than race it.
    await waitFor(async () => (await badge(session)).title !== badgeBefore.title, 5000, 'the badge to count it');
    const badgeCounted = await badge(session);
    expect(badgeCounted.title).not.toBe(badgeBefore.title);

    await frame.getByTestId('sidebar-undo').click();
    await note.waitFor({ state: 'detached' });
    await waitFor(async () => (await frameBox(frame)).width === 40, 5000, 'the frame to narrow again');
    await waitFor(async () => (await popup.getByTestId('kpi-value-contacts').textContent()) === String(contactsBefore), 5000, 'the popup to drop it');
    await waitFor(async () => (await badge(session)).title === badgeBefore.title, 5000, 'the badge to drop it');
    expect((await snapshot(session)).kpis.find((k) => k.kpi === 'contacts')!.value).toBe(contactsBefore);

    // Expanded, the same numbers as the popup.
    await frame.getByTestId('sidebar-tab').click();
    await frame.getByTestId('sidebar-panel').waitFor();
    expect(await frame.getByTestId('sidebar-value-contacts').textContent()).toBe(await popup.getByTestId('kpi-value-contacts').textContent());
    await frame.getByTestId('sidebar-collapse').click();
    await frame.getByTestId('sidebar-tab').waitFor();
    await popup.close();
    await page.close();
  });

  it('counts the open record by hand once per KPI: a company offers only "new online customer"', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').click();
    const record = frame.getByTestId('sidebar-record');
    await record.waitFor();
    expect(await record.getAttribute('data-record-id')).toBe('777');
    // The record's offers come first in the panel, before the six KPIs.
    expect(await frame.locator('.sb-body > section, .sb-body > ul').first().getAttribute('data-testid')).toBe('sidebar-record');
    const offers = await frame.locator('[data-testid^="sidebar-offer-"][data-counted]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
    expect(offers).toEqual(['sidebar-offer-ecustomers']);

    // The account as a new online customer uses the customer key detection uses.
    await frame.getByTestId('sidebar-count-ecustomers').click();
    await frame.getByTestId('sidebar-confirmation').waitFor();
    expect(await frame.getByTestId('sidebar-confirmation').textContent()).toContain('New online customer counted');
    const offer = frame.getByTestId('sidebar-offer-ecustomers');
    await waitFor(async () => (await offer.getAttribute('data-counted')) === 'yes', 5000, 'the offer to show it counted');
    expect(await offer.textContent()).toContain('already counted');

    const key = 'hubspot:customer:777';
    expect((await listEvents(session, { kpi: 'ecustomers' })).filter((e) => e.key === key)).toHaveLength(1);
    const again = await sendToBackground<{ status: string; key: string }>(session, {
      type: 'count-record',
      record: { adapter: 'hubspot', kind: 'account', recordId: '777' },
      kpi: 'ecustomers',
    });
    expect(again).toEqual({ ok: true, data: { status: 'already-counted', key } });
    expect((await listEvents(session, { kpi: 'ecustomers' })).filter((e) => e.key === key)).toHaveLength(1);
    // A company is never revenue, even when asked directly.
    const revenue = await sendToBackground(session, {
      type: 'count-record',
      record: { adapter: 'hubspot', kind: 'account', recordId: '777' },
      kpi: 'revenue',
      amount: 10,
    });
    expect(revenue.ok).toBe(false);

    await frame.getByTestId('sidebar-offer-undo-ecustomers').click();
    await waitFor(async () => (await offer.getAttribute('data-counted')) === 'no', 5000, 'the undo');
    expect((await listEvents(session, { kpi: 'ecustomers' })).filter((e) => e.key === key)).toHaveLength(0);
    await frame.getByTestId('sidebar-collapse').click();
    await page.close();
  });

  it('stays one sidebar through SPA navigations and follows the open record', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').click();
    await frame.getByTestId('sidebar-record').waitFor();
    for (let i = 0; i < 6; i++) {
      await page.getByTestId('nav-778').click();
      await page.getByTestId('nav-list').click();
      await page.getByTestId('nav-777').click();
    }
    await page.getByTestId('nav-778').click();
    await waitFor(async () => (await frame.getByTestId('sidebar-record').getAttribute('data-record-id').catch(() => null)) === '778', 5000, 'the sidebar to follow the record');
    await page.getByTestId('nav-list').click();
    await frame.getByTestId('sidebar-record').waitFor({ state: 'detached' });
    await page.evaluate(() => history.go(-2));
    await waitFor(async () => (await page.evaluate(() => location.pathname)).endsWith('/777'), 5000, 'history to go back');
    await waitFor(async () => (await frame.getByTestId('sidebar-record').getAttribute('data-record-id').catch(() => null)) === '777', 5000, 'the record after going back');
    expect(await hostCount(page)).toBe(1);
    expect(sidebarFrames(page, session.extensionId)).toHaveLength(1);
    await frame.getByTestId('sidebar-collapse').click();
    await page.close();
  });

  it('keeps its state through in-page navigations and resizes: the page never reloads the frame', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').click();
    await waitFor(async () => (await frame.getByTestId('sidebar-record').getAttribute('data-record-id').catch(() => null)) === '777', 5000, 'the open record');
    // A value in the frame's window lives exactly as long as the frame's document.
    await frame.evaluate(() => ((window as unknown as { kpiMark?: number }).kpiMark = 1));
    const mark = () => frame.evaluate(() => (window as unknown as { kpiMark?: number }).kpiMark ?? null);
    await page.getByTestId('nav-778').click();
    await waitFor(async () => (await frame.getByTestId('sidebar-record').getAttribute('data-record-id').catch(() => null)) === '778', 5000, 'the sidebar to follow the record');
    expect(await mark()).toBe(1);
    await page.getByTestId('nav-list').click();
    await frame.getByTestId('sidebar-record').waitFor({ state: 'detached' });
    expect(await mark()).toBe(1);
    await page.evaluate(() => history.back());
    await waitFor(async () => (await frame.getByTestId('sidebar-record').getAttribute('data-record-id').catch(() => null)) === '778', 5000, 'the record after going back');
    expect(await mark()).toBe(1);
    // The frame learns the page's new height without a reload: a drag of the tab moves it by
    // the dragged share of that height.
    await frame.getByTestId('sidebar-collapse').click();
    const before = page.viewportSize()!;
    const height = before.height - 200;
    const tabBox = async () => (await frame.getByTestId('sidebar-tab').boundingBox()) ?? { x: 0, y: -1, width: 0, height: 0 };
    const topBefore = (await tabBox()).y;
    await page.setViewportSize({ width: before.width, height });
    await waitFor(async () => (await tabBox()).y !== topBefore, 5000, 'the tab to follow the new height');
    // The moved frame takes pointer input again once the browser says it is visible.
    await waitFor(async () => (await frame.evaluate(() => document.documentElement.dataset.visible)) === 'true', 5000, 'the moved sidebar to be visible');
    const box = await tabBox();
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    // Small steps, as a hand moves: the tab follows and stays under the pointer.
    for (let step = 1; step <= 5; step++) await page.mouse.move(start.x, start.y + step * 20);
    await page.mouse.up();
    const storedTop = async () => {
      const ext = await extensionPage(session);
      const stored = await ext.evaluate(() => chrome.storage.local.get('sidebarPrefs'));
      return (stored.sidebarPrefs as { sites?: Record<string, { top?: number }> } | undefined)?.sites?.['app.hubspot.com']?.top;
    };
    await waitFor(async () => (await storedTop()) !== undefined, 5000, 'the dragged position to be kept');
    expect(await storedTop()).toBeCloseTo(0.5 + 100 / height, 2);
    expect(await mark()).toBe(1);
    await page.setViewportSize(before);
    await page.close();
  });

  it('is keyboard usable: Enter opens, Tab moves with visible focus, Escape collapses; the command relay toggles it', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session.extensionId);
    const tab = frame.getByTestId('sidebar-tab');
    await tab.waitFor();
    expect(await tab.getAttribute('aria-expanded')).toBe('false');
    expect(await tab.getAttribute('aria-label')).toMatch(/KPI Pacer: \d of 6 on pace/);

    await tab.focus();
    await page.keyboard.press('Enter');
    await frame.getByTestId('sidebar-panel').waitFor();
    // The record's offers arrive after the KPIs; until then a tall panel has nothing to tab to but
    // its scroll area, so wait for them before moving on.
    await frame.getByTestId('sidebar-record').waitFor();
    const activeTestId = () => frame.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
    await waitFor(async () => (await activeTestId()) === 'sidebar-collapse', 3000, 'focus on the collapse button');
    await page.keyboard.press('Tab');
    const focused = await frame.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { tag: el.tagName, outline: s.outlineStyle, label: el.getAttribute('aria-label') ?? el.textContent };
    });
    expect(focused.tag).toBe('BUTTON');
    expect(focused.outline).not.toBe('none');
    await page.keyboard.press('Escape');
    await tab.waitFor();
    await waitFor(async () => (await activeTestId()) === 'sidebar-tab', 3000, 'focus back on the tab');

    // Arrow keys move the tab and the position is remembered for the site.
    const topBefore = (await frameBox(frame)).y;
    await page.keyboard.press('ArrowUp');
    await waitFor(async () => (await frameBox(frame)).y < topBefore, 3000, 'the tab to move up');
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => Math.abs((await frameBox(frame)).y - topBefore) < 2, 3000, 'the tab to move back');

    // The keyboard command: the background sends this very message to the tab's top frame.
    await page.bringToFront();
    const toggle = () =>
      extensionPage(session).then((ext) =>
        ext.evaluate(async () => {
          const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
          return chrome.tabs.sendMessage(active!.id!, { type: 'sidebar-toggle' }, { frameId: 0 });
        }),
      );
    expect(await toggle()).toBe(true);
    await frame.getByTestId('sidebar-panel').waitFor();
    expect(await toggle()).toBe(true);
    await tab.waitFor();
    await page.close();
  });

  it('stays below a CRM dialog', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').waitFor();
    await page.getByTestId('open-modal').click();
    const box = await frameBox(frame);
    // What is on top at the tab's centre is the dialog's backdrop, not the sidebar.
    const topmost = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.getAttribute('data-testid'), {
      x: box.x + box.width / 2,
      y: box.y + box.height / 2,
    });
    expect(topmost).toBe('modal');
    await page.close();
  });

  it('hides on this site, and the popup shows it again', async () => {
    const page = await openRecordPage();
    const frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').click();
    // The click removes the frame it happens in, so it is dispatched rather than awaited.
    await frame.getByTestId('sidebar-hide-here').evaluate((el) => setTimeout(() => (el as HTMLElement).click(), 0));
    await waitFor(async () => (await hostCount(page)) === 0, 5000, 'the sidebar to go');
    const second = await openRecordPage('https://app.hubspot.com/contacts/1234567/record/0-2/778');
    await second.getByTestId('title').waitFor();
    await new Promise((r) => setTimeout(r, 500));
    expect(await hostCount(second)).toBe(0);

    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.getByTestId('show-sidebar-again').click();
    await waitFor(async () => (await hostCount(page)) === 1 && (await hostCount(second)) === 1, 5000, 'the sidebar to return');
    await (await sidebarFrame(page, session.extensionId)).getByTestId('sidebar-tab').waitFor();
    await popup.close();
    await second.close();
    await page.close();
  });

  it('replaces a copy left by an older version, and leaves no dead copy after the extension is reloaded', async () => {
    // A copy left over from an older version of the extension is removed by the new content script.
    const page = await session.context.newPage();
    page.on('pageerror', (e) => pageProblems.push(`pageerror: ${e.message}`));
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const stale = document.createElement('kpi-pacer-sidebar');
        stale.setAttribute('data-kpi-pacer-host', 'old');
        document.documentElement.append(stale);
      });
    });
    await page.goto(RECORD_URL);
    await sidebarFrame(page, session.extensionId);
    await waitFor(async () => (await hostCount(page)) === 1, 5000, 'only the live host');
    expect(await page.evaluate(() => document.querySelector('[data-kpi-pacer-host]')!.getAttribute('data-kpi-pacer-host'))).not.toBe('old');

    const ext = await extensionPage(session);
    await ext.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
    // The old content script notices its extension is gone (its port to the frame closes) and
    // removes its host: no dead copy stays on the page.
    await waitFor(async () => (await hostCount(page)) === 0, 10_000, 'the dead sidebar to be removed');
    // Later navigations wake nothing that throws.
    await page.getByTestId('nav-778').click();
    await page.getByTestId('nav-777').click();
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await hostCount(page)).toBe(0);
    expect(pageProblems.filter((p) => /context invalidated/i.test(p))).toEqual([]);
    await page.close();
  });
});
