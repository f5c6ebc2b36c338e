import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIDEBAR_PREFS_KEY } from '@/lib/page/sidebar-host/prefs';
import { VIEW_CACHE_KEY } from '@/lib/view/view-keys';
import { extensionPage, launchExtension, sendToBackground, waitFor, type ExtensionSession } from './harness';

/**
 * The popup and the open sidebar paint their six KPIs from a classic script at the top of the page
 * (entrypoints/popup-start.ts, sidebar-start.ts), before the page's module graph runs. Shown here
 * by a copy of the built extension whose popup and sidebar pages have no module script at all:
 * whatever they show, the start scripts drew.
 */
const KPIS = ['contacts', 'equotes', 'ecustomers', 'devices', 'visitors', 'revenue'];
const SITE = 'acme.lightning.force.com';

let session: ExtensionSession;
let copyDir: string;

/** The built pages without their module scripts and module preloads. */
async function withoutModules(dir: string, file: string): Promise<void> {
  const path = join(dir, file);
  const html = await readFile(path, 'utf8');
  const stripped = html.replace(/^\s*<script type="module"[^>]*><\/script>\n/gm, '').replace(/^\s*<link rel="modulepreload"[^>]*>\n/gm, '');
  expect(stripped).not.toContain('type="module"');
  expect(stripped).toContain(`${file.replace('.html', '')}-start.js`);
  await writeFile(path, stripped);
}

beforeAll(async () => {
  copyDir = await mkdtemp(join(tmpdir(), 'kpi-first-paint-'));
  await cp(resolve(process.env.KPI_EXTENSION_DIR ?? '.output/chrome-mv3'), copyDir, { recursive: true });
  await withoutModules(copyDir, 'popup.html');
  await withoutModules(copyDir, 'sidebar.html');
  session = await launchExtension({ extensionDir: copyDir });
  for (let i = 0; i < 3; i++) expect((await sendToBackground(session, { type: 'add-manual', kpi: 'contacts' })).ok).toBe(true);
  // The background caches the view it last drew; the start scripts paint from that copy.
  const page = await extensionPage(session);
  await waitFor(
    () =>
      page.evaluate(async (key) => {
        const view = (await chrome.storage.session.get(key))[key] as { snapshot?: { kpis?: { kpi: string; value: number }[] } } | undefined;
        return view?.snapshot?.kpis?.find((k) => k.kpi === 'contacts')?.value === 3;
      }, VIEW_CACHE_KEY),
    10_000,
    'the cached view with three contacts',
  );
});

afterAll(async () => {
  await session?.close();
  if (copyDir) await rm(copyDir, { recursive: true, force: true });
});

describe('first paint before any module runs', () => {
  it('the popup shows its six KPIs from the cached view', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await expect.poll(() => page.locator('[data-testid^="kpi-value-"]').count(), { timeout: 5_000 }).toBe(6);
    expect(await page.getByTestId('kpi-value-contacts').textContent()).toBe('3');
    for (const kpi of KPIS) expect((await page.getByTestId(`kpi-value-${kpi}`).textContent())?.trim()).not.toBe('');
    // The first paint's markup, which the full popup replaces; here nothing replaces it.
    expect(await page.locator('main.popup').getAttribute('aria-busy')).toBe('true');
    await page.close();
  });

  it('the sidebar shows them only where the rep keeps it open, in the page’s colours', async () => {
    const page = await extensionPage(session);
    const setExpanded = (expanded: boolean) =>
      page.evaluate(([key, site, open]) => chrome.storage.local.set({ [key as string]: { sites: { [site as string]: { expanded: open } } } }), [SIDEBAR_PREFS_KEY, SITE, expanded] as const);

    await setExpanded(true);
    const open = await session.context.newPage();
    await open.goto(`chrome-extension://${session.extensionId}/sidebar.html?site=${SITE}#vh=700&theme=dark`);
    await expect.poll(() => open.locator('[data-testid^="sidebar-value-"]').count(), { timeout: 5_000 }).toBe(6);
    expect(await open.getByTestId('sidebar-value-contacts').textContent()).toBe('3');
    expect(await open.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await open.close();

    // Collapsed, the tab is placed by the full sidebar: the start script leaves the root empty.
    await setExpanded(false);
    const collapsed = await session.context.newPage();
    await collapsed.goto(`chrome-extension://${session.extensionId}/sidebar.html?site=${SITE}#vh=700`);
    await collapsed.waitForLoadState('load');
    // Both reads the start script waits for are answered by the time a fresh read is.
    await collapsed.evaluate(async (key) => chrome.storage.session.get(key).then(() => chrome.storage.local.get(key)), VIEW_CACHE_KEY);
    expect(await collapsed.evaluate(() => document.getElementById('root')?.childElementCount)).toBe(0);
    await collapsed.close();
  });
});
