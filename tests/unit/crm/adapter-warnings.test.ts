import { describe, expect, it } from 'vitest';
import { validateAdapter, type AdapterInput, type AdapterSpec } from '@/lib/crm/adapter-schema';
import { adapterWarnings } from '@/lib/crm/adapter-warnings';
import { ADAPTERS } from '@/lib/crm/adapters';
import { detectFromExchange } from '@/lib/crm/engine';
import { EXAMPLE_ADAPTER } from '@/entrypoints/options/adapter-editor';
import { warningLine } from '@/entrypoints/options/adapter-warnings-text';

const t = (key: string, subs?: string | readonly string[]) => `${key}(${[subs ?? []].flat().join('|')})`;

function valid(input: AdapterInput): AdapterSpec {
  const checked = validateAdapter(input);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return checked.adapter;
}

const rpc = (read: Record<string, unknown>, extra: Record<string, unknown> = {}): AdapterInput =>
  ({
    id: 'rpc-crm',
    name: 'RPC CRM',
    hosts: ['https://crm.example.com/*'],
    kinds: { contact: { kpis: ['contacts'] } },
    network: [{ id: 'create', methods: ['POST'], url: '/rpc$', format: 'jsonrpc', kind: 'contact', read, ...extra }],
  }) as unknown as AdapterInput;

const exchange = {
  method: 'POST',
  url: 'https://crm.example.com/rpc',
  status: 200,
  requestBody: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'partner.create', params: [[{ email: 'a@example.com' }], {}] }),
  responseBody: JSON.stringify({ jsonrpc: '2.0', id: 1, result: [57, 58] }),
};

