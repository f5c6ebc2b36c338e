import { describe, expect, it } from 'vitest';
import { adapterById, ADAPTERS } from '@/lib/crm/adapters';
import { eventsForRecord } from '@/lib/crm/counting';
import { kindForObject } from '@/lib/crm/engine';
import { applyMappings, resolveAdapter, resolveAdapterForUrl, RulesSchema, emptyRules } from '@/lib/overrides';
import { mappedKindId } from '@/lib/crm/engine';

const hubspot = adapterById('hubspot')!;
const salesforce = adapterById('salesforce')!;
const rules = (input: unknown) => RulesSchema.parse(input);

describe('object → KPI mappings', () => {
  it('splits an unknown HubSpot custom object into its own kind that feeds devices', () => {
    const mapped = applyMappings(hubspot, [{ adapter: 'hubspot', object: '2-1234', kpis: ['devices'] }]);
    expect(kindForObject(hubspot, '2-1234')).toBeUndefined();
    const kind = kindForObject(mapped, '2-1234');
    expect(kind).toBe(mappedKindId('2-1234'));
    const events = eventsForRecord({ adapter: 'hubspot', kind: kind!, recordId: '77', rule: 'r' }, mapped);
    expect(events).toEqual([{ key: 'hubspot:obj-2-1234:77', kpi: 'devices' }]);
  });

  it('replaces the KPIs of the kind whose only object is mapped (Salesforce Asset)', () => {
    const mapped = applyMappings(salesforce, [{ adapter: 'salesforce', object: 'Asset', kpis: ['ecustomers'] }]);
    expect(kindForObject(mapped, 'Asset')).toBe('device');
    expect(eventsForRecord({ adapter: 'salesforce', kind: 'device', recordId: '02i1', rule: 'r' }, mapped)).toEqual([
      { key: 'salesforce:customer:02i1', kpi: 'ecustomers' },
    ]);
  });

  it('splits one object out of a shared kind without changing the others', () => {
    const mapped = applyMappings(salesforce, [{ adapter: 'salesforce', object: 'Lead', kpis: [] }]);
    expect(kindForObject(mapped, 'Contact')).toBe('contact');
    expect(kindForObject(mapped, 'Lead')).toBe('obj-lead');
    expect(eventsForRecord({ adapter: 'salesforce', kind: 'obj-lead', recordId: '00Q1', hasEmail: true, rule: 'r' }, mapped)).toEqual([]);
    expect(eventsForRecord({ adapter: 'salesforce', kind: 'contact', recordId: '0031', hasEmail: true, rule: 'r' }, mapped)).toHaveLength(1);
  });

  it('turns a default mapping off by kind id and leaves the shipped adapter untouched', () => {
    const mapped = applyMappings(hubspot, [{ adapter: 'hubspot', object: 'quote', kpis: [] }]);
    expect(eventsForRecord({ adapter: 'hubspot', kind: 'quote', recordId: '1', rule: 'r' }, mapped)).toEqual([]);
    expect(eventsForRecord({ adapter: 'hubspot', kind: 'quote', recordId: '1', rule: 'r' }, hubspot)).toHaveLength(1);
  });

  it('ignores mappings of other adapters', () => {
    expect(applyMappings(hubspot, [{ adapter: 'odoo', object: 'quote', kpis: [] }])).toBe(hubspot);
  });
});

describe('rules validation', () => {
  it('accepts the empty rules and fills defaults', () => {
    expect(emptyRules()).toEqual({ mappings: [], adapters: [], sites: [], disabledAdapters: [] });
  });

  it('names the field of each problem', () => {
    const paths = (input: unknown) => RulesSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ mappings: [{ adapter: 'hubspot', object: '2-1234', kpis: ['visitors'] }] })).toEqual(['mappings.0.kpis.0']);
    expect(paths({ sites: [{ pattern: 'https://*/*', adapter: 'odoo' }] })).toEqual(['sites.0.pattern']);
    // Cross-field checks run once every field has the right shape.
    expect(paths({ sites: [{ pattern: 'https://crm.dealer.example/*', adapter: 'nope' }] })).toEqual(['sites.0.adapter']);
  });

  it('refuses a user adapter that takes a shipped id', () => {
    const odoo = adapterById('odoo')!;
    const result = RulesSchema.safeParse({ adapters: [odoo] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/shipped adapter/);
  });

  it('refuses unknown top-level keys, including prototype-pollution keys', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "mappings": []}');
    expect(RulesSchema.safeParse(hostile).success).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('which adapter reads a page', () => {
  it('uses the custom domain first, with mappings applied', () => {
    const r = rules({ sites: [{ pattern: 'https://crm.dealer.example/*', adapter: 'odoo' }], mappings: [{ adapter: 'odoo', object: 'quote', kpis: [] }] });
    const adapter = resolveAdapterForUrl(r, 'https://crm.dealer.example/odoo/contacts/new', ADAPTERS);
    expect(adapter?.id).toBe('odoo');
    expect(adapter?.kinds.quote?.kpis).toEqual([]);
    expect(resolveAdapterForUrl(r, 'https://other.example/odoo', ADAPTERS)).toBeUndefined();
    expect(resolveAdapterForUrl(r, 'https://acme.odoo.com/odoo', ADAPTERS)?.id).toBe('odoo');
  });

  it('answers nothing for an adapter the rep turned off', () => {
    const r = rules({ disabledAdapters: ['pipedrive'] });
    expect(resolveAdapterForUrl(r, 'https://acme.pipedrive.com/persons', ADAPTERS)).toBeUndefined();
    expect(resolveAdapter(r, 'pipedrive', (id) => adapterById(id))).toBeUndefined();
    expect(resolveAdapter(r, 'hubspot', (id) => adapterById(id))?.id).toBe('hubspot');
  });
});
