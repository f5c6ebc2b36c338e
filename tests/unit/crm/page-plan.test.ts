import { describe, expect, it } from 'vitest';
import { askPagePlan, onCreateForm, planFromAnswer } from '@/entrypoints/crm.content/page-plan';
import { planFor } from '@/lib/crm/page-plan';
import { ADAPTERS } from '@/lib/crm/adapters';
import { odoo } from '@/lib/crm/adapters/odoo';
import { hubspot } from '@/lib/crm/adapters/hubspot';
import { salesforce } from '@/lib/crm/adapters/salesforce';

describe('planFor', () => {
  it('gives the hook only methods, URL patterns and the header names rules read', () => {
    const plan = planFor(hubspot);
    expect(plan.hook.rules).toEqual((hubspot.network ?? []).map((rule) => ({ methods: rule.methods, url: rule.url })));
    for (const adapter of ADAPTERS) {
      const text = JSON.stringify(planFor(adapter));
      // No detection rule travels to the page: what to read, when a save succeeded, which kind counts.
      for (const secret of ['createIf', 'successIf', 'recordId', 'kpis', 'statusIn']) expect(text, `${adapter.id}: ${secret}`).not.toContain(secret);
    }
  });

  it('forwards the headers a rule tests as well as those it reads, in lower case', () => {
    const plan = planFor({
      id: 'h',
      name: 'H',
      hosts: ['https://crm.example.com/*'],
      kinds: { contact: { kpis: ['contacts'] } },
      network: [
        {
          id: 'create',
          methods: ['POST'],
          url: '/api/c$',
          format: 'json',
          kind: 'contact',
          successIf: [{ from: 'header', header: 'X-Result', op: 'eq', value: 'created' }],
          read: { recordId: [{ from: 'header', header: 'Location', regex: '/c/(?<id>\\d+)$' }] },
        },
      ],
    });
    expect(plan.hook.headers.sort()).toEqual(['location', 'x-result']);
  });

  it('names create forms and email inputs so the page can note a filled email, yes or no', () => {
    const plan = planFor(salesforce);
    expect(plan.createForms.length).toBeGreaterThan(0);
    expect(onCreateForm(plan, 'https://acme.lightning.force.com/lightning/o/Contact/new')).toBe(true);
    expect(onCreateForm(plan, 'https://acme.lightning.force.com/lightning/r/Contact/003000000000001AAA/view')).toBe(false);
    expect(onCreateForm(plan, 'not a url')).toBe(false);
  });

  it('passes success markers with the attribute to read, never page text', () => {
    for (const adapter of ADAPTERS) {
      for (const marker of planFor(adapter).markers) {
        const rule = (adapter.dom ?? []).find((r) => r.id === marker.id)!;
        expect(marker.selector).toBe(rule.selector);
        expect(marker.read?.attribute).toBe(rule.recordFrom.from === 'element' ? rule.recordFrom.attribute : undefined);
      }
    }
  });
});

describe('askPagePlan', () => {
  it('uses the plan the background built, also on a domain no shipped adapter knows', async () => {
    const asked: unknown[] = [];
    const plan = await askPagePlan(async (message) => {
      asked.push(message);
      return { ok: true, data: { plan: planFor(odoo) } };
    });
    expect(asked).toEqual([{ type: 'page-plan' }]);
    expect(plan?.hook.rules.length).toBe((odoo.network ?? []).length);
  });

  it('an answer of "none" is final, even on a shipped CRM host (the rep turned it off)', async () => {
    expect(await askPagePlan(async () => ({ ok: true, data: { plan: null } }))).toBeUndefined();
  });

  it('asks again while the background gives no usable answer, then watches nothing', async () => {
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    let asks = 0;
    const failing = async () => {
      asks += 1;
      throw new Error('Extension context invalidated.');
    };
    expect(await askPagePlan(failing, wait)).toBeUndefined();
    expect(asks).toBe(4);
    expect(waits).toEqual([250, 1_000, 4_000]);

    const answers: unknown[] = [undefined, { ok: false, error: 'x' }, { ok: true, data: { plan: planFor(hubspot) } }];
    const plan = await askPagePlan(async () => answers.shift(), wait);
    expect(plan?.hook.rules.length).toBe((hubspot.network ?? []).length);
    expect(answers).toEqual([]);
  });
});

describe('planFromAnswer', () => {
  it('refuses answers without the shape the page walks', () => {
    expect(planFromAnswer({ ok: true, data: { plan: { hook: {}, createForms: 'all', emailInputs: [], markers: [] } } })).toBeUndefined();
    expect(planFromAnswer({ ok: true, data: { plan: { createForms: [], emailInputs: [], markers: [] } } })).toBeUndefined();
    expect(planFromAnswer({ ok: false, error: 'x' })).toBeUndefined();
    expect(planFromAnswer({ ok: true, data: { plan: null } })).toBeNull();
    expect(planFromAnswer({ ok: true, data: { plan: planFor(hubspot) } })?.hook.type).toBe('config');
  });
});
