import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';
import type { CountEvent } from '@/lib/db/events';
import { sidebarDemoFixture } from '@/tests/fixtures/sidebar-demo/fixture';
import { launchExtension, pinClock, restartServiceWorker, sendToBackground, serveFixtures, snapshot as snapshotOf, waitFor } from './harness';
import { SOFFICE } from './lib/libreoffice';
import { putEvents } from './lib/seed-events';
import { frameBox, sidebarFrame } from './lib/sidebar-frame';

/**
 * Screenshots of the sidebar and the popup for the README: `npm run screenshots` (skipped in ordinary e2e runs).
 * Written to docs/screenshots/sidebar-{collapsed,expanded,confirmation}.png and popup.png.
 */
const OUT = new URL('../../docs/screenshots/', import.meta.url);
const RECORD_URL = 'https://app.hubspot.com/contacts/1234567/record/0-2/777';
const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms));
/**
 * The moment the pictures show, whatever day they are taken: a Wednesday morning in the middle of
 * November 2026 (the browsers' zone is UTC), for a rep counting since the start of the year, so the
 * cards show a week and a month under way rather than an install day's pro-rated targets.
 */
const SHOT_AT = Date.UTC(2026, 10, 18, 10, 44);
async function atShotTime(session: Awaited<ReturnType<typeof launchExtension>>): Promise<void> {
  await pinClock(session, SHOT_AT);
  const saved = await sendToBackground(session, { type: 'save-settings', settings: { countingSince: '2026-01-01' } });
  if (!saved.ok) throw new Error(`settings refused: ${saved.error}`);
}
const run = promisify(execFile);

describe.skipIf(!process.env.KPI_SCREENSHOTS)('sidebar screenshots', () => {
  it('captures the collapsed tab, the expanded panel and a confirmation', async () => {
    await mkdir(OUT, { recursive: true });
    const session = await launchExtension();
    try {
      await atShotTime(session);
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

/**
 * The .xlsx export as LibreOffice Calc prints it (one page wide, landscape): a quarter of a
 * plausible rep's counts, downloaded from the popup, turned into a PDF by Calc and its first page
 * (the weeks sheet) into docs/screenshots/export-xlsx.png by pdftoppm (Debian's poppler-utils).
 */
describe.skipIf(!process.env.KPI_SCREENSHOTS)('export screenshot', () => {
  it('captures the weekly sheet of the workbook as Calc prints it', async () => {
    await mkdir(OUT, { recursive: true });
    const work = await mkdtemp(join(tmpdir(), 'kpi-xlsx-shot-'));
    const session = await launchExtension();
    try {
      await atShotTime(session);
      const popup = await session.context.newPage();
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
      await popup.getByTestId('kpi-card-contacts').waitFor();
      await sendToBackground(session, { type: 'save-settings', settings: { repName: 'Anna Petrova', currency: 'USD', countingSince: '2026-01-01' } });
      const now = (await snapshotOf(session)).at;
      const events: CountEvent[] = [];
      // Thirteen weeks of a rep who meets the weekly targets more often than not, on working days.
      for (let day = 1; day < 91; day++) {
        const at = now - day * 86_400_000;
        const weekday = new Date(at).getUTCDay();
        if (weekday === 0 || weekday === 6) continue;
        if (day % 5 !== 2) events.push({ key: `manual:shot-c-${day}`, kpi: 'contacts', at, source: 'manual' });
        if (day % 11 === 4) events.push({ key: `manual:shot-c2-${day}`, kpi: 'contacts', at: at + 60_000, source: 'manual' });
        if (day % 3 === 1) events.push({ key: `manual:shot-q-${day}`, kpi: 'equotes', at, source: 'manual' });
        if (day % 2 === 0) events.push({ key: `manual:shot-d-${day}`, kpi: 'devices', at, source: 'manual' });
        if (day % 17 === 3) events.push({ key: `manual:shot-e-${day}`, kpi: 'ecustomers', at, source: 'manual' });
        if (day % 6 === 2) events.push({ key: `manual:shot-r-${day}`, kpi: 'revenue', at, source: 'manual', amount: 1_800 + ((day * 977) % 4_200) + 0.5, currency: 'USD' });
      }
      await putEvents(popup, events);
      await restartServiceWorker(session);
      await popup.reload();
      await popup.getByTestId('export-range').selectOption('last-13');
      const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId('export-xlsx').click()]);
      const xlsx = join(work, download.suggestedFilename());
      await copyFile(await download.path(), xlsx);

      const profile = pathToFileURL(join(work, 'profile')).href;
      await run(SOFFICE, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, xlsx], { timeout: 110_000 });
      const pdf = xlsx.replace(/\.xlsx$/, '.pdf');
      // First page at 110 dpi, cropped to the table (A4 landscape is 1286 × 909 px at that size).
      await run('pdftoppm', ['-png', '-singlefile', '-r', '110', '-f', '1', '-l', '1', '-x', '60', '-y', '60', '-W', '1170', '-H', '330', pdf, join(work, 'shot')]);
      await copyFile(join(work, 'shot.png'), new URL('export-xlsx.png', OUT).pathname);
    } finally {
      await session.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});
