import { chromium } from 'playwright-core';
const dir = process.argv[2]; const prof = '/tmp/prof-persist-' + Date.now();
for (let round = 0; round < 2; round++) {
  const ctx = await chromium.launchPersistentContext(prof, { executablePath: '/usr/bin/chromium', headless: true, args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const sw = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker');
  const id = new URL(sw.url()).host;
  const p = await ctx.newPage();
  await p.goto(`chrome-extension://${id}/popup.html`);
  if (round === 0) console.log(await p.evaluate(() => chrome.runtime.sendMessage({ type: 'add-manual', kpi: 'contacts' })));
  console.log(round, id, JSON.stringify(await p.evaluate(() => chrome.runtime.sendMessage({ type: 'list-events' }))).slice(0, 200));
  if (round === 0) await p.waitForTimeout(Number(process.argv[3] ?? 0));
  await ctx.close();
}
