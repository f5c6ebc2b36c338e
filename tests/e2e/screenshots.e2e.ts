import { mkdir } from 'node:fs/promises';
import { describe, it } from 'vitest';
import { sidebarDemoFixture } from '../fixtures/sidebar-demo/fixture';
import { launchExtension, sendToBackground, serveFixtures, waitFor } from './harness';
import { frameBox, sidebarFrame } from './lib/sidebar-frame';

/**
 * Screenshots of the sidebar and the popup for the README: `npm run screenshots` (skipped in ordinary e2e runs).
 * Written to docs/screenshots/sidebar-{collapsed,expanded,confirmation}.png and popup.png.
 */
const OUT = new URL('../../docs/screenshots/', import.meta.url);
const RECORD_URL = 'https://app.hubspot.com/contacts/1234567/record/0-2/777';
const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!process.env.KPI_SCREENSHOTS)('sidebar screenshots', () => {
  it('captures the collapsed tab, the expanded panel and a confirmation', async () => {
    await mkdir(OUT, { recursive: true });
    const session = await launchExtension();
    try {
      await serveFixtures(session.context, sidebarDemoFixture);
      // A plausible week: a few contacts and quotes, some revenue and this month's visitors.
      for (const id of ['101', '102', '103']) {
        await sendToBackground(session, { type: 'record-detected', record: { adapter: 'hubspot', kind: 'contact', recordId: id, hasEmail: true, rule: 'demo' } });
      }
      await sendToBackground(session, { type: 'record-detected', record: { adapter: 'hubspot', kind: 'quote', recordId: '201', rule: 'demo' } });
      await sendToBackground(session, { type: 'add-manual', kpi: 'revenue', amount: 18_400, currency: 'USD' });
      await sendToBackground(session, { type: 'add-manual', kpi: 'devices' });
      const page = await session.context.newPage();
      // A common laptop screen, where the sidebar takes its narrow layout.
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(RECORD_URL);
      const frame = await sidebarFrame(page, session.extensionId);
      const tab = frame.getByTestId('sidebar-tab');
      await waitFor(async () => /on pace/.test((await tab.getAttribute('aria-label')) ?? ''), 10_000, 'the counts');
      const clip = { x: 1366 - 520, y: 0, width: 520, height: 768 };

      await settle();
      await page.screenshot({ path: new URL('sidebar-collapsed.png', OUT).pathname, clip });

      await sendToBackground(session, { type: 'record-detected', record: { adapter: 'hubspot', kind: 'contact', recordId: '104', hasEmail: true, rule: 'demo' } });
      await frame.getByTestId('sidebar-confirmation').waitFor();
      await waitFor(async () => (await frameBox(frame)).width > 40, 5000, 'the note');
      await settle();
      await page.screenshot({ path: new URL('sidebar-confirmation.png', OUT).pathname, clip });

      await frame.getByTestId('sidebar-undo').click();
      await tab.click();
      await frame.getByTestId('sidebar-record').waitFor();
      await settle();
      await page.screenshot({ path: new URL('sidebar-expanded.png', OUT).pathname, clip });

      const popup = await session.context.newPage();
      await popup.setViewportSize({ width: 380, height: 600 });
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
      await popup.getByTestId('kpi-card-revenue').waitFor();
      await settle();
      await popup.screenshot({ path: new URL('popup.png', OUT).pathname, fullPage: true });
    } finally {
      await session.close();
    }
  });
});
