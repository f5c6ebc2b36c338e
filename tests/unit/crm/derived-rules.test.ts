import { describe, expect, it } from 'vitest';
import { validateAdapter } from '@/lib/crm/adapter-schema';
import { expandDerivedRules } from '@/lib/crm/derived-rules';
import { hubspot } from '@/lib/crm/adapters/hubspot';
import { salesforce } from '@/lib/crm/adapters/salesforce';
import { detectFromExchange } from '@/lib/crm/engine';

const create = {
  id: 'create',
  methods: ['POST'],
  url: '/api/(?<object>deals|people)$',
  format: 'json',
  when: [{ from: 'request', path: 'kind', op: 'truthy' }],
  read: { recordId: [{ from: 'response', path: 'id' }], object: [{ from: 'url', group: 'object' }], amount: [{ from: 'request', path: 'total' }] },
};
const won = {
  id: 'won',
  extends: 'create',
  kind: 'deal-won',
  when: [{ from: 'request', path: 'stage', op: 'eq', value: 'won' }],
  read: { amount: [{ from: 'request', path: 'value' }] },
};

describe('rules derived from others', () => {
  it("write out the base's fields, add conditions, and replace what the variant reads field by field", () => {
    const [, expanded] = expandDerivedRules([create, won]) as Array<Record<string, unknown>>;
    expect(expanded).toEqual({
      ...create,
      id: 'won',
      kind: 'deal-won',
      when: [...create.when, ...won.when],
      read: { ...create.read, amount: won.read.amount },
    });
    expect(expanded).not.toHaveProperty('extends');
  });

  it("are accepted in a rep's own adapter, and a missing or later base is refused with the field named", () => {
    const adapter = {
      id: 'my-crm',
      name: 'My CRM',
      hosts: ['https://crm.example.com/*'],
      kinds: { deal: { kpis: ['equotes'], objects: ['deals'] }, 'deal-won': { kpis: ['revenue'] } },
      network: [create, won],
    };
    const ok = validateAdapter(adapter);
    expect(ok.ok && ok.adapter.network[1]?.url).toBe(create.url);
    const missing = validateAdapter({ ...adapter, network: [{ ...won, extends: 'nope' }] });
    expect(missing).toEqual({ ok: false, errors: expect.arrayContaining(['network.0.extends: no earlier rule "nope" to extend']) });
    const later = validateAdapter({ ...adapter, network: [won, create] });
    expect(later.ok).toBe(false);
  });

  it('leave the shipped "won" variants counting exactly as when they were written out', () => {
    const deal = {
      method: 'POST',
      url: 'https://app.hubspot.com/api/chirp-frontend-app/v1/gateway/com.hubspot.crm.object.builder.rpc.ObjectBuilderRpc/createObjectAndAssociations',
      status: 200,
      requestBody: JSON.stringify({
        createRequest: {
          objectTypeId: '0-3',
          properties: [
            { name: 'dealstage', value: 'closedwon' },
            { name: 'amount', value: '1200' },
            { name: 'deal_currency_code', value: 'EUR' },
          ],
          associations: [{ toObjectTypeId: '0-2', toObjectId: 55 }],
        },
      }),
      responseBody: JSON.stringify({ data: { result: { crmObject: { objectId: 901, objectTypeId: '0-3' } } } }),
    };
    const won = detectFromExchange(hubspot, deal).find((r) => r.rule === 'hubspot-deal-created-won');
    expect(won).toMatchObject({ kind: 'deal-won', recordId: '901', amount: 1200, currency: 'EUR', accountId: '55' });
    const rule = salesforce.network.find((r) => r.id === 'salesforce-aura-opportunity-won')!;
    expect(rule.url).toBe(salesforce.network.find((r) => r.id === 'salesforce-aura-create')!.url);
    expect(rule.when).toHaveLength(2);
  });
});
