import { describe, expect, it } from 'vitest';
import { adapterFromAnswer, askPageAdapter } from '@/entrypoints/crm.content/page-adapter';
import { odoo } from '@/lib/crm/adapters/odoo';
import { hubspot } from '@/lib/crm/adapters/hubspot';
import { applyMappings } from '@/lib/rules';

describe('askPageAdapter', () => {
  it('uses the adapter the background resolved, also on a domain no shipped adapter knows', async () => {
    const asked: unknown[] = [];
    const adapter = await askPageAdapter(async (message) => {
      asked.push(message);
      return { ok: true, data: { adapter: odoo } };
    });
    expect(asked).toEqual([{ type: 'page-adapter' }]);
    expect(adapter?.id).toBe('odoo');
  });

  it("carries the rep's mappings: a mapped custom object is a kind of the answer", async () => {
    const mapped = applyMappings(hubspot, [{ adapter: 'hubspot', object: '2-1234', kpis: ['devices'] }]);
    const adapter = await askPageAdapter(async () => ({ ok: true, data: { adapter: mapped } }));
    expect(Object.values(adapter?.kinds ?? {}).some((kind) => kind.objects?.includes('2-1234') && kind.kpis?.includes('devices'))).toBe(true);
  });

  it('an answer of "none" is final, even on a shipped CRM host (the rep turned it off)', async () => {
    expect(await askPageAdapter(async () => ({ ok: true, data: { adapter: null } }))).toBeUndefined();
  });

  it('asks again while the background gives no usable answer, then runs without an adapter', async () => {
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    let asks = 0;
    const failing = async () => {
      asks += 1;
      throw new Error('Extension context invalidated.');
    };
    expect(await askPageAdapter(failing, wait)).toBeUndefined();
    expect(asks).toBe(4);
    expect(waits).toEqual([250, 1_000, 4_000]);

    const answers: unknown[] = [undefined, { ok: false, error: 'x' }, { ok: true, data: { adapter: hubspot } }];
    const adapter = await askPageAdapter(async () => answers.shift(), wait);
    expect(adapter?.id).toBe('hubspot');
    expect(answers).toEqual([]);
  });

  it('never falls back to a shipped adapter the background did not give: the page bundles none', async () => {
    expect(await askPageAdapter(async () => undefined, async () => undefined)).toBeUndefined();
  });
});

describe('adapterFromAnswer', () => {
  it('refuses answers whose adapter lacks the shape the engine walks', () => {
    expect(adapterFromAnswer({ ok: true, data: { adapter: { id: 'x', hosts: [], kinds: {}, network: 'all' } } })).toBeUndefined();
    expect(adapterFromAnswer({ ok: true, data: { adapter: { id: 'x', kinds: {} } } })).toBeUndefined();
    expect(adapterFromAnswer({ ok: true, data: { adapter: null } })).toBeNull();
    expect(adapterFromAnswer({ ok: true, data: { adapter: { id: 'x', hosts: [], kinds: {} } } })?.id).toBe('x');
  });
});
