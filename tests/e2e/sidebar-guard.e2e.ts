import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipedrive } from '@/tests/fixtures/pipedrive/flows';
import { launchExtension, listEvents, serveFixtures, waitFor, type ExtensionSession } from './harness';
import { createPerson, personKey, PIPEDRIVE_LIST } from './lib/crm-creates';
import { frameBox, sidebarFrame } from './lib/sidebar-frame';

const SETTLE_MS = 1_200;

describe('the sidebar against a hostile page', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchExtension();
    await serveFixtures(session.context, pipedrive.fixtureSet);
  });
  afterAll(async () => {
    await session?.close();
  });

  async function listPage(): Promise<{ page: Page; frame: Frame }> {
    const page = await session.context.newPage();
    await page.goto(PIPEDRIVE_LIST);
    const frame = await sidebarFrame(page, session.extensionId);
    await frame.getByTestId('sidebar-tab').waitFor();
    return { page, frame };
  }

  /** Clicks where the element is on screen, as the rep's mouse would, whatever covers it. */
  async function clickAt(page: Page, frame: Frame, testId: string): Promise<void> {
    const box = await frame.getByTestId(testId).boundingBox();
    if (!box) throw new Error(`${testId} has no box`);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  it('puts its host styles back when the page changes them', async () => {
    const { page } = await listPage();
    const after = await page.evaluate(async () => {
      const host = document.querySelector<HTMLElement>('[data-kpi-pacer-host]')!;
      host.style.setProperty('opacity', '0', 'important');
      host.style.setProperty('display', 'none', 'important');
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const style = getComputedStyle(host);
      return { opacity: style.opacity, display: style.display };
    });
    expect(after).toEqual({ opacity: '1', display: 'block' });
    await page.close();
  });

  it('ignores a click while the page has made it transparent, and takes it once it is visible again', async () => {
    const { page, frame } = await listPage();
    const id = await createPerson(page, 5000);
    const key = personKey(id);
    await waitFor(async () => (await listEvents(session)).some((e) => e.key === key), 10_000, 'the create to count');
    await frame.getByTestId('sidebar-undo').waitFor();
    // Nearly invisible, under a decoy the rep believes they are clicking.
    await page.evaluate(() => {
      document.documentElement.style.setProperty('opacity', '0.01');
      const decoy = document.createElement('button');
      decoy.textContent = 'Claim your prize';
      decoy.style.cssText = 'position:fixed;right:0;top:0;bottom:0;width:400px;z-index:0';
      document.body.append(decoy);
    });
    await waitFor(async () => (await frame.evaluate(() => document.documentElement.dataset.visible)) === 'false', 5_000, 'the sidebar to know it is not visible');
    await clickAt(page, frame, 'sidebar-undo');
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect((await listEvents(session)).some((e) => e.key === key)).toBe(true);

    await page.evaluate(() => document.documentElement.style.removeProperty('opacity'));
    await waitFor(async () => (await frame.evaluate(() => document.documentElement.dataset.visible)) === 'true', 5_000, 'the sidebar to be visible again');
    await clickAt(page, frame, 'sidebar-undo');
    await waitFor(async () => !(await listEvents(session)).some((e) => e.key === key), 5_000, 'Undo to remove the count');
    await page.close();
  });

  it('ignores a click while covered by another element', async () => {
    const { page, frame } = await listPage();
    const key = personKey(await createPerson(page, 5001));
    await frame.getByTestId('sidebar-undo').waitFor();
    // A cover that lets the click through to the sidebar underneath.
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:rgba(255,255,255,0.98)';
      document.body.append(cover);
    });
    await waitFor(async () => (await frame.evaluate(() => document.documentElement.dataset.visible)) === 'false', 5_000, 'the sidebar to know it is covered');
    await clickAt(page, frame, 'sidebar-undo');
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect((await listEvents(session)).some((e) => e.key === key)).toBe(true);
    await page.close();
  });

  it('keeps its size when something is counted in another tab', async () => {
    const watching = await listPage();
    const working = await listPage();
    const key = personKey(await createPerson(working.page, 5002));
    await waitFor(async () => (await listEvents(session)).some((e) => e.key === key), 10_000, 'the create to count');
    // The tab where it was counted confirms it, widening its collapsed frame.
    await waitFor(async () => (await frameBox(working.frame)).width === 320, 5_000, 'the working tab to confirm');
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect((await frameBox(watching.frame)).width).toBe(40);
    expect(await watching.frame.getByTestId('sidebar-confirmation').count()).toBe(0);
    await watching.page.close();
    await working.page.close();
  });
});
