import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipedrive } from '@/tests/fixtures/pipedrive/flows';
import { badge, launchExtension, listEvents, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { browserCdp, createPerson, personKey, PIPEDRIVE_LIST, seeded, stopServiceWorker } from './lib/crm-creates';

/** Long enough for a delivery's backoff to get through a few stopped workers. */
const DELIVERY_TIMEOUT_MS = 60_000;

async function newListPage(session: ExtensionSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(PIPEDRIVE_LIST);
  // The hook holds requests until its rules arrive; the sidebar frame shows the content script is up.
  await page.waitForFunction(() => document.querySelector('[data-kpi-pacer-host]') !== null);
  return page;
}

describe('delivery to the background', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
    await serveFixtures(session.context, pipedrive.fixtureSet);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('stores every record exactly once while the service worker is stopped at random moments', async () => {
    const random = seeded(20261130);
    // Four tabs, so no tab goes faster than a rep could by hand (that would be held, see bursts).
    const pages = [await newListPage(session), await newListPage(session), await newListPage(session), await newListPage(session)];
    const before = new Set((await listEvents(session)).map((e) => e.key));
    const ids: number[] = [];
    let stops = 0;
    for (let n = 0; n < 52; n += 1) {
      const page = pages[Math.floor(random() * pages.length)]!;
      ids.push(await createPerson(page, n));
      // About every third create, the worker is stopped 0–60 ms later: before, during or after delivery.
      if (random() < 0.35) {
        const delay = Math.floor(random() * 60);
        await new Promise((r) => setTimeout(r, delay));
        await stopServiceWorker(session);
        stops += 1;
      }
    }
    const wanted = ids.map(personKey);
    await waitFor(
      async () => {
        const keys = new Set((await listEvents(session)).map((e) => e.key));
        return wanted.every((key) => keys.has(key));
      },
      DELIVERY_TIMEOUT_MS,
      'every record to be stored',
    ).catch(() => undefined);
    const added = (await listEvents(session)).filter((e) => !before.has(e.key));
    const stored = added.map((e) => e.key).sort();
    console.log(`reliability: ${ids.length} creates, ${stops} worker stops, ${new Set(stored).size} stored`);
    expect(stops).toBeGreaterThan(10);
    expect(stored).toEqual([...wanted].sort());
    for (const page of pages) await page.close();
  });

});

// A browser of its own: the browser keeps the room it measured for a database that has been
// written to for a while, so the quota override is set before this profile writes anything.
describe('delivery when the browser has no storage room', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
    await serveFixtures(session.context, pipedrive.fixtureSet);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('keeps counts the browser has no room for, shows why, and saves them once there is room', async () => {
    const cdp = await browserCdp(session);
    const origin = `chrome-extension://${session.extensionId}`;
    const page = await newListPage(session);
    const popup = await session.context.newPage();
    await popup.goto(`${origin}/popup.html`);
    await popup.getByTestId('kpi-card-contacts').waitFor();
    const before = new Set((await listEvents(session)).map((e) => e.key));

    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    // The browser keeps the room it measured for a database already written to (the first run
    // stores the day counting started), so the database starts again, empty, under the new quota:
    // a rep whose disk is full from the start. The next worker opens it there.
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb' });
    await stopServiceWorker(session);
    try {
      const ids: number[] = [];
      for (let n = 0; n < 20; n += 1) ids.push(await createPerson(page, 1000 + n));
      // The rep sees it: a mark on the badge with the reason, a line in the popup and in Options.
      await waitFor(async () => (await badge(session)).title.includes('Waiting to be saved: 20'), DELIVERY_TIMEOUT_MS, 'the badge to say 20 counts wait').catch(async (err) => {
        throw new Error(`${err}: ${JSON.stringify(await badge(session))}`);
      });
      expect((await badge(session)).text.startsWith('!')).toBe(true);
      await expect.poll(() => popup.getByTestId('waiting-note').textContent()).toContain('Waiting to be saved: 20');
      const options = await session.context.newPage();
      await options.goto(`${origin}/options.html`);
      await expect.poll(() => options.getByTestId('waiting-note').textContent()).toContain('Waiting to be saved: 20');
      await options.close();
      expect((await listEvents(session)).filter((e) => !before.has(e.key))).toEqual([]);

      // A manual entry that cannot be saved says so in plain words.
      await popup.getByTestId('add-contacts').click();
      const error = popup.getByTestId('popup-error');
      await error.waitFor();
      expect(await error.textContent()).toBe('Not saved: the browser has no storage room left. Free some disk space and try again.');

      // Room again: the next create goes through and the 20 kept aside follow it.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      ids.push(await createPerson(page, 1100));
      await waitFor(
        async () => {
          const keys = new Set((await listEvents(session)).map((e) => e.key));
          return ids.every((id) => keys.has(personKey(id)));
        },
        DELIVERY_TIMEOUT_MS,
        'the kept counts to be saved',
      ).catch(() => undefined);
      const added = (await listEvents(session)).filter((e) => !before.has(e.key)).map((e) => e.key);
      expect(added.sort()).toEqual(ids.map(personKey).sort());
      await waitFor(async () => !(await badge(session)).text.startsWith('!'), DELIVERY_TIMEOUT_MS, 'the badge mark to go');
      await expect.poll(() => popup.getByTestId('waiting-note').count()).toBe(0);
    } finally {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin }).catch(() => undefined);
      await popup.close();
      await page.close();
    }
  });
});
