import type { Frame, Page } from 'puppeteer-core';
import { waitFor, type FirefoxSession } from '@/tests/firefox/harness';

/**
 * The sidebar frames in a page. Firefox's WebDriver BiDi reports an extension frame only as it
 * was created (about:blank) and sends no events from it, but scripts still run in it: each child
 * frame is asked for its own address.
 */
export async function sidebarFrames(page: Page, session: FirefoxSession): Promise<Frame[]> {
  const prefix = session.extensionUrl('sidebar.html');
  const found: Frame[] = [];
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || frame.detached) continue;
    const href = await frame.evaluate(() => location.href).catch(() => '');
    if (href.startsWith(prefix)) found.push(frame);
  }
  return found;
}

/** The page's one sidebar frame, once its document has loaded. */
export async function sidebarFrame(page: Page, session: FirefoxSession, timeoutMs = 10_000): Promise<Frame> {
  let frame: Frame | undefined;
  await waitFor(
    async () => {
      [frame] = await sidebarFrames(page, session);
      return frame !== undefined && (await frame.evaluate(() => document.readyState).catch(() => '')) === 'complete';
    },
    timeoutMs,
    'the sidebar frame',
  );
  return frame!;
}

/** Host elements as a page script sees them. */
export function hostCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('[data-kpi-pacer-host]').length);
}

/** Text of an element in a page or frame, once it is there. */
export async function textOf(target: Page | Frame, testId: string): Promise<string> {
  const handle = await target.waitForSelector(`[data-testid="${testId}"]`, { timeout: 10_000 });
  return (await handle!.evaluate((el) => el.textContent)) ?? '';
}
