import { describe, expect, it } from 'vitest';
import { adapterFromAnswer, askPageAdapter } from '@/entrypoints/crm.content/page-adapter';
import { odoo } from '@/lib/crm/adapters/odoo';
import { hubspot } from '@/lib/crm/adapters/hubspot';
import { applyMappings } from '@/lib/rules';

const CUSTOM = 'https://crm.dealer.example/odoo/contacts/new';

describe('askPageAdapter', () => {
  it('uses the adapter the background resolved, also on a domain no shipped adapter knows', async () => {
    const asked: unknown[] = [];
    const adapter = await askPageAdapter(CUSTOM, async (message) => {
      asked.push(message);
      return { ok: true, data: { adapter: odoo } };
    });
    expect(asked).toEqual([{ type: 'page-adapter' }]);
    expect(adapter?.id).toBe('odoo');
  });

  it("carries the rep's mappings: a mapped custom object is a kind of the answer", async () => {
    const mapped = applyMappings(hubspot, [{ adapter: 'hubspot', object: '2-1234', kpis: ['devices'] }]);
    const adapter = await askPageAdapter('https://app.hubspot.com/', async () => ({ ok: true, data: { adapter: mapped } }));
    expect(Object.values(adapter?.kinds ?? {}).some((kind) => kind.objects?.includes('2-1234') && kind.kpis?.includes('devices'))).toBe(true);
  });

  it('an answer of "none" is final, even on a shipped CRM host (the rep turned it off)', async () => {
    expect(await askPageAdapter('https://app.hubspot.com/', async () => ({ ok: true, data: { adapter: null } }))).toBeUndefined();
  });

  it('falls back to the shipped adapter for the URL when the background does not answer usefully', async () => {
    const failing = async () => {
      throw new Error('Extension context invalidated.');
    };
    expect((await askPageAdapter('https://app.hubspot.com/', failing))?.id).toBe('hubspot');
    expect((await askPageAdapter('https://app.hubspot.com/', async () => ({ ok: false, error: 'x' })))?.id).toBe('hubspot');
    expect((await askPageAdapter('https://app.hubspot.com/', async () => undefined))?.id).toBe('hubspot');
    expect(await askPageAdapter(CUSTOM, failing)).toBeUndefined();
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
