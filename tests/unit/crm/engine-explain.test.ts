import { describe, expect, it } from 'vitest';
import { validateAdapter, type AdapterInput, type AdapterSpec } from '@/lib/crm/adapter-schema';
import { detectFromExchange, explainExchange, type Exchange } from '@/lib/crm/engine';

function valid(input: AdapterInput): AdapterSpec {
  const checked = validateAdapter(input);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return checked.adapter;
}

const adapter = valid({
  id: 'desk',
  name: 'Desk',
  hosts: ['https://desk.example.com/*'],
  kinds: { contact: { kpis: ['contacts'] }, order: { kpis: ['revenue'] } },
  network: [
    {
      id: 'partner-create',
      methods: ['POST'],
      url: '/rpc$',
      format: 'jsonrpc',
      kind: 'contact',
      when: [{ from: 'request', path: 'method', op: 'eq', value: 'partner.create' }],
      createIf: [{ from: 'request', path: 'params[0][0].id', op: 'absent' }],
      successIf: [{ from: 'response', path: 'result', op: 'nonEmpty' }],
      read: { recordId: [{ from: 'response', path: 'result' }], email: [{ from: 'request', path: 'params[0][0].email' }] },
    },
    {
      id: 'order-create',
      methods: ['POST'],
      url: '/api/orders$',
      format: 'json',
      kind: 'order',
      read: { recordId: [{ from: 'response', path: 'id' }], amount: [{ from: 'response', path: 'net' }], currency: [{ from: 'response', path: 'currency' }], status: [{ from: 'response', path: 'state' }] },
      statusIn: ['confirmed'],
    },
  ],
});

const rpc = (method: string, vals: Record<string, unknown>, answer: unknown, status = 200): Exchange => ({
  method: 'POST',
  url: 'https://desk.example.com/rpc',
  status,
  requestBody: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [[vals], {}] }),
  responseBody: JSON.stringify(answer),
});

describe('explainExchange', () => {
  it('says which rule counts what, toward which KPIs, as detection does', () => {
    const exchange = rpc('partner.create', { email: 'a@example.com' }, { jsonrpc: '2.0', id: 1, result: 57 });
    const explained = explainExchange(adapter, exchange);
    expect(explained.onHosts).toBe(true);
    expect(explained.rules).toEqual([
      { ruleId: 'partner-create', counted: [{ record: expect.objectContaining({ kind: 'contact', recordId: '57', hasEmail: true }), kpis: ['contacts'] }], misses: [] },
    ]);
    expect(explained.rules[0]!.counted.map((c) => c.record)).toEqual(detectFromExchange(adapter, exchange));
    // A contact without email is detected but adds to no KPI.
    const noEmail = explainExchange(adapter, rpc('partner.create', { name: 'B' }, { result: 58 }));
    expect(noEmail.rules[0]!.counted).toEqual([{ record: expect.objectContaining({ recordId: '58', hasEmail: false }), kpis: [] }]);
  });

  it('lists no rule when none names the method and URL, and says when the URL is off the hosts', () => {
    expect(explainExchange(adapter, { ...rpc('partner.create', {}, {}), method: 'GET' }).rules).toEqual([]);
    const elsewhere = explainExchange(adapter, { ...rpc('partner.create', {}, {}), url: 'https://other.example.com/rpc' });
    expect(elsewhere.onHosts).toBe(false);
    expect(elsewhere.rules.map((r) => r.ruleId)).toEqual(['partner-create']);
  });

  it('names the first condition that failed, with what it found', () => {
    const edit = explainExchange(adapter, rpc('partner.write', { email: 'a@example.com' }, { result: true }));
    expect(edit.rules[0]!.misses).toEqual([{ reason: 'when', condition: 0, found: ['partner.write'] }]);
    const withId = explainExchange(adapter, rpc('partner.create', { id: 57 }, { result: 57 }));
    expect(withId.rules[0]!.misses).toEqual([{ reason: 'createIf', condition: 0, found: [57] }]);
    const empty = explainExchange(adapter, rpc('partner.create', {}, { result: [] }));
    expect(empty.rules[0]!.misses).toEqual([{ reason: 'successIf', condition: 0, found: [[]] }]);
  });

  it('tells a failed status from an error inside HTTP 200', () => {
    expect(explainExchange(adapter, rpc('partner.create', {}, { result: 1 }, 500)).rules[0]!.misses).toEqual([{ reason: 'status' }]);
    expect(explainExchange(adapter, rpc('partner.create', {}, { error: { message: 'no' } })).rules[0]!.misses).toEqual([{ reason: 'format-failure' }]);
  });

  it('says when the record id is missing or is a list, and when the status is not one that counts', () => {
    expect(explainExchange(adapter, rpc('partner.create', {}, { result: [57, 58] })).rules[0]!.misses).toEqual([{ reason: 'no-record-id', value: [57, 58] }]);
    const order = (answer: unknown): Exchange => ({ method: 'POST', url: 'https://desk.example.com/api/orders', status: 201, requestBody: '{}', responseBody: JSON.stringify(answer) });
    expect(explainExchange(adapter, order({ net: 10 })).rules[0]!.misses).toEqual([{ reason: 'no-record-id', value: undefined }]);
    expect(explainExchange(adapter, order({ id: 'SO-1', net: 10, state: 'draft' })).rules[0]!.misses).toEqual([{ reason: 'status-not-in', value: 'draft' }]);
    expect(explainExchange(adapter, order({ id: 'SO-1', net: '10.50', currency: 'usd', state: 'confirmed' })).rules[0]!.counted).toEqual([
      { record: expect.objectContaining({ recordId: 'SO-1', amount: 10.5, currency: 'USD' }), kpis: ['revenue'] },
    ]);
  });
});

describe('explainExchange on JSON-RPC batches', () => {
  it('reads no batch answer (an array of calls): the format sees no single answer', () => {
    const batch = { ...rpc('partner.create', { email: 'a@example.com' }, [{ jsonrpc: '2.0', id: 1, result: 57 }]) };
    expect(explainExchange(adapter, batch).rules[0]!.misses).toEqual([{ reason: 'format-failure' }]);
  });
});
