import { describe, expect, it } from 'vitest';
import { validateAdapter, type AdapterInput } from '@/lib/crm/adapter-schema';
import { ADAPTERS } from '@/lib/crm/adapters';
import { detectFromExchange, matchRoutes, recordPageUrl, type Exchange } from '@/lib/crm/engine';
import { hubspot } from '@/lib/crm/adapters/hubspot';
import { salesforce } from '@/lib/crm/adapters/salesforce';
import { pipedrive } from '@/lib/crm/adapters/pipedrive';
import { zoho } from '@/lib/crm/adapters/zoho';
import { dynamics } from '@/lib/crm/adapters/dynamics';
import { odoo } from '@/lib/crm/adapters/odoo';

const json = (value: unknown) => JSON.stringify(value);

interface Case {
  name: string;
  adapter: AdapterInput;
  /** The page the rep created the record on. */
  page: string;
  exchange: Exchange;
  url: string;
}

const HUBSPOT_CREATE =
  'https://app.hubspot.com/api/chirp-frontend-app/v1/gateway/com.hubspot.crm.object.builder.rpc.ObjectBuilderRpc/createObjectAndAssociations?portalId=4451234';
const hubspotCreate = (objectTypeId: string, objectId: number, properties: Array<{ name: string; value: string }> = []): Exchange => ({
  method: 'POST',
  url: HUBSPOT_CREATE,
  status: 200,
  requestBody: json({ createRequest: { objectTypeId, properties, associations: [] } }),
  responseBody: json({ data: { result: { crmObject: { objectId, objectTypeId } } } }),
});
const aura = (apiName: string, id: string, fields: Record<string, unknown> = {}): Exchange => ({
  method: 'POST',
  url: 'https://acme.lightning.force.com/aura?r=3&aura.RecordUi.createRecord=1',
  status: 200,
  requestBody: new URLSearchParams({
    message: json({ actions: [{ id: '1;a', descriptor: 'aura://RecordUiController/ACTION$createRecord', params: { recordInput: { apiName, fields } } }] }),
  }).toString(),
  responseBody: 'while(1);\n' + json({ actions: [{ id: '1;a', state: 'SUCCESS', returnValue: { id, apiName, fields: {} } }] }),
});
const odooSave = (model: string, id: number, vals: Record<string, unknown>): Exchange => ({
  method: 'POST',
  url: `https://acme.odoo.com/web/dataset/call_kw/${model}/web_save`,
  status: 200,
  requestBody: json({ jsonrpc: '2.0', method: 'call', params: { model, method: 'web_save', args: [[], vals], kwargs: {} } }),
  responseBody: json({ jsonrpc: '2.0', result: [{ id, ...vals }] }),
});
const DYNAMICS = 'https://contoso.crm4.dynamics.com';
const GUID = '6C1F0E3A-4B2D-4E5F-8A9B-0C1D2E3F4A5B';
const APPID = '0b4a1f2e-8f3c-4c1d-9e57-2a7b6c5d4e3f';
const dynamicsCreate = (set: string): Exchange => ({
  method: 'POST',
  url: `${DYNAMICS}/api/data/v9.2/${set}`,
  status: 204,
  requestBody: json({ name: 'x' }),
  responseBody: '',
  responseHeaders: { 'odata-entityid': `${DYNAMICS}/api/data/v9.2/${set}(${GUID})` },
});
const zohoCreate = (module: string, id: string): Exchange => ({
  method: 'POST',
  url: `https://crm.zoho.eu/crm/v2.2/${module}`,
  status: 201,
  requestBody: json({ data: [{ Last_Name: 'A' }] }),
  responseBody: json({ data: [{ code: 'SUCCESS', details: { id }, status: 'success' }] }),
});
const pipedriveCall = (method: string, path: string, request: unknown, data: unknown): Exchange => ({
  method,
  url: `https://acme.pipedrive.com/api/v1/${path}`,
  status: 201,
  requestBody: json(request),
  responseBody: json({ success: true, data }),
});

