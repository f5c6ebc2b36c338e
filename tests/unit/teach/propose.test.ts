import { describe, expect, it } from 'vitest';
import { validateAdapter } from '@/lib/crm/adapter-schema';
import { detectFromExchange } from '@/lib/crm/engine';
import { CATALOGUES } from '@/lib/i18n/catalogue';
import { checkEdit, describeProposal, proposeRule, rankCandidates, type TaughtExchange } from '@/lib/teach';
import {
  graphqlDeviceWindow,
  graphqlEditWindow,
  restContactWindow,
  restEditWindow,
  rpcEditWindow,
  rpcOrderWindow,
  sameEndpointWindows,
  taughtExchange,
} from '@/tests/fixtures/teach-synthetic';

function propose(window: TaughtExchange[], intent: Parameters<typeof proposeRule>[1]) {
  const outcome = proposeRule(window, intent);
  if (!outcome.ok) throw new Error(`no proposal: ${outcome.reason}`);
  return outcome.proposal;
}

/** Records the proposed adapter's taught rule reports for an exchange, as the background would. */
function counted(adapter: Parameters<typeof detectFromExchange>[0], exchange: TaughtExchange) {
  return detectFromExchange(adapter, exchange, { pageUrl: exchange.pageUrlBefore }).filter((r) => r.rule.startsWith('taught-'));
}

describe('candidates for the create call', () => {
  it('picks the save among polling, beacons and the note posted after it', () => {
    const window = restContactWindow();
    expect(window.length).toBeGreaterThan(40);
    const ranked = rankCandidates(window, { kind: 'contact', email: 'ann@copy.example' });
    expect(ranked[0]?.exchange.url).toBe('https://crm.resty.test/api/v2/accounts/12/contacts');
    expect(ranked[0]?.id.value).toBe('57');
    expect(ranked[0]?.reasons).toEqual(expect.arrayContaining(['typed-email', 'opened-record']));
    const note = ranked.find((c) => c.exchange.url.endsWith('/timeline'));
    expect(note?.reasons).toContain('follow-up');
    const beacon = ranked.find((c) => c.exchange.url.includes('/collect'));
    expect(beacon?.reasons).toEqual(expect.arrayContaining(['beacon', 'repeated']));
  });

  it('leaves out failed saves (JSON-RPC errors inside HTTP 200), reads and calls that echo a known id', () => {
    const ranked = rankCandidates(rpcOrderWindow(), { kind: 'order', amount: 1250 });
    expect(ranked[0]?.id.value).toBe('314');
    expect(ranked[0]?.reasons).toEqual(expect.arrayContaining(['typed-amount', 'opened-record', 'create-name']));
    // The read names 314 in its request: not a new id. The failed save has no id at all.
    expect(ranked.some((c) => c.exchange.requestBody?.includes('sale.order.read'))).toBe(false);
    expect(ranked.filter((c) => c.exchange.requestBody?.includes('sale.order.create'))).toHaveLength(1);
  });

  it('finds the save without typed values, by the page opening the new record', () => {
    const ranked = rankCandidates(graphqlDeviceWindow(), { kind: 'device' });
    expect(ranked[0]?.id.value).toBe('6c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b');
    expect(ranked[0]?.format).toBe('graphql');
  });

  it('says nothing was created when no answer carries a new id', () => {
    const window = restContactWindow().filter((e) => !e.url.includes('/accounts/12/contacts') && !e.url.endsWith('/timeline'));
    const beaconsOnly = window.filter((e) => !e.url.includes('/collect') && !e.url.includes('/presence'));
    expect(proposeRule(beaconsOnly, { kind: 'contact' })).toEqual({ ok: false, reason: 'no-create' });
  });
});

