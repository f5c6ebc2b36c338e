import { afterAll, describe, expect, it, vi } from 'vitest';
import { relaySidebarFacts, type SidebarFacts } from '@/lib/background/sidebar-facts-relay';

describe('what the host tells its sidebar frame', () => {
  afterAll(() => vi.unstubAllGlobals());

  it('starts from the frame URL fragment, then follows each word from the host, ignoring anything else', async () => {
    vi.stubGlobal('location', { hash: '#vh=700&nav=0&theme=dark' });
    const { heardFromHost, hostFacts, onHostFacts } = await import('@/entrypoints/sidebar/host-facts');
    expect(hostFacts()).toEqual({ viewportHeight: 700, navigation: 0, theme: 'dark' });
    const heard = vi.fn();
    const stop = onHostFacts(heard);
    heardFromHost('vh=540&nav=3&theme=light');
    expect(hostFacts()).toEqual({ viewportHeight: 540, navigation: 3, theme: 'light' });
    expect(heard).toHaveBeenCalledTimes(1);
    heardFromHost({ vh: 1 });
    heardFromHost(undefined);
    expect(hostFacts()).toEqual({ viewportHeight: 540, navigation: 3, theme: 'light' });
    expect(heard).toHaveBeenCalledTimes(1);
    // Nonsense values fall back to safe ones; an unknown theme means "follow the OS".
    heardFromHost('vh=-5&nav=abc&theme=<b>');
    expect(hostFacts()).toEqual({ viewportHeight: 800, navigation: 0 });
    stop();
    heardFromHost('vh=600&nav=4');
    expect(heard).toHaveBeenCalledTimes(2);
  });
});

describe('the background passing a host’s word to its frame (Firefox)', () => {
  const told: SidebarFacts = { type: 'sidebar-facts', host: 'k2j4h5', facts: 'vh=700&nav=2&theme=light' };

  it('sends it back to the one tab whose top-frame content script said it', () => {
    const send = vi.fn(async () => undefined);
    expect(relaySidebarFacts(told, { tab: { id: 7 }, frameId: 0 }, send)).toBe(true);
    expect(send).toHaveBeenCalledExactlyOnceWith(7, told);
  });

  it('passes on nothing from a page’s inner frame or from outside a tab', () => {
    const send = vi.fn(async () => undefined);
    expect(relaySidebarFacts(told, { tab: { id: 7 }, frameId: 3 }, send)).toBe(true);
    expect(relaySidebarFacts(told, { frameId: 0 }, send)).toBe(true);
    expect(send).not.toHaveBeenCalled();
  });

  it('leaves other messages and malformed ones to the other handlers, sending nothing', () => {
    const send = vi.fn(async () => undefined);
    const sender = { tab: { id: 7 }, frameId: 0 };
    expect(relaySidebarFacts({ type: 'page-signals', signals: [] }, sender, send)).toBe(false);
    expect(relaySidebarFacts({ ...told, host: 'not an id!' }, sender, send)).toBe(false);
    expect(relaySidebarFacts({ ...told, facts: 'x'.repeat(500) }, sender, send)).toBe(false);
    expect(relaySidebarFacts({ ...told, data: 'extra' }, sender, send)).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });
});
