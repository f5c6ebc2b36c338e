import { describe, expect, it } from 'vitest';
import { validateAdapter, type AdapterSpec } from '@/lib/crm/adapter-schema';
import { exchangeFromInput, parseHeaderLines, testerLines, type TesterInput } from '@/entrypoints/options/adapter-tester';
import { translatorFor } from '@/lib/i18n/catalogue';
import { readMessages } from '../i18n/locale-messages';

const en = translatorFor(readMessages('en'));
const ru = translatorFor(readMessages('ru'));

const checked = validateAdapter({
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
      read: { recordId: [{ from: 'response', path: 'result' }], email: [{ from: 'request', path: 'params[0][0].email' }] },
    },
    {
      id: 'order-create',
      methods: ['POST'],
      url: '/api/orders$',
      format: 'json',
      kind: 'order',
      read: { recordId: [{ from: 'header', header: 'Location', regex: '/orders/(?<id>\\d+)$' }], amount: [{ from: 'response', path: 'net' }], currency: [{ from: 'response', path: 'currency' }] },
    },
  ],
});
const adapter = (checked as { adapter: AdapterSpec }).adapter;

const input = (over: Partial<TesterInput>): TesterInput => ({ method: 'POST', url: 'https://desk.example.com/rpc', requestBody: '', status: '200', responseHeaders: '', responseBody: '', ...over });
const linesFor = (over: Partial<TesterInput>, t = en, locale = 'en') => {
  const parsed = exchangeFromInput(input(over));
  if (!parsed.ok) throw new Error(parsed.problem);
  return testerLines(t, locale, adapter, parsed.exchange);
};
const rpcBody = (method: string, email?: string) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [[email ? { email } : {}], {}] });

describe('rule tester', () => {
  it('reads pasted answer headers as copied from the network panel', () => {
    expect(parseHeaderLines('Location: /orders/12\r\ncontent-type:  application/json \nnot a header')).toEqual({ location: '/orders/12', 'content-type': 'application/json' });
  });

  it('refuses an address that is not http(s) and a status that is not a number', () => {
    expect(exchangeFromInput(input({ url: 'desk.example.com/rpc' }))).toEqual({ ok: false, problem: 'url' });
    expect(exchangeFromInput(input({ url: 'javascript:alert(1)' }))).toEqual({ ok: false, problem: 'url' });
    expect(exchangeFromInput(input({ status: 'ok' }))).toEqual({ ok: false, problem: 'status' });
  });

  it('says what would count: rule, kind, record id, email, amount and KPIs', () => {
    expect(linesFor({ requestBody: rpcBody('partner.create', 'a@example.com'), responseBody: '{"jsonrpc":"2.0","id":1,"result":57}' })).toEqual([
      { counted: true, text: 'Rule partner-create would count: contact, record id 57. Email: yes. Adds to: New contacts with email.' },
    ]);
    const order = linesFor({ url: 'https://desk.example.com/api/orders', status: '201', responseHeaders: 'Location: /orders/9', responseBody: '{"net":"1200.5","currency":"eur"}' });
    expect(order).toEqual([{ counted: true, text: 'Rule order-create would count: order, record id 9. Amount: €1,200.50. Adds to: Online revenue.' }]);
    expect(linesFor({ requestBody: rpcBody('partner.create'), responseBody: '{"result":58}' })[0]!.text).toMatch(/Email: no\. Adds to no KPI/);
  });

  it('says why nothing would count, in English and Russian', () => {
    expect(linesFor({ method: 'GET' })).toEqual([{ counted: false, text: "Nothing would be counted: no rule of this adapter names GET https://desk.example.com/rpc. Check the rules' methods and url." }]);
    expect(linesFor({ requestBody: rpcBody('partner.write'), responseBody: '{"result":true}' })[0]!.text).toBe(
      'Rule partner-create: condition 1 of “when” does not hold (request method eq "partner.create"; found "partner.write"), so the rule is not about this request.',
    );
    expect(linesFor({ requestBody: rpcBody('partner.create'), responseBody: '{"error":{"message":"duplicate"}}' })[0]!.text).toMatch(/reports an error/);
    expect(linesFor({ requestBody: rpcBody('partner.create'), responseBody: '{"result":[57]}' })[0]!.text).toMatch(/is a list or an object \(\[57\]\), not one id/);
    expect(linesFor({ url: 'https://desk.example.com/api/orders', responseBody: '{}' })[0]!.text).toBe('Rule order-create: no record id found at header Location.');
    const offHosts = linesFor({ url: 'https://api.other.example/rpc', requestBody: rpcBody('partner.create', 'a@b.c'), responseBody: '{"result":1}' });
    expect(offHosts[0]).toEqual({ counted: false, text: expect.stringMatching(/not on the adapter's hosts or apiHosts/) });
    expect(linesFor({ requestBody: rpcBody('partner.write'), responseBody: '{}' }, ru, 'ru')[0]!.text).toMatch(/^Правило partner-create: условие 1 из «when» не выполнено/);
  });
});