// One create (or win/confirmation) per shipped network rule that counts, on the page a rep makes it from.
const CASES: Case[] = [
  {
    name: 'HubSpot contact from the contacts list (portal from the page)',
    adapter: hubspot,
    page: 'https://app.hubspot.com/contacts/4451234/objects/0-1/views/all/list',
    exchange: hubspotCreate('0-1', 51000001, [{ name: 'email', value: 'a@b.co' }]),
    url: 'https://app.hubspot.com/contacts/4451234/record/0-1/51000001',
  },
  {
    name: 'HubSpot deal created won',
    adapter: hubspot,
    page: 'https://app.hubspot.com/contacts/4451234/objects/0-3/views/all/list',
    exchange: hubspotCreate('0-3', 70000001, [
      { name: 'dealstage', value: 'closedwon' },
      { name: 'amount', value: '10' },
    ]),
    url: 'https://app.hubspot.com/contacts/4451234/record/0-3/70000001',
  },
  {
    name: 'HubSpot public API with an object name',
    adapter: hubspot,
    page: 'https://app-eu1.hubspot.com/contacts/26001/record/0-2/5',
    exchange: { method: 'POST', url: 'https://app-eu1.hubspot.com/crm/v3/objects/contacts', status: 201, requestBody: json({ properties: {} }), responseBody: json({ id: '77' }) },
    url: 'https://app-eu1.hubspot.com/contacts/26001/record/0-1/77',
  },
  {
    name: 'HubSpot custom object, unmapped',
    adapter: hubspot,
    page: 'https://app.hubspot.com/contacts/4451234/objects/2-1234/views/all/list',
    exchange: hubspotCreate('2-1234', 9),
    url: 'https://app.hubspot.com/contacts/4451234/record/2-1234/9',
  },
  {
    name: 'Salesforce contact from the create modal',
    adapter: salesforce,
    page: 'https://acme.lightning.force.com/lightning/o/Contact/new?count=1',
    exchange: aura('Contact', '0035g00000AbCdEAAV'),
    url: 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
  },
  {
    name: 'Salesforce opportunity saved Closed Won',
    adapter: salesforce,
    page: 'https://acme.lightning.force.com/lightning/o/Opportunity/list',
    exchange: aura('Opportunity', '0065g00000000001AA', { StageName: 'Closed Won', Amount: 5 }),
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000000001AA/view',
  },
  {
    name: 'Salesforce custom object',
    adapter: salesforce,
    page: 'https://acme.lightning.force.com/lightning/o/Printer__c/new',
    exchange: aura('Printer__c', 'a015g00000000001AA'),
    url: 'https://acme.lightning.force.com/lightning/r/Printer__c/a015g00000000001AA/view',
  },
  {
    name: 'Salesforce REST create',
    adapter: salesforce,
    page: 'https://acme.my.salesforce.com/lightning/page/home',
    exchange: { method: 'POST', url: 'https://acme.my.salesforce.com/services/data/v60.0/sobjects/Contact/', status: 201, requestBody: json({ LastName: 'Z' }), responseBody: json({ id: '0035g00000000003AA', success: true }) },
    url: 'https://acme.my.salesforce.com/lightning/r/Contact/0035g00000000003AA/view',
  },
  {
    name: 'Pipedrive person (persons → person)',
    adapter: pipedrive,
    page: 'https://acme.pipedrive.com/persons/list',
    exchange: pipedriveCall('POST', 'persons', { name: 'A' }, { id: 1001, email: [] }),
    url: 'https://acme.pipedrive.com/person/1001',
  },
  {
    name: 'Pipedrive deal with a value',
    adapter: pipedrive,
    page: 'https://acme.pipedrive.com/pipeline/1',
    exchange: pipedriveCall('POST', 'deals', { title: 'T', value: 9 }, { id: 301, value: 9, currency: 'EUR' }),
    url: 'https://acme.pipedrive.com/deal/301',
  },
  {
    name: 'Pipedrive deal won',
    adapter: pipedrive,
    page: 'https://acme.pipedrive.com/deal/301',
    exchange: { ...pipedriveCall('PUT', 'deals/301', { status: 'won' }, { id: 301, value: 9, currency: 'EUR' }), status: 200 },
    url: 'https://acme.pipedrive.com/deal/301',
  },
  {
    name: 'Zoho contact (org from the page)',
    adapter: zoho,
    page: 'https://crm.zoho.eu/crm/org20077/tab/Contacts/create',
    exchange: zohoCreate('Contacts', '5725767000000524001'),
    url: 'https://crm.zoho.eu/crm/org20077/tab/Contacts/5725767000000524001',
  },
  {
    name: 'Zoho deal on a page with no org (Deals → Potentials)',
    adapter: zoho,
    page: 'https://crm.zoho.eu/crm/tab/Potentials/create',
    exchange: zohoCreate('Deals', '5725767000000524002'),
    url: 'https://crm.zoho.eu/crm/tab/Potentials/5725767000000524002',
  },
  {
    name: 'Zoho custom module from a list page',
    adapter: zoho,
    page: 'https://crm.zoho.eu/crm/org20077/tab/CustomModule3/custom-view/1/list',
    exchange: zohoCreate('CustomModule3', '5725767000000524003'),
    url: 'https://crm.zoho.eu/crm/org20077/tab/CustomModule3/5725767000000524003',
  },
  {
    name: 'Dynamics contact (entity set → logical name, app id from the page)',
    adapter: dynamics,
    page: `${DYNAMICS}/main.aspx?appid=${APPID}&pagetype=entitylist&etn=contact`,
    exchange: dynamicsCreate('contacts'),
    url: `${DYNAMICS}/main.aspx?appid=${APPID}&pagetype=entityrecord&etn=contact&id=${GUID.toLowerCase()}`,
  },
  {
    name: 'Dynamics quote on a page with no app id',
    adapter: dynamics,
    page: `${DYNAMICS}/main.aspx?pagetype=entityrecord&etn=quote`,
    exchange: dynamicsCreate('quotes'),
    url: `${DYNAMICS}/main.aspx?pagetype=entityrecord&etn=quote&id=${GUID.toLowerCase()}`,
  },
  {
    name: 'Odoo contact from its own form',
    adapter: odoo,
    page: 'https://acme.odoo.com/odoo/contacts/new',
    exchange: odooSave('res.partner', 12, { name: 'A', email: 'a@b.co' }),
    url: 'https://acme.odoo.com/odoo/contacts/12',
  },
  {
    name: 'Odoo company from the contacts form',
    adapter: odoo,
    page: 'https://acme.odoo.com/odoo/contacts/new',
    exchange: odooSave('res.partner', 13, { name: 'Co', is_company: true }),
    url: 'https://acme.odoo.com/odoo/contacts/13',
  },
  {
    name: 'Odoo quotation under a nested action path',
    adapter: odoo,
    page: 'https://acme.odoo.com/odoo/action-123/7/sales/new',
    exchange: odooSave('sale.order', 41, { partner_id: 12 }),
    url: 'https://acme.odoo.com/odoo/action-123/7/sales/41',
  },
  {
    name: 'Odoo contact created from a quotation form: another object, so the form URL every version opens',
    adapter: odoo,
    page: 'https://acme.odoo.com/odoo/sales/new',
    exchange: odooSave('res.partner', 14, { name: 'B', email: 'b@c.de' }),
    url: 'https://acme.odoo.com/web#id=14&model=res.partner&view_type=form',
  },
  {
    name: 'Odoo order confirmed on its page',
    adapter: odoo,
    page: 'https://acme.odoo.com/odoo/sales/41',
    exchange: {
      method: 'POST',
      url: 'https://acme.odoo.com/web/dataset/call_button/sale.order/action_confirm',
      status: 200,
      requestBody: json({ params: { model: 'sale.order', method: 'action_confirm', args: [[41]] } }),
      responseBody: json({ jsonrpc: '2.0', result: true }),
    },
    url: 'https://acme.odoo.com/odoo/sales/41',
  },
];