describe('generalising the save into a rule', () => {
  it('REST JSON: ids in the address become patterns, the id and email are read, the record page becomes a route', () => {
    const proposal = propose(restContactWindow(), { kind: 'contact', email: 'ann@copy.example' });
    expect(validateAdapter(proposal.adapter).ok).toBe(true);
    const rule = proposal.adapter.network?.[0];
    expect(rule).toMatchObject({
      id: 'taught-contact',
      methods: ['POST'],
      format: 'json',
      kind: 'contact',
      read: { recordId: [{ from: 'response', path: 'data.id' }], email: [{ from: 'request', path: 'contact.email' }, { from: 'response', path: 'data.email' }] },
    });
    expect(rule?.when).toBeUndefined();
    expect(rule?.url).toBe('^https://[^/?#]+/api/v2/accounts/\\d{1,18}/contacts/?(?:[?#]|$)');
    expect(new RegExp(rule!.url).test('https://crm.resty.test/api/v2/accounts/99/contacts')).toBe(true);
    expect(new RegExp(rule!.url).test('https://crm.resty.test/api/v2/accounts/99/contacts/57')).toBe(false);
    expect(proposal.adapter.routes).toEqual([
      expect.objectContaining({ type: 'record', kind: 'contact', path: '^/contacts/(?<id>\\d{1,18})/?$', recordUrl: ['/contacts/{id}'] }),
    ]);
    expect(proposal.adapter.hosts).toEqual(['https://crm.resty.test/*']);
    expect(proposal.adapter.kinds).toEqual({ contact: { kpis: ['contacts'] } });
    // The engine's own record, with the page the route links to.
    expect(proposal.record).toMatchObject({ kind: 'contact', recordId: '57', hasEmail: true, url: 'https://crm.resty.test/contacts/57' });
    expect(proposal.events.map((e) => e.kpi)).toEqual(['contacts']);
  });

  it('JSON-RPC: the method becomes a body condition; id from result[0], amount and currency from the nested params', () => {
    const proposal = propose(rpcOrderWindow(), { kind: 'order', amount: 1250 });
    const rule = proposal.adapter.network?.[0];
    expect(rule).toMatchObject({
      format: 'jsonrpc',
      when: [{ from: 'request', path: 'method', op: 'eq', value: 'sale.order.create' }],
      read: {
        recordId: [{ from: 'response', path: 'result[0]' }],
        amount: [{ from: 'request', path: 'params[0][0].amount' }],
        currency: [{ from: 'request', path: 'params[0][0].currency' }],
      },
    });
    expect(proposal.adapter.routes?.[0]).toMatchObject({ path: '^/app$', hash: '^#/orders/(?<id>\\d{1,18})/?$', recordUrl: ['/app#/orders/{id}'] });
    expect(proposal.record).toMatchObject({ recordId: '314', amount: 1250, currency: 'EUR' });
    expect(proposal.events).toEqual([expect.objectContaining({ kpi: 'revenue', amount: 1250, currency: 'EUR' })]);
    // Every other call on /rpc, the failed save included, counts nothing with the proposed rule.
    const others = rpcOrderWindow().filter((e) => !(e.requestBody?.includes('sale.order.create') && e.responseBody?.includes('result')));
    expect(others.flatMap((e) => counted(proposal.adapter, e))).toEqual([]);
  });

  it('GraphQL: the mutation names the call; a UUID id from the nested payload', () => {
    const proposal = propose(graphqlDeviceWindow(), { kind: 'device' });
    const rule = proposal.adapter.network?.[0];
    expect(rule).toMatchObject({
      format: 'graphql',
      url: '^https://[^/?#]+/graphql/?(?:[?#]|$)',
      read: { recordId: [{ from: 'response', path: 'data.enrolDevice.device.id' }] },
    });
    expect(rule?.when).toEqual([
      { from: 'request', path: 'query', op: 'matches', value: '^\\s*mutation\\b' },
      { from: 'request', path: 'query', op: 'matches', value: '\\benrolDevice\\b' },
    ]);
    expect(proposal.record).toMatchObject({ kind: 'device', recordId: '6c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' });
    expect(graphqlDeviceWindow().filter((e) => !e.requestBody?.includes('enrolDevice')).flatMap((e) => counted(proposal.adapter, e))).toEqual([]);
  });

  it('reads the id from a Location header when the answer has no body', () => {
    const page = 'https://crm.headers.test/people';
    const save = taughtExchange('POST', 'https://crm.headers.test/api/people', { email: 'x@y.example' }, '', page, {
      status: 201,
      responseHeaders: { location: 'https://crm.headers.test/api/people/4411' },
    });
    const proposal = propose([save], { kind: 'contact' });
    expect(proposal.adapter.network?.[0]?.read.recordId).toEqual([{ from: 'header', header: 'location', regex: '/(?<id>\\d{1,18})/?(?:[?#]|$)' }]);
    expect(proposal.record.recordId).toBe('4411');
  });

  it('a custom kind is mapped to the KPI the rep chose', () => {
    const proposal = propose(graphqlDeviceWindow(), { kind: 'custom', customName: 'Service contract', kpi: 'equotes' });
    expect(proposal.adapter.kinds).toEqual({ 'custom-service-contract': { kpis: ['equotes'] } });
    expect(proposal.events.map((e) => e.kpi)).toEqual(['equotes']);
  });

  it('a contact saved without an email is proposed but would count nothing, as the engine says', () => {
    const page = 'https://crm.noemail.test/people';
    const save = taughtExchange('POST', 'https://crm.noemail.test/api/people', { name: 'Al' }, { id: 5 }, page);
    const proposal = propose([save], { kind: 'contact' });
    expect(proposal.missing).toEqual(['email']);
    expect(proposal.record.hasEmail).toBeUndefined();
    expect(proposal.events).toEqual([]);
  });

  it('teaching again on the same site adds to the rep\'s adapter and replaces that kind\'s earlier rule', () => {
    const first = propose(restContactWindow(), { kind: 'contact', email: 'ann@copy.example' });
    const order = taughtExchange('POST', 'https://crm.resty.test/api/v2/orders', { total: 99, currency: 'USD' }, { data: { id: 7 } }, 'https://crm.resty.test/orders');
    const outcome = proposeRule([order], { kind: 'order' }, { adapter: first.adapter });
    if (!outcome.ok) throw new Error('no proposal');
    expect(outcome.proposal.adapter.network?.map((r) => r.id)).toEqual(['taught-contact', 'taught-order']);
    expect(Object.keys(outcome.proposal.adapter.kinds)).toEqual(['contact', 'order']);
    expect(outcome.proposal.record).toMatchObject({ amount: 99, currency: 'USD' });
    const again = proposeRule(restContactWindow(), { kind: 'contact', email: 'ann@copy.example' }, { adapter: outcome.proposal.adapter });
    expect(again.ok && again.proposal.adapter.network?.map((r) => r.id)).toEqual(['taught-order', 'taught-contact']);
  });
});

