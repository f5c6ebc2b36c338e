import type { Frame, Page } from 'playwright-core';
import { waitFor } from '@/tests/e2e/harness';

/** The sidebar frames in a page: Playwright sees frames inside closed shadow roots, page scripts do not. */
export function sidebarFrames(page: Page, extensionId: string): Frame[] {
  return page.frames().filter((f) => f.url().startsWith(`chrome-extension://${extensionId}/sidebar.html`));
}

export async function sidebarFrame(page: Page, extensionId: string, timeoutMs = 10_000): Promise<Frame> {
  await waitFor(() => sidebarFrames(page, extensionId).length > 0, timeoutMs, 'the sidebar frame');
  const [frame] = sidebarFrames(page, extensionId);
  await frame!.waitForLoadState('domcontentloaded');
  // The sidebar drops pointer clicks until the browser has told it that it is visible
  // (Intersection Observer v2); a test clicks as a rep would, once it can be seen.
  await waitFor(async () => (await frame!.evaluate(() => document.documentElement.dataset.visible).catch(() => undefined)) === 'true', timeoutMs, 'the sidebar to know it is visible');
  return frame!;
}

/** Host elements as a page script sees them. */
export function hostCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('[data-kpi-pacer-host]').length);
}

/** The frame element's box on the page (read through the browser, not through the page's DOM). */
export async function frameBox(frame: Frame): Promise<{ x: number; y: number; width: number; height: number }> {
  const element = await frame.frameElement();
  const box = await element.boundingBox();
  if (!box) throw new Error('The sidebar frame has no box');
  return box;
}
