import { describe, expect, it } from 'vitest';
import { openPrivateChannel } from '@/lib/page/channel';
import { parseHookConfig } from '@/lib/page/hook-protocol';

function connectedPair(first: 'main' | 'isolated') {
  const target = new EventTarget();
  const ports: Record<string, MessagePort> = {};
  const second = first === 'main' ? 'isolated' : 'main';
  openPrivateChannel(first, target, (p) => (ports[first] = p));
  openPrivateChannel(second, target, (p) => (ports[second] = p));
  return { target, ports };
}

describe('openPrivateChannel', () => {
  it.each(['main', 'isolated'] as const)('connects synchronously when %s runs first', async (first) => {
    const { ports } = connectedPair(first);
    expect(ports.main).toBeDefined();
    expect(ports.isolated).toBeDefined();
    const received = new Promise((resolve) => (ports.isolated!.onmessage = (e) => resolve(e.data)));
    ports.main!.postMessage({ type: 'exchange' });
    expect(await received).toEqual({ type: 'exchange' });
    ports.main!.close();
    ports.isolated!.close();
  });

  it('ignores a later hello, so a page script never gets a port', () => {
    const { target, ports } = connectedPair('isolated');
    let leaked = false;
    target.addEventListener('kpi-pacer-channel:port-main', () => (leaked = true));
    target.addEventListener('kpi-pacer-channel:port-isolated', () => (leaked = true));
    target.dispatchEvent(new Event('kpi-pacer-channel:hello-main'));
    target.dispatchEvent(new Event('kpi-pacer-channel:hello-isolated'));
    expect(leaked).toBe(false);
    ports.main!.close();
    ports.isolated!.close();
  });

  it('can be abandoned while waiting', () => {
    const target = new EventTarget();
    let got = false;
    const stop = openPrivateChannel('isolated', target, () => (got = true));
    stop();
    openPrivateChannel('main', target, () => {});
    expect(got).toBe(false);
  });
});

describe('hook protocol validation', () => {
  it('accepts well-formed messages and refuses the rest', () => {
    expect(parseHookConfig({ type: 'config', rules: [{ methods: ['POST'], url: '/a' }], headers: ['h'] })).toEqual({
      type: 'config',
      rules: [{ methods: ['POST'], url: '/a' }],
      headers: ['h'],
    });
    expect(parseHookConfig({ type: 'config', rules: [{ methods: 'POST', url: '/a' }], headers: [] })).toBeNull();
  });
});
