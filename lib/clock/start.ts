import { browser } from 'wxt/browser';
import { followPinnedClock } from './pinned';

// Set by wxt.config.ts for builds made with KPI_TEST_HOSTS; absent (so false) everywhere else.
declare const __KPI_TEST_BUILD__: boolean | undefined;

/** True in the test build, the only build that lets the end-to-end suite pin the clock. */
export const TEST_BUILD: boolean = typeof __KPI_TEST_BUILD__ !== 'undefined' && __KPI_TEST_BUILD__ === true;

let ready: Promise<void> | undefined;

/**
 * Resolves when this context's clock is in place. In a release build that is at once; in the
 * test build it first reads the pinned instant, if any, and then follows changes to it.
 */
export function clockReady(onChange?: () => void): Promise<void> {
  if (!TEST_BUILD) return Promise.resolve();
  ready ??= followPinnedClock(browser.storage as never, onChange);
  return ready;
}
