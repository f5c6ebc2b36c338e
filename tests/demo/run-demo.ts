/**
 * `npm run demo`: opens Chromium with the built extension on a bundled demo CRM.
 * Headed by default; `--headless` walks through creating a contact, a quote and an order by itself
 * and prints what KPI Pacer counted (for machines without a display). `--screenshots DIR` also
 * saves pictures of the demo page and the popup.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { badge, launchExtension, listEvents, serveFixtures, type FixtureSet } from '@/tests/e2e/harness';
import { file, json } from '@/tests/e2e/lib/fixture-server';

const PORTAL_URL = 'https://app.hubspot.com/contacts/1234567/objects/0-1/views/all/list';
const args = process.argv.slice(2);
const headless = args.includes('--headless');
const screenshotsAt = args.indexOf('--screenshots');
const screenshotsDir = screenshotsAt >= 0 ? args[screenshotsAt + 1] : undefined;

const demoCrm: FixtureSet = {
  name: 'demo',
  origins: ['https://app.hubspot.com'],
  routes: [
    { id: 'page', method: 'GET', path: /^\/contacts\//, handle: file(new URL('./crm/index.html', import.meta.url)) },
    { id: 'script', method: 'GET', path: /^\/__demo\/demo\.js$/, handle: file(new URL('./crm/demo.js', import.meta.url)) },
    { id: 'style', method: 'GET', path: /^\/__demo\/demo\.css$/, handle: file(new URL('./crm/demo.css', import.meta.url)) },
    {
      id: 'create',
      method: 'POST',
      path: /ObjectBuilderRpc\/createObjectAndAssociations$/,
      handle: (req, state) => {
        const { createRequest } = req.json<{ createRequest: { objectTypeId: string } }>();
        const objectId = state.nextId('objects', 70_001);
        return json({ data: { result: { crmObject: { objectId, objectTypeId: createRequest.objectTypeId } } } });
      },
    },
  ],
};

if (!headless) process.env.KPI_HEADED = '1';
const session = await launchExtension();
await serveFixtures(session.context, demoCrm);
const page = await session.context.newPage();
await page.goto(PORTAL_URL);
console.log(`KPI Pacer is loaded (extension id ${session.extensionId}). Demo CRM: ${PORTAL_URL}`);

if (headless) {
  for (const id of ['demo-create-contact', 'demo-create-quote', 'demo-create-order']) {
    await page.getByTestId(id).click();
    await page.waitForTimeout(400);
  }
  const events = await listEvents(session);
  const { text, title } = await badge(session);
  console.log(`Counted ${events.length} events:`);
  for (const e of events) console.log(`  ${e.kpi.padEnd(10)} ${e.kind ?? 'manual'} #${e.recordId ?? ''}${e.amount ? ` ${e.amount} ${e.currency}` : ''}`);
  console.log(`Badge: ${text}\n${title}`);
  if (screenshotsDir) {
    await mkdir(screenshotsDir, { recursive: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: join(screenshotsDir, 'demo-crm.png') });
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 380, height: 900 });
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.getByTestId('kpi-card-revenue').waitFor();
    await popup.screenshot({ path: join(screenshotsDir, 'popup.png'), fullPage: true });
    console.log(`Screenshots written to ${screenshotsDir}`);
  }
  await session.close();
} else {
  console.log('Create a contact, a quote and an order, then open the KPI Pacer popup from the toolbar. Close the window to stop.');
  await new Promise<void>((resolve) => session.context.on('close', () => resolve()));
}