describe('record page URLs of records reported by requests', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const records = detectFromExchange(c.adapter, c.exchange, { pageUrl: c.page });
    expect(records.length, 'the exchange is detected').toBeGreaterThan(0);
    for (const record of records) {
      expect(record.url).toBe(c.url);
      // Cross-check: the adapter's own record route reads the same record back from the URL.
      const back = matchRoutes(c.adapter, record.url!).find((m) => m.route.type === 'record');
      expect(back?.recordId).toBe(record.recordId);
    }
  });

  it('every shipped adapter builds record URLs and its templates validate', () => {
    for (const adapter of ADAPTERS) {
      expect(validateAdapter(adapter).ok, adapter.id).toBe(true);
      expect(CASES.some((c) => c.adapter.id === adapter.id), `a case for ${adapter.id}`).toBe(true);
      expect((adapter.routes ?? []).some((r) => r.recordUrl), `${adapter.id} has a recordUrl`).toBe(true);
    }
  });

  it('without the page, or with a page that lacks a needed value, gives no URL rather than a wrong one', () => {
    expect(detectFromExchange(hubspot, hubspotCreate('0-1', 5))[0]?.url).toBeUndefined();
    // No portal id anywhere on this page.
    expect(recordPageUrl(hubspot, { recordId: '5', kind: 'contact', object: '0-1' }, 'https://app.hubspot.com/')).toBeUndefined();
  });

  it('never leaves the CRM origin and never fills in values that carry a query or whitespace', () => {
    const adapter: AdapterInput = {
      id: 'x',
      name: 'X',
      hosts: ['https://crm.example.com/*'],
      kinds: { contact: { objects: ['c'] } },
      pageGroups: ['[?&]next=(?<next>[^&]+)'],
      routes: [{ id: 'r', type: 'record', kind: 'contact', path: '^/(?:[^?#]*/)?c/(?<id>\\d+)$', recordUrl: ['/{next}/c/{id}', '/c/{id}'], testUrls: ['https://crm.example.com/c/1'] }],
    };
    expect(recordPageUrl(adapter, { recordId: '5', kind: 'contact' }, 'https://crm.example.com/list?next=/evil.example')).toBe('https://crm.example.com//evil.example/c/5');
    expect(new URL(recordPageUrl(adapter, { recordId: '5', kind: 'contact' }, 'https://crm.example.com/list?next=/evil.example')!).origin).toBe('https://crm.example.com');
    expect(recordPageUrl(adapter, { recordId: '5', kind: 'contact' }, 'https://crm.example.com/list?next=a%20b?x')).toBe('https://crm.example.com/c/5');
  });

  it('refuses templates outside record routes or without {id}', () => {
    const base = { id: 'x', name: 'X', hosts: ['https://crm.example.com/*'], kinds: { contact: {} } };
    const form = validateAdapter({ ...base, routes: [{ id: 'f', type: 'create-form', kind: 'contact', path: '^/new$', recordUrl: ['/c/{id}'], testUrls: ['https://crm.example.com/new'] }] });
    expect(form.ok ? [] : form.errors).toEqual(['routes.0.recordUrl: only record routes build record URLs']);
    const noId = validateAdapter({ ...base, routes: [{ id: 'r', type: 'record', kind: 'contact', path: '^/c/(?<id>\\d+)$', recordUrl: ['/c/{name}'], testUrls: ['https://crm.example.com/c/1'] }] });
    expect(noId.ok).toBe(false);
  });
});
