import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fixedClock, now, resetClock, setClock } from '@/lib/clock';
import { followPinnedClock, PINNED_CLOCK_KEY, setPinnedClock } from '@/lib/clock/pinned';
import { clockReady, TEST_BUILD } from '@/lib/clock/start';

afterEach(() => {
  resetClock();
  fakeBrowser.reset();
});

describe('the clock', () => {
  it('reads the system clock by default and an injected one when set', () => {
    const before = Date.now();
    const reading = now();
    expect(reading).toBeGreaterThanOrEqual(before);
    expect(reading).toBeLessThanOrEqual(Date.now());
    const previous = setClock(fixedClock(Date.UTC(2026, 11, 14, 7, 40)));
    expect(now()).toBe(Date.UTC(2026, 11, 14, 7, 40));
    setClock(previous);
    expect(now()).toBeGreaterThanOrEqual(before);
  });

  it('a release build never reads a pin', async () => {
    expect(TEST_BUILD).toBe(false);
    await fakeBrowser.storage.local.set({ [PINNED_CLOCK_KEY]: 1 });
    await clockReady();
    expect(now()).not.toBe(1);
  });
});

describe('the test build\'s pinned clock', () => {
  it('follows the pin in storage, in this context and when another context changes it', async () => {
    const at = Date.UTC(2026, 11, 20, 22, 59);
    await fakeBrowser.storage.local.set({ [PINNED_CLOCK_KEY]: at });
    let changes = 0;
    await followPinnedClock(fakeBrowser.storage as never, () => changes++);
    expect(now()).toBe(at);

    // Another context (the background) moves it.
    await fakeBrowser.storage.local.set({ [PINNED_CLOCK_KEY]: at + 60_000 });
    expect(now()).toBe(at + 60_000);
    expect(changes).toBe(1);

    await setPinnedClock(fakeBrowser.storage as never, null);
    expect(Math.abs(now() - Date.now())).toBeLessThan(1000);
    expect(await fakeBrowser.storage.local.get(PINNED_CLOCK_KEY)).toEqual({});
  });

  it('ignores a malformed pin', async () => {
    await fakeBrowser.storage.local.set({ [PINNED_CLOCK_KEY]: 'tomorrow' });
    await followPinnedClock(fakeBrowser.storage as never);
    expect(Math.abs(now() - Date.now())).toBeLessThan(1000);
  });
});
