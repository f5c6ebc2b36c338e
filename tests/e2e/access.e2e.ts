import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '@/lib/crm/adapters';
import { shippedHosts } from '@/lib/sites/shipped';
import { launchExtension, sendToBackground, type ExtensionSession } from './harness';
import { textOverflows } from './lib/overflow';

/**
 * The popup says so when KPI Pacer cannot read the rep's CRMs (onboarding skipped, or the browser
 * refused), and its button asks for exactly the missing hosts. A release build holds no host; this
 * one holds Pipedrive's only, as if the rep had allowed that CRM and no other.
 */
const BUILD = resolve('.output-access');
const EXTENSION_DIR = join(BUILD, 'chrome-mv3');
const GRANTED = 'pipedrive';
const VIEWPORT = { width: 1366, height: 768 };

beforeAll(() => {
  execFileSync('npx', ['wxt', 'build'], {
    env: { ...process.env, KPI_OUT_DIR: BUILD, KPI_TEST_HOSTS: shippedHosts([GRANTED]).join(',') },
    stdio: 'pipe',
  });
}, 180_000);

async function openPopup(session: ExtensionSession): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
  await popup.getByTestId('popup').waitFor();
  return popup;
}

for (const language of ['en', 'ru'] as const) {
  describe(`no access, in ${language === 'en' ? 'English' : 'Russian'}`, () => {
    let session: ExtensionSession;
    beforeAll(async () => {
      session = await launchExtension({ extensionDir: EXTENSION_DIR, uiLanguage: language, viewport: VIEWPORT });
    }, 60_000);
    afterAll(async () => {
      await session?.close();
    });

    it('after a skipped onboarding: the banner names every CRM that cannot be read and asks for exactly their hosts', async () => {
      const popup = await openPopup(session);
      const banner = popup.getByTestId('access-banner');
      await banner.waitFor();
      const missing = ADAPTERS.filter((a) => a.id !== GRANTED);
      const text = (await popup.getByTestId('access-missing').textContent()) ?? '';
      for (const adapter of missing) expect(text).toContain(adapter.name);
      expect(text).not.toContain(ADAPTERS.find((a) => a.id === GRANTED)!.name);
      // At the top: nothing but the header comes before it.
      expect(await popup.evaluate(() => document.querySelector('[data-testid="popup"] > :nth-child(2)')?.getAttribute('data-testid'))).toBe('access-banner');
      expect((await textOverflows(popup)).map((o) => o.where)).toEqual([]);

      // What the button asks the browser for, recorded on its way to the real API, which then
      // shows its prompt (a headless browser leaves it open: nobody can click it here).
      await popup.evaluate(() => {
        const asked: string[][] = [];
        (window as unknown as { asked: string[][] }).asked = asked;
        const original = chrome.permissions.request.bind(chrome.permissions);
        chrome.permissions.request = ((request: chrome.permissions.Permissions, ...rest: unknown[]) => {
          asked.push([...(request.origins ?? [])]);
          return (original as (...args: unknown[]) => unknown)(request, ...rest);
        }) as typeof chrome.permissions.request;
      });
      await popup.getByTestId('access-allow').click();
      const asked = await popup.evaluate(() => (window as unknown as { asked: string[][] }).asked);
      expect(asked).toHaveLength(1);
      expect([...asked[0]!].sort()).toEqual(shippedHosts(missing.map((a) => a.id)).sort());
      expect(await popup.getByTestId('access-banner').getAttribute('data-origins')).toBe(shippedHosts(missing.map((a) => a.id)).join(' '));
      await popup.close();
    });

    it('is gone once every CRM the rep chose can be read', async () => {
      const others = ADAPTERS.map((a) => a.id).filter((id) => id !== GRANTED);
      const saved = await sendToBackground(session, { type: 'save-rules', rules: { disabledAdapters: others } });
      expect(saved.ok).toBe(true);
      const popup = await openPopup(session);
      // The popup asks the background after the KPIs show: wait for its answer, then look.
      await expect.poll(() => popup.evaluate(() => chrome.runtime.sendMessage({ type: 'crm-access' }))).toEqual({ ok: true, data: { crms: [], sites: [], origins: [] } });
      await popup.getByTestId('recent').waitFor();
      expect(await popup.getByTestId('access-banner').count()).toBe(0);
      await popup.close();
    });
  });
}
