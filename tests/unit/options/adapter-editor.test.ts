import { describe, expect, it } from 'vitest';
import { checkAdapterJson, EXAMPLE_ADAPTER, exampleAdapterJson, MAX_ADAPTER_JSON, removeAdapter } from '@/entrypoints/options/adapter-editor';
import { findingsFor, recentOnHost, testableTabs } from '@/entrypoints/options/tab-test';
import { eventsForRecord } from '@/lib/crm/counting';
import { detectFromExchange } from '@/lib/crm/engine';
import { ADAPTERS } from '@/lib/crm/adapters';
import type { CountEvent } from '@/lib/db/events';
import { emptyRules, RulesSchema } from '@/lib/overrides';

const rules = emptyRules();
const example = () => structuredClone(EXAMPLE_ADAPTER) as Record<string, any>;
const errorsOf = (input: unknown, base = rules) => {
  const result = checkAdapterJson(typeof input === 'string' ? input : JSON.stringify(input), base);
  return result.ok ? [] : result.errors;
};

describe('user-written adapter editor', () => {
  it('offers an example that validates and counts a contact created by POST /api/contacts', () => {
    const result = checkAdapterJson(exampleAdapterJson(), rules);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rules.adapters.map((a) => a.id)).toEqual(['my-crm']);
    const records = detectFromExchange(result.adapter, {
      method: 'POST',
      url: 'https://crm.example.com/api/contacts',
      status: 201,
      requestBody: JSON.stringify({ name: 'Ada', email: 'ada@example.com' }),
      responseBody: JSON.stringify({ id: 314 }),
      responseHeaders: {},
    } as never);
    expect(records).toHaveLength(1);
    expect(eventsForRecord(records[0]!, result.adapter)).toEqual([{ key: 'my-crm:contact:314', kpi: 'contacts' }]);
  });

  it('refuses text that is not JSON, or too long, before anything else', () => {
    expect(errorsOf('{"id": "x",')[0]).toMatch(/^\(adapter\): not valid JSON/);
    expect(errorsOf(' '.repeat(MAX_ADAPTER_JSON + 1))[0]).toMatch(/longer than/);
    expect(errorsOf('null')[0]).toMatch(/^\(adapter\): /);
    expect(errorsOf('[]')[0]).toMatch(/^\(adapter\): /);
  });

  it('names the field and what was expected for wrong types and missing fields', () => {
    const wrong = example();
    wrong.hosts = 'https://crm.example.com/*';
    wrong.network[0].methods = ['FETCH'];
    delete wrong.name;
    const errors = errorsOf(wrong);
    expect(errors.some((e) => e.startsWith('hosts: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('network.0.methods.0: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('name: '))).toBe(true);
  });

  it('refuses catastrophic regexes, all-sites hosts, huge strings and unknown kinds by path', () => {
    const hostile = example();
    hostile.network[0].url = '(a+)+$';
    hostile.hosts = ['https://*/*'];
    hostile.name = 'x'.repeat(100_000 - 2_000);
    hostile.routes[0].kind = 'ghost';
    const errors = errorsOf(hostile);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^network\.0\.url: unsafe or invalid regex/),
        expect.stringMatching(/^hosts\.0: all-sites/),
        expect.stringMatching(/^name: /),
        expect.stringMatching(/^routes\.0\.kind: unknown kind "ghost"/),
      ]),
    );
  });

  it('refuses prototype-pollution keys at the top, drops them inside kinds, and leaves Object.prototype alone', () => {
    const top = exampleAdapterJson().replace('"id": "my-crm",', '"id": "my-crm", "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } },');
    expect(errorsOf(top)).toEqual(['(adapter): Unrecognized keys: "__proto__", "constructor"']);
    const inKinds = checkAdapterJson(exampleAdapterJson().replace('"kinds": {', '"kinds": { "__proto__": { "kpis": ["devices"] },'), rules);
    expect(inKinds.ok && Object.keys(inKinds.adapter.kinds)).toEqual(['contact']);
    expect(inKinds.ok && Object.getPrototypeOf(inKinds.adapter.kinds)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses the id of a shipped adapter, and treats its own id as an edit', () => {
    const shippedId = { ...example(), id: 'odoo' };
    expect(errorsOf(shippedId)).toEqual(['id: "odoo" is a shipped adapter: choose another id']);
    const saved = checkAdapterJson(exampleAdapterJson(), rules);
    if (!saved.ok) throw new Error('example should validate');
    const renamed = checkAdapterJson(JSON.stringify({ ...example(), name: 'Renamed' }), saved.rules);
    expect(renamed.ok && renamed.rules.adapters.map((a) => a.name)).toEqual(['Renamed']);
  });

  it('will not remove an adapter a site or a mapping still uses', () => {
    const withSite = RulesSchema.parse({ adapters: [EXAMPLE_ADAPTER], sites: [{ pattern: 'https://crm.dealer.example/*', adapter: 'my-crm' }] });
    expect(removeAdapter(withSite, 'my-crm')).toEqual({ ok: false, usedBy: ['https://crm.dealer.example/*'] });
    const free = RulesSchema.parse({ adapters: [EXAMPLE_ADAPTER] });
    expect(removeAdapter(free, 'my-crm')).toEqual({ ok: true, rules: { ...free, adapters: [] } });
  });
});