describe('Check warnings on a valid adapter', () => {
  it('say nothing about the example adapter or any shipped adapter', () => {
    expect(adapterWarnings(valid(EXAMPLE_ADAPTER))).toEqual([]);
    for (const adapter of ADAPTERS) expect(adapterWarnings(valid(adapter)), adapter.id).toEqual([]);
  });

  it('warn about $-rooted paths, which the engine reads as a key named $ and so count nothing', () => {
    const adapter = valid(rpc({ recordId: [{ from: 'response', path: '$.result[0]' }] }, { when: [{ from: 'request', path: '$', op: 'exists' }] }));
    // The warning is true: as written the rule counts nothing, as suggested it counts.
    expect(detectFromExchange(adapter, exchange)).toEqual([]);
    expect(adapterWarnings(adapter)).toEqual([
      { code: 'dollar-path', field: 'network.0.when.0.path', path: '$', suggestion: '' },
      { code: 'dollar-path', field: 'network.0.read.recordId.0.path', path: '$.result[0]', suggestion: 'result[0]' },
    ]);
    const fixed = valid(rpc({ recordId: [{ from: 'response', path: 'result[0]' }] }, { when: [{ from: 'request', path: '', op: 'exists' }] }));
    expect(detectFromExchange(fixed, exchange).map((r) => r.recordId)).toEqual(['57']);
    expect(adapterWarnings(fixed)).toEqual([]);
  });

  it('leave a key that only starts with $ alone ($type, $id)', () => {
    expect(adapterWarnings(valid(rpc({ recordId: [{ from: 'response', path: '$id' }] })))).toEqual([]);
  });

  it('warn about record-id paths that give several values or whole elements', () => {
    const list = valid(rpc({ recordId: [{ from: 'response', path: 'result[*]' }] }));
    // Only the first of the two new records would be counted.
    expect(detectFromExchange(list, exchange).map((r) => r.recordId)).toEqual(['57']);
    expect(adapterWarnings(list)).toEqual([{ code: 'id-list', field: 'network.0.read.recordId.0.path', path: 'result[*]' }]);
    const element = valid(rpc({ recordId: [{ from: 'response', path: 'records[kind=contact]' }] }));
    expect(adapterWarnings(element)).toEqual([{ code: 'id-element', field: 'network.0.read.recordId.0.path', path: 'records[kind=contact]' }]);
    expect(adapterWarnings(valid(rpc({ recordId: [{ from: 'response', path: 'records[kind=contact].id' }] })))).toEqual([]);
  });

  it('warn about test URLs their own route does not match', () => {
    const adapter = valid({
      ...EXAMPLE_ADAPTER,
      routes: [{ id: 'page', kind: 'contact', type: 'record', path: '^/contacts/(?<id>\\d+)$', testUrls: ['https://crm.example.com/contacts/42', 'https://crm.example.com/#/contacts/42'] }],
    });
    expect(adapterWarnings(adapter)).toEqual([{ code: 'test-url-miss', field: 'routes.0.testUrls.1', url: 'https://crm.example.com/#/contacts/42' }]);
  });

  it('warn about a create form that matches the pages of a record route', () => {
    const same = valid({
      ...EXAMPLE_ADAPTER,
      routes: [
        { id: 'form', kind: 'contact', type: 'create-form', hash: '^#/contacts(?:/(?<id>\\d+))?$', testUrls: ['https://crm.example.com/#/contacts'] },
        { id: 'page', kind: 'contact', type: 'record', hash: '^#/contacts/(?<id>\\d+)$', testUrls: ['https://crm.example.com/#/contacts/7'] },
      ],
    });
    expect(adapterWarnings(same)).toEqual([{ code: 'form-matches-record', field: 'routes.0', url: 'https://crm.example.com/#/contacts/7', other: 'page' }]);
    const identical = valid({
      ...EXAMPLE_ADAPTER,
      routes: [
        { id: 'form', kind: 'contact', type: 'create-form', path: '^/c/(?<id>\\w+)$', testUrls: ['https://crm.example.com/c/new'] },
        { id: 'page', kind: 'contact', type: 'record', path: '^/c/(?<id>\\w+)$', testUrls: ['https://crm.example.com/c/7'] },
      ],
    });
    expect(adapterWarnings(identical).map((w) => w.code)).toEqual(['form-matches-record']);
  });

  it('are said in plain words naming the field and the fix', () => {
    expect(warningLine(t, { code: 'dollar-path', field: 'network.0.read.recordId.0.path', path: '$.result[0]', suggestion: 'result[0]' })).toBe(
      'options_warnDollarPath(network.0.read.recordId.0.path|$.result[0]|result[0])',
    );
    expect(warningLine(t, { code: 'dollar-path', field: 'f', path: '$', suggestion: '' })).toBe("options_warnDollarPath(f|$|'')");
    expect(warningLine(t, { code: 'form-matches-record', field: 'routes.0', other: 'page', url: 'u' })).toBe('options_warnFormRecord(routes.0|page|u)');
  });
});

describe('adapter hosts errors say what is wrong and what to write', () => {
  const hostsError = (host: string) => {
    const checked = validateAdapter({ ...EXAMPLE_ADAPTER, hosts: [host] });
    return checked.ok ? undefined : checked.errors.find((line) => line.startsWith('hosts.0'));
  };
  it.each([
    ['http://127.0.0.1:8000/*', 'hosts.0: a port is not allowed in a match pattern: write http://127.0.0.1/*; it covers every port'],
    ['127.0.0.1:8000', 'hosts.0: not a match pattern like https://*.example.com/*: the scheme is missing, write https://127.0.0.1/* (or http:// for a site without https)'],
    ['https://crm.example.com', 'hosts.0: a path is needed after the host: write https://crm.example.com/*'],
    ['ftp://crm.example.com/*', 'hosts.0: only http, https or * work as a scheme: write https://crm.example.com/*'],
    ['https://CRM.example.com/*', 'hosts.0: write the host in lower case: https://crm.example.com/*'],
    ['https://crm.*.com/*', 'hosts.0: a * may only open the host, as in *.example.com'],
    ['https://*/*', 'hosts.0: all-sites host "*" is not allowed'],
  ])('%s', (host, line) => {
    expect(hostsError(host)).toBe(line);
  });
});
