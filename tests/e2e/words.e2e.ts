import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strictCspFixture } from '@/tests/fixtures/strict-csp/fixture';
import { extensionPage, launchExtension, listEvents, sendToBackground, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { textOverflows } from './lib/overflow';
import { frameBox, sidebarFrame } from './lib/sidebar-frame';

/**
 * Plain words and room for them, on a 1366×768 laptop screen, in English and in Russian (whose
 * words run longest): no text in the popup, the sidebar, the options page or onboarding is cut or
 * spills out of its box; no ISO period keys on screen; "not a new record" asks first and can be
 * reversed; the sidebar follows the page's look and its tab can be dragged along the edge.
 */
const VIEWPORT = { width: 1366, height: 768 };
const RECORD_URL = 'https://app.hubspot.com/contacts/1234567/record/0-2/777';
const ISO_KEY = /\b\d{4}-(W\d{2}|\d{2})\b/;

/** Records of every kind, long amounts and a visitors figure, so every list and card has content. */
async function seed(session: ExtensionSession): Promise<void> {
  const detected = (kind: string, recordId: string, extra: Record<string, unknown> = {}) =>
    sendToBackground(session, {
      type: 'record-detected',
      record: { adapter: 'hubspot', kind, recordId, hasEmail: true, rule: 'hubspot-object-builder-create', url: `https://app.hubspot.com/contacts/1234567/record/0-1/${recordId}`, ...extra },
    });
  await detected('contact', '98765432101');
  await detected('quote', '5512');
  await detected('order', '77123', { amount: 123456.78, currency: 'EUR', accountId: '4242' });
  await sendToBackground(session, { type: 'add-manual', kpi: 'devices' });
  await sendToBackground(session, { type: 'add-manual', kpi: 'revenue', amount: 98765.43, currency: 'USD' });
  await detected('contact', '98765432102');
  // One record marked "not a new record", for the Excluded records list.
  await sendToBackground(session, { type: 'not-new-record', key: 'hubspot:contact:98765432102' });
}

async function expectNoOverflow(where: string, target: Parameters<typeof textOverflows>[0]): Promise<void> {
  const overflows = await textOverflows(target);
  expect(overflows, `${where}: ${JSON.stringify(overflows, null, 1)}`).toEqual([]);
}

/** What the rep reads, less the one place that shows how a CSV file writes a month (its format). */
async function bodyText(target: Page): Promise<string> {
  return target.evaluate(() => {
    const hidden = [...document.querySelectorAll<HTMLElement>('[data-format-example]')];
    for (const el of hidden) el.style.display = 'none';
    const text = document.body.innerText;
    for (const el of hidden) el.style.display = '';
    return text;
  });
}

/** ISO period keys in a text, each with a little context so a failure says where. */
function isoKeysIn(text: string): string[] {
  return [...text.matchAll(new RegExp(`.{0,40}${ISO_KEY.source}.{0,20}`, 'g'))].map((m) => m[0]);
}

for (const language of ['en', 'ru'] as const) {
  describe(`at 1366×768 in ${language === 'en' ? 'English' : 'Russian'}`, () => {
    let session: ExtensionSession;

    beforeAll(async () => {
      session = await launchExtension({ uiLanguage: language, viewport: VIEWPORT });
      await serveFixtures(session.context, strictCspFixture);
      const ext = await extensionPage(session);
      expect(await ext.evaluate(() => chrome.i18n.getUILanguage())).toMatch(new RegExp(`^${language}`));
      await seed(session);
    }, 60_000);
    afterAll(async () => {
      await session?.close();
    });

    it('the popup: every text fits, periods are dates', async () => {
      const popup = await session.context.newPage();
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
      await popup.getByTestId('popup').waitFor();
      await popup.getByTestId('recent-item').first().waitFor();
      await popup.getByTestId('export-summary').filter({ hasText: /\d/ }).waitFor();
      await expectNoOverflow('popup', popup);
      const text = await bodyText(popup);
      expect(isoKeysIn(text)).toEqual([]);
      expect(text).toContain(language === 'en' ? 'Week of' : 'Неделя с');
      // Recent counts say which record.
      expect(await popup.getByTestId('record-link').first().textContent()).toMatch(language === 'en' ? /^(Contact|Quote|Order) \d+/ : /^(Контакт|КП|Заказ) \d+/);
      await popup.close();
    });

    it('the sidebar on a record page: every text fits, the panel leaves the main column in view', async () => {
      await (await extensionPage(session)).evaluate(() => chrome.storage.local.remove('sidebarPrefs'));
      const page = await session.context.newPage();
      await page.goto(RECORD_URL);
      const frame = await sidebarFrame(page, session.extensionId);
      await frame.getByTestId('sidebar-tab').click();
      await frame.getByTestId('sidebar-record').waitFor();
      await frame.getByTestId('sidebar-recent-item').first().waitFor();
      await expectNoOverflow('sidebar', frame);
      const box = await frameBox(frame);
      // Narrower than the wide-screen panel: at 1366 px it takes at most about a fifth of the width.
      expect(box.width).toBeLessThanOrEqual(280);
      expect(box.x + box.width).toBe(VIEWPORT.width);
      expect(isoKeysIn(await frame.evaluate(() => document.body.innerText))).toEqual([]);
      // The record's kind in words, not its internal id.
      expect(await frame.getByTestId('sidebar-record-label').textContent()).toBe(language === 'en' ? 'Company 777' : 'Компания 777');
      await page.close();
    });

    it('the sidebar\'s Teach KPI Pacer steps: every text fits, keyboard first', async () => {
      const page = await session.context.newPage();
      await page.goto(RECORD_URL);
      const frame = await sidebarFrame(page, session.extensionId);
      if (await frame.getByTestId('sidebar-tab').isVisible()) await frame.getByTestId('sidebar-tab').click();
      await frame.getByTestId('sidebar-teach').click();
      await frame.locator('[data-testid="teach-flow"][data-step="pick"]').waitFor();
      // Focus moves to the step's heading, so a keyboard user starts there.
      expect(await frame.evaluate(() => document.activeElement?.tagName)).toBe('H2');
      await frame.getByTestId('teach-kind-custom').check();
      await frame.getByTestId('teach-custom-name').waitFor();
      await expectNoOverflow('sidebar teach', frame);
      await page.close();
    });

    it('the options page and onboarding: every text fits, no ISO keys, no "article"', async () => {
      const options = await session.context.newPage();
      await options.goto(`chrome-extension://${session.extensionId}/options.html`);
      await options.getByTestId('evidence-row').first().waitFor();
      await options.getByTestId('excluded-row').first().waitFor();
      // A target typed wrong shows its error in plain words, in the error colour.
      await options.getByTestId('target-contacts').fill('-3');
      const error = options.getByTestId('target-error-contacts');
      await error.waitFor();
      expect(await error.textContent()).toBe(language === 'en' ? 'Enter zero or more.' : 'Введите ноль или больше.');
      const status = options.getByTestId('save-targets-status');
      expect(await status.getAttribute('data-state')).toBe('invalid');
      const [errorColour, statusColour, behind] = await options.evaluate(() => {
        const colour = (selector: string) => getComputedStyle(document.querySelector(selector)!).color;
        const probe = document.createElement('span');
        probe.style.color = 'var(--kp-behind)';
        document.body.append(probe);
        const value = getComputedStyle(probe).color;
        probe.remove();
        return [colour('[data-testid="target-error-contacts"]'), colour('[data-testid="save-targets-status"]'), value];
      });
      expect(errorColour).toBe(behind);
      expect(statusColour).toBe(behind);
      await expectNoOverflow('options', options);
      const text = await bodyText(options);
      expect(isoKeysIn(text)).toEqual([]);
      expect(text).not.toMatch(language === 'en' ? /article/i : /стать[яеи]/i);
      await options.getByTestId('target-contacts').fill('5');

      const onboarding = await session.context.newPage();
      await onboarding.goto(`chrome-extension://${session.extensionId}/onboarding.html`);
      await onboarding.getByTestId('onboarding-targets').waitFor();
      expect(await onboarding.getByTestId('onboarding-target-contacts').inputValue()).toBe('5');
      await onboarding.getByTestId('onboarding-pin').waitFor();
      await expectNoOverflow('onboarding', onboarding);
      await onboarding.close();
      await options.close();
    });
  });
}

describe('records, look and placement', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension({ viewport: VIEWPORT });
    await serveFixtures(session.context, strictCspFixture);
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it('"Not a new record" asks first, and Excluded records counts it again', async () => {
    await sendToBackground(session, {
      type: 'record-detected',
      record: { adapter: 'hubspot', kind: 'quote', recordId: '6001', rule: 'hubspot-object-builder-create' },
    });
    const key = 'hubspot:quote:6001';
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    const row = options.locator(`[data-testid="evidence-row"][data-key="${key}"]`);
    await row.waitFor();
    await options.getByTestId('excluded-empty').waitFor();

    // The first click only asks; cancelling changes nothing.
    await row.getByTestId('evidence-not-new').click();
    const confirm = options.getByTestId('evidence-not-new-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Quote 6001');
    await options.getByTestId('evidence-not-new-cancel').click();
    await confirm.waitFor({ state: 'detached' });
    expect((await listEvents(session)).map((e) => e.key)).toContain(key);

    // Confirmed: the count goes, the record is listed as excluded and detection no longer counts it.
    await row.getByTestId('evidence-not-new').click();
    await options.getByTestId('evidence-not-new-yes').click();
    const excluded = options.locator(`[data-testid="excluded-row"][data-key="${key}"]`);
    await excluded.waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await listEvents(session)).map((e) => e.key)).not.toContain(key);
    await sendToBackground(session, { type: 'record-detected', record: { adapter: 'hubspot', kind: 'quote', recordId: '6001', rule: 'again' } });
    expect((await listEvents(session)).map((e) => e.key)).not.toContain(key);

    // Reversed: the same count is back, once, and the record leaves the list.
    await excluded.getByTestId('excluded-restore').click();
    await excluded.waitFor({ state: 'detached' });
    await row.waitFor();
    const restored = (await listEvents(session)).filter((e) => e.key === key);
    expect(restored).toHaveLength(1);
    expect(restored[0]!.rule).toBe('hubspot-object-builder-create');
    await options.close();
  });

  it('follows a dark CRM page, not only the OS setting', async () => {
    const page = await session.context.newPage();
    await page.goto(RECORD_URL);
    let frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').waitFor();
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    // The CRM switches to its dark theme (CSSOM, which the page's CSP allows), then navigates.
    await page.evaluate(() => document.body.style.setProperty('background', 'rgb(18, 18, 18)', 'important'));
    await page.getByTestId('nav-778').click();
    // The page re-renders on navigation and the host puts the sidebar back, which may reload its
    // frame: look for the frame afresh each time.
    await waitFor(
      async () => {
        frame = await sidebarFrame(page, session.extensionId);
        return (await frame.evaluate(() => document.documentElement.dataset.theme).catch(() => undefined)) === 'dark';
      },
      5000,
      'the sidebar to turn dark',
    );
    frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').click();
    const panel = frame.getByTestId('sidebar-panel');
    await panel.waitFor();
    const background = await panel.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(20, 23, 28)');
    await frame.getByTestId('sidebar-collapse').click();
    await page.close();
  });

  it('the collapsed tab can be dragged along the edge, and stays there on the site', async () => {
    const page = await session.context.newPage();
    await page.goto(RECORD_URL);
    const frame = await sidebarFrame(page, session.extensionId);
    const tab = frame.getByTestId('sidebar-tab');
    await tab.waitFor();
    const before = await frameBox(frame);
    const start = { x: before.x + before.width / 2, y: before.y + before.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(start.x, start.y - step * 20);
    await page.mouse.up();
    await waitFor(async () => (await frameBox(frame)).y < before.y - 150, 5000, 'the tab to follow the drag');
    // A drag is not a click: the panel stayed closed.
    expect(await frame.getByTestId('sidebar-panel').count()).toBe(0);
    const moved = (await frameBox(frame)).y;

    await page.reload();
    const again = await sidebarFrame(page, session.extensionId);
    await again.getByTestId('sidebar-tab').waitFor();
    await waitFor(async () => Math.abs((await frameBox(again)).y - moved) < 2, 5000, 'the tab to keep its place after a reload');
    await page.close();
  });
});