describe('the edit check', () => {
  it('rules for REST, JSON-RPC and GraphQL leave the edit alone as they are', () => {
    expect(checkEdit(propose(restContactWindow(), { kind: 'contact', email: 'ann@copy.example' }), restEditWindow()).verdict).toBe('ignored');
    expect(checkEdit(propose(rpcOrderWindow(), { kind: 'order', amount: 1250 }), rpcEditWindow()).verdict).toBe('ignored');
    expect(checkEdit(propose(graphqlDeviceWindow(), { kind: 'device' }), graphqlEditWindow()).verdict).toBe('ignored');
  });

  it('one endpoint for creates and edits: the rule is narrowed to saves without an id', () => {
    const { create, edit } = sameEndpointWindows();
    const proposal = propose(create, { kind: 'contact' });
    expect(counted(proposal.adapter, edit[0]!)).toHaveLength(1);
    const check = checkEdit(proposal, edit);
    expect(check).toMatchObject({ verdict: 'tightened', added: [{ from: 'request', path: 'id', op: 'empty' }] });
    expect(counted(check.adapter, edit[0]!)).toEqual([]);
    expect(counted(check.adapter, create[0]!)).toHaveLength(1);
    expect(validateAdapter(check.adapter).ok).toBe(true);
  });

  it('an edit nothing tells apart from a create is said so, and the rule is not changed', () => {
    const page = 'https://crm.same.test/x';
    const create = taughtExchange('POST', 'https://crm.same.test/api/things', { name: 'A' }, { id: 10 }, page);
    const edit = taughtExchange('POST', 'https://crm.same.test/api/things', { name: 'B' }, { id: 11 }, page);
    const proposal = propose([create], { kind: 'device' });
    expect(checkEdit(proposal, [edit])).toEqual({ verdict: 'cannot-tell', adapter: proposal.adapter });
  });
});

describe('the proposal in plain words', () => {
  it('English and Russian, with the call and the id the engine read', () => {
    const proposal = propose(rpcOrderWindow(), { kind: 'order', amount: 1250 });
    expect(describeProposal(proposal.summary, CATALOGUES.en)).toBe(
      'When you save a order here — POST /rpc with method sale.order.create — KPI Pacer will count a new order #314.',
    );
    expect(describeProposal(proposal.summary, CATALOGUES.ru)).toBe(
      'Когда вы сохраняете здесь запись «заказ» — POST /rpc с методом sale.order.create — KPI Pacer засчитает новую запись «заказ» № 314.',
    );
    const rest = propose(restContactWindow(), { kind: 'contact', email: 'ann@copy.example' });
    expect(describeProposal(rest.summary, CATALOGUES.en)).toBe(
      'When you save a contact here — POST /api/v2/accounts/…/contacts — KPI Pacer will count a new contact #57.',
    );
  });
});
