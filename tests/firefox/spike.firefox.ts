import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { strictCspFixture } from '../fixtures/strict-csp/fixture';
import { launchFirefox, registeredScripts, extensionPage, openExtensionPage, listEvents, waitFor, type FirefoxSession } from './harness';

let session: FirefoxSession;
beforeAll(async () => { session = await launchFirefox({ keepProfile: true }); session.serveFixtures(strictCspFixture); });
afterAll(async () => { await session?.close(); });
it('spike', async () => {
  const page = await session.browser.newPage();
  await page.goto('https://app.hubspot.com/contacts/1234567/record/0-2/777');
  await new Promise(r => setTimeout(r, 1500));
  console.log('frames', page.frames().map(f => f.url()));
  for (const f of page.frames().slice(1)) console.log('frame eval', await f.evaluate(() => location.href + ' | ' + document.body?.innerText.slice(0, 100)).catch(String));
  await page.locator('[data-testid="probe"]').click();
  console.log('probe', await page.$eval('[data-testid="probe-result"]', (e) => e.textContent));
  const popup = await openExtensionPage(session, 'popup.html');
  await popup.locator('[data-testid="add-contacts"]').click();
  await popup.locator('[data-testid="export-csv"]').click();
  await waitFor(async () => (await readdir(session.downloadDir)).length > 0, 10_000, 'download');
  console.log('downloads', await readdir(session.downloadDir));
  const { profileDir } = session;
  await session.close();
  const t = Date.now();
  session = await launchFirefox({ profileDir, keepProfile: false });
  console.log('restart took', Date.now() - t, (await registeredScripts(session)).length, (await listEvents(session)).length);
  expect(1).toBe(1);
});
