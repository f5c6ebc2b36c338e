import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '@/lib/crm/adapters';
import { odoo } from '@/lib/crm/adapters/odoo';
import { matchRoutes, ruleNamesRequest } from '@/lib/crm/engine';
import { CAPTURES } from '@/tests/fixtures/odoo/captures';

// Every shipped rule says how it is known: observed on a real instance, documented publicly, or
// assumed. "Observed" is checked against what was recorded, so it cannot be claimed lightly.
describe('evidence levels', () => {
  for (const adapter of ADAPTERS) {
    it(`${adapter.id}: every route, network rule and marker carries one`, () => {
      const rules = [...(adapter.routes ?? []), ...(adapter.network ?? []), ...(adapter.dom ?? [])];
      expect(rules.length).toBeGreaterThan(0);
      const missing = rules.filter((rule) => !['observed', 'documented', 'assumed'].includes((rule as { evidence?: string }).evidence ?? ''));
      expect(missing.map((r) => r.id)).toEqual([]);
    });
  }

  it('claims "observed" only for CRMs with recorded exchanges (Odoo 18.0)', () => {
    const observed = ADAPTERS.flatMap((a) => [...(a.routes ?? []), ...(a.network ?? []), ...(a.dom ?? [])].filter((r) => (r as { evidence?: string }).evidence === 'observed').map(() => a.id));
    expect(new Set(observed)).toEqual(new Set(['odoo']));
  });

  it('Odoo: each observed network rule matches a recorded request, each observed route a recorded URL', () => {
    const origin = 'https://acme.odoo.com';
    const requests = CAPTURES.flows.flatMap((f) => f.rpc.map((r) => origin + r.url));
    const urls = CAPTURES.flows.flatMap((f) => f.urls.map((u) => origin + u.slice(CAPTURES.odoo.url.length)));
    for (const rule of odoo.network.filter((r) => r.evidence === 'observed')) {
      expect(requests.some((url) => ruleNamesRequest(rule, 'POST', url)), rule.id).toBe(true);
    }
    for (const route of odoo.routes.filter((r) => r.evidence === 'observed')) {
      expect(urls.some((url) => matchRoutes(odoo, url).some((m) => m.route.id === route.id)), route.id).toBe(true);
    }
  });
});