describe('test on an open tab', () => {
  const custom = RulesSchema.parse({ adapters: [EXAMPLE_ADAPTER], sites: [{ pattern: 'https://crm.dealer.test/*', adapter: 'my-crm' }] });

  it('names the adapter of a custom domain and the routes its URL matches now', () => {
    expect(findingsFor('https://crm.dealer.test/contacts/42', custom, ADAPTERS)).toEqual({
      adapter: { id: 'my-crm', name: 'My CRM' },
      routes: [{ id: 'my-crm-contact-page', type: 'record', kind: 'contact', recordId: '42' }],
    });
    expect(findingsFor('https://crm.dealer.test/contacts/new', custom, ADAPTERS).routes.map((r) => r.id)).toEqual(['my-crm-contact-new']);
    expect(findingsFor('https://crm.dealer.test/reports', custom, ADAPTERS).routes).toEqual([]);
    expect(findingsFor('https://acme.odoo.com/odoo/contacts/7', custom, ADAPTERS).adapter?.id).toBe('odoo');
    expect(findingsFor('https://news.example/', custom, ADAPTERS)).toEqual({ routes: [] });
  });

  it('lists only readable web tabs some adapter covers', () => {
    const tabs = [{ id: 1, url: 'https://crm.dealer.test/contacts/new' }, { id: 2 }, { id: 3, url: 'chrome://extensions' }, { id: 4, url: 'https://news.example/' }, { id: 5, url: 'https://app.hubspot.com/contacts/1' }];
    expect(testableTabs(tabs, custom, ADAPTERS).map((t) => t.id)).toEqual([1, 5]);
  });

  it('keeps the events of the tab host in the window, newest first', () => {
    const now = 1_000_000_000;
    const event = (key: string, at: number, extra: Partial<CountEvent>): CountEvent => ({ key, kpi: 'contacts', at, source: 'detected', ...extra });
    const events = [
      event('a', now - 60_000, { url: 'https://crm.dealer.test/contacts/1', adapter: 'my-crm' }),
      event('b', now - 30_000, { adapter: 'my-crm' }),
      event('c', now - 20 * 60_000, { url: 'https://crm.dealer.test/contacts/2', adapter: 'my-crm' }),
      event('d', now - 1_000, { url: 'https://other.dealer.test/contacts/3', adapter: 'my-crm' }),
      { key: 'manual:1', kpi: 'contacts' as const, at: now, source: 'manual' as const },
    ];
    expect(recentOnHost(events, 'https://crm.dealer.test/contacts/new', 'my-crm', now - 10 * 60_000).map((e) => e.key)).toEqual(['b', 'a']);
  });
});
