import { describe, expect, it } from 'vitest';
import { DetectedRecordSchema } from '@/lib/crm/record';
import { detectFromExchange, type Exchange, type RecordMemory } from '@/lib/crm/engine';
import { hubspot } from '@/lib/crm/adapters/hubspot';
import { salesforce } from '@/lib/crm/adapters/salesforce';
import { pipedrive } from '@/lib/crm/adapters/pipedrive';
import { zoho } from '@/lib/crm/adapters/zoho';
import { dynamics } from '@/lib/crm/adapters/dynamics';
import { odoo } from '@/lib/crm/adapters/odoo';
import type { AdapterInput } from '@/lib/crm/adapter-schema';

function exchange(method: string, url: string, status: number, request?: unknown, response?: unknown, headers?: Record<string, string>): Exchange {
  return {
    method,
    url,
    status,
    requestBody: request === undefined ? undefined : typeof request === 'string' ? request : JSON.stringify(request),
    responseBody: response === undefined ? undefined : typeof response === 'string' ? response : JSON.stringify(response),
    responseHeaders: headers,
  };
}

function detect(adapter: AdapterInput, ex: Exchange, memory?: RecordMemory) {
  const records = detectFromExchange(adapter, ex, { memory });
  for (const record of records) expect(DetectedRecordSchema.safeParse(record).success, JSON.stringify(record)).toBe(true);
  return records;
}

describe('HubSpot', () => {
  const URL_CREATE =
    'https://app.hubspot.com/api/chirp-frontend-app/v1/gateway/com.hubspot.crm.object.builder.rpc.ObjectBuilderRpc/createObjectAndAssociations?portalId=4451234';
  const create = (objectTypeId: string, properties: Array<{ name: string; value: string }>, associations: unknown[] = []) => ({
    createRequest: { objectTypeId, properties: properties.map((p) => ({ ...p, source: 'CRM_UI' })), associations },
  });
  const created = (objectId: number, objectTypeId: string) => ({ data: { result: { crmObject: { objectId, objectTypeId } } } });

  it('counts a contact created with createObjectAndAssociations, with email presence only', () => {
    const records = detect(hubspot, exchange('POST', URL_CREATE, 200, create('0-1', [{ name: 'email', value: 'a@b.co' }]), created(51000001, '0-1')));
    expect(records).toEqual([{ adapter: 'hubspot', kind: 'contact', recordId: '51000001', hasEmail: true, rule: 'hubspot-object-builder-create' }]);
    expect(JSON.stringify(records)).not.toContain('a@b.co');
  });

  it('reports a contact without email as hasEmail:false', () => {
    const [record] = detect(hubspot, exchange('POST', URL_CREATE, 200, create('0-1', [{ name: 'firstname', value: 'Ann' }]), created(7, '0-1')));
    expect(record).toMatchObject({ kind: 'contact', hasEmail: false });
  });

  it('ignores failed saves (400, 503) and updates', () => {
    expect(detect(hubspot, exchange('POST', URL_CREATE, 400, create('0-1', [{ name: 'email', value: 'bad' }]), { status: 'error' }))).toEqual([]);
    expect(detect(hubspot, exchange('POST', URL_CREATE, 503, create('0-1', [{ name: 'email', value: 'a@b.co' }]), { status: 'error' }))).toEqual([]);
    const update = 'https://app.hubspot.com/api/inbounddb-objects/v1/crm-objects/0-1/51000001?portalId=1';
    expect(detect(hubspot, exchange('PUT', update, 200, { properties: [] }, { objectId: 51000001 }))).toEqual([]);
  });

  it('counts a deal created closed won as deal-won with amount, currency and company; an open deal not', () => {
    const won = create(
      '0-3',
      [
        { name: 'dealname', value: 'Fleet' },
        { name: 'amount', value: '4800' },
        { name: 'deal_currency_code', value: 'USD' },
        { name: 'dealstage', value: 'closedwon' },
      ],
      [{ toObjectTypeId: '0-2', toObjectId: 9001, associationTypeId: 5 }],
    );
    const records = detect(hubspot, exchange('POST', URL_CREATE, 200, won, created(900, '0-3')));
    expect(records.find((r) => r.kind === 'deal-won')).toEqual({
      adapter: 'hubspot',
      kind: 'deal-won',
      recordId: '900',
      amount: 4800,
      currency: 'USD',
      accountId: '9001',
      rule: 'hubspot-deal-created-won',
    });
    const open = create('0-3', [{ name: 'amount', value: '100' }, { name: 'dealstage', value: 'appointmentscheduled' }]);
    expect(detect(hubspot, exchange('POST', URL_CREATE, 200, open, created(901, '0-3'))).map((r) => r.kind)).toEqual(['deal']);
  });

  it('maps a quote and the public API create', () => {
    expect(detect(hubspot, exchange('POST', URL_CREATE, 200, create('0-14', [{ name: 'hs_title', value: 'Q' }]), created(55, '0-14')))[0]?.kind).toBe('quote');
    const api = detect(hubspot, exchange('POST', 'https://app-eu1.hubspot.com/crm/v3/objects/contacts', 201, { properties: { email: 'x@y.z' } }, { id: '77', properties: {} }));
    expect(api).toEqual([{ adapter: 'hubspot', kind: 'contact', recordId: '77', hasEmail: true, rule: 'hubspot-api-create' }]);
  });

  it('reports an unmapped custom object under the kind its mapping would create; a mapping to a kind wins', () => {
    expect(detect(hubspot, exchange('POST', URL_CREATE, 200, create('2-1234', []), created(5, '2-1234')))).toEqual([
      { adapter: 'hubspot', kind: 'obj-2-1234', recordId: '5', rule: 'hubspot-object-builder-create' },
    ]);
    const mapped: AdapterInput = { ...hubspot, kinds: { ...hubspot.kinds, device: { kpis: ['devices'], objects: ['2-1234'] } } };
    expect(detect(mapped, exchange('POST', URL_CREATE, 200, create('2-1234', []), created(5, '2-1234')))[0]?.kind).toBe('device');
  });
});

describe('Salesforce', () => {
  const AURA = 'https://acme.lightning.force.com/aura?r=3&aura.RecordUi.createRecord=1';
  const createAction = (id: string, apiName: string, fields: Record<string, unknown>) => ({
    id,
    descriptor: 'aura://RecordUiController/ACTION$createRecord',
    callingDescriptor: 'UNKNOWN',
    params: { recordInput: { apiName, fields } },
  });
  const wrap = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { displayValue: null, value: v }]));
  const success = (id: string, apiName: string, recordId: string, fields: Record<string, unknown>) => ({
    id,
    state: 'SUCCESS',
    returnValue: { apiName, id: recordId, fields: wrap(fields) },
    error: [],
  });
  const form = (actions: unknown[]) => new URLSearchParams({ message: JSON.stringify({ actions }), 'aura.token': 't' }).toString();

  it('parses a prefixed response and counts a contact with email', () => {
    const body = 'while(1);\n' + JSON.stringify({ actions: [success('101;a', 'Contact', '0035g00000AbCdEAAV', { Email: 'a@b.co', LastName: 'X' })] });
    const records = detect(salesforce, exchange('POST', AURA, 200, form([createAction('101;a', 'Contact', { Email: 'a@b.co', LastName: 'X' })]), body));
    expect(records).toEqual([{ adapter: 'salesforce', kind: 'contact', recordId: '0035g00000AbCdEAAV', hasEmail: true, rule: 'salesforce-aura-create' }]);
  });

  it('handles the */ prefix and a contact without email', () => {
    const body = '*/' + JSON.stringify({ actions: [success('1;a', 'Contact', '0035g00000AbCdEAAW', { LastName: 'X' })] });
    const [record] = detect(salesforce, exchange('POST', AURA, 200, form([createAction('1;a', 'Contact', { LastName: 'X' })]), body));
    expect(record).toMatchObject({ kind: 'contact', hasEmail: false });
  });

  it('finds the create among several actions in one request, paired by action id', () => {
    const actions = [
      { id: '1;a', descriptor: 'serviceComponent://x/ACTION$getRecord', params: {} },
      createAction('2;a', 'Contact', { Email: 'a@b.co', LastName: 'Y' }),
      { id: '3;a', descriptor: 'aura://ActionsController/ACTION$getActions', params: {} },
    ];
    const response = {
      actions: [
        { id: '3;a', state: 'SUCCESS', returnValue: { actions: [] } },
        { id: '1;a', state: 'SUCCESS', returnValue: { record: { apiName: 'Account', id: '001000000000001AAA' } } },
        success('2;a', 'Contact', '0035g00000000002AA', { Email: 'a@b.co' }),
      ],
    };
    const url = 'https://acme.lightning.force.com/aura?r=4&ui-force.RecordGvp.getRecord=1&aura.RecordUi.createRecord=1&aura.Actions.getActions=1';
    expect(detect(salesforce, exchange('POST', url, 200, form(actions), 'while(1);\n' + JSON.stringify(response)))).toEqual([
      { adapter: 'salesforce', kind: 'contact', recordId: '0035g00000000002AA', hasEmail: true, rule: 'salesforce-aura-create' },
    ]);
  });

  it('ignores a validation error inside a 200, a 503 and updateRecord', () => {
    const error = { actions: [{ id: '1;a', state: 'ERROR', returnValue: null, error: [{ errorCode: 'REQUIRED_FIELD_MISSING' }] }] };
    expect(detect(salesforce, exchange('POST', AURA, 200, form([createAction('1;a', 'Contact', {})]), JSON.stringify(error)))).toEqual([]);
    expect(detect(salesforce, exchange('POST', AURA, 503, form([createAction('1;a', 'Contact', {})]), 'Service Unavailable'))).toEqual([]);
    const update = { id: '1;a', descriptor: 'aura://RecordUiController/ACTION$updateRecord', params: { recordId: '0035g00000000002AA', recordInput: { fields: {} } } };
    const updateUrl = 'https://acme.lightning.force.com/aura?r=5&aura.RecordUi.updateRecord=1';
    expect(detect(salesforce, exchange('POST', updateUrl, 200, form([update]), JSON.stringify({ actions: [success('1;a', 'Contact', '0035g00000000002AA', {})] })))).toEqual([]);
  });

  it('counts an order with amount, currency and account, and an opportunity only when Closed Won', () => {
    const order = { AccountId: '0015g00000000009AA', TotalAmount: 12000, CurrencyIsoCode: 'USD', Status: 'Draft' };
    const [record] = detect(salesforce, exchange('POST', AURA, 200, form([createAction('1;a', 'Order', order)]), { actions: [success('1;a', 'Order', '8015g00000000001AA', order)] }));
    expect(record).toEqual({
      adapter: 'salesforce',
      kind: 'order',
      recordId: '8015g00000000001AA',
      amount: 12000,
      currency: 'USD',
      accountId: '0015g00000000009AA',
      rule: 'salesforce-aura-create',
    });
    const won = { Name: 'Fleet', StageName: 'Closed Won', Amount: 5000, CurrencyIsoCode: 'EUR', AccountId: '0015g0000000000AAA' };
    const wonRecords = detect(salesforce, exchange('POST', AURA, 200, form([createAction('1;a', 'Opportunity', won)]), { actions: [success('1;a', 'Opportunity', '0065g00000000001AA', won)] }));
    expect(wonRecords.map((r) => r.kind).sort()).toEqual(['deal-won', 'opportunity']);
    expect(wonRecords.find((r) => r.kind === 'deal-won')).toMatchObject({ amount: 5000, currency: 'EUR', accountId: '0015g0000000000AAA' });
    const open = { ...won, StageName: 'Prospecting' };
    const openRecords = detect(salesforce, exchange('POST', AURA, 200, form([createAction('1;a', 'Opportunity', open)]), { actions: [success('1;a', 'Opportunity', '0065g00000000002AA', open)] }));
    expect(openRecords.map((r) => r.kind)).toEqual(['opportunity']);
  });

  it('maps Asset to a device and reads the REST API', () => {
    const asset = { Name: 'MFP', AccountId: '001' };
    expect(detect(salesforce, exchange('POST', AURA, 200, form([createAction('1;a', 'Asset', asset)]), { actions: [success('1;a', 'Asset', '02i5g00000000001AA', asset)] }))[0]?.kind).toBe('device');
    const rest = detect(salesforce, exchange('POST', 'https://acme.my.salesforce.com/services/data/v60.0/sobjects/Contact/', 201, { LastName: 'Z', Email: 'z@z.z' }, { id: '0035g00000000003AA', success: true, errors: [] }));
    expect(rest).toEqual([{ adapter: 'salesforce', kind: 'contact', recordId: '0035g00000000003AA', hasEmail: true, rule: 'salesforce-rest-create' }]);
    expect(detect(salesforce, exchange('POST', 'https://acme.my.salesforce.com/services/data/v60.0/sobjects/Contact/', 400, { LastName: '' }, [{ errorCode: 'REQUIRED_FIELD_MISSING' }]))).toEqual([]);
  });
});

describe('Pipedrive', () => {
  const BASE = 'https://acme.pipedrive.com/api/v1';

  it('counts a person with email, and one without as hasEmail:false', () => {
    const withEmail = detect(pipedrive, exchange('POST', `${BASE}/persons`, 201, { name: 'Ann', email: [{ value: 'a@b.co', primary: true }] }, { success: true, data: { id: 1001, email: [{ value: 'a@b.co', primary: true }] } }));
    expect(withEmail).toEqual([{ adapter: 'pipedrive', kind: 'contact', recordId: '1001', hasEmail: true, rule: 'pipedrive-create' }]);
    const without = detect(pipedrive, exchange('POST', `${BASE}/persons`, 201, { name: 'Bob' }, { success: true, data: { id: 1002, email: [{ value: '', primary: true }] } }));
    expect(without[0]).toMatchObject({ recordId: '1002', hasEmail: false });
  });

  it('ignores failures and person edits', () => {
    expect(detect(pipedrive, exchange('POST', `${BASE}/persons`, 400, {}, { success: false, error: 'Name must be given.' }))).toEqual([]);
    expect(detect(pipedrive, exchange('POST', `${BASE}/persons`, 200, {}, { success: false }))).toEqual([]);
    expect(detect(pipedrive, exchange('PUT', `${BASE}/persons/1001`, 200, { email: [{ value: 'c@d.e' }] }, { success: true, data: { id: 1001 } }))).toEqual([]);
  });

  it('counts a deal with a value as a quote, not one without', () => {
    const deal = { success: true, data: { id: 301, value: 1500, currency: 'EUR', status: 'open', org_id: { value: 501, name: 'Org' } } };
    expect(detect(pipedrive, exchange('POST', `${BASE}/deals`, 201, { title: 'T', value: 1500 }, deal))).toEqual([
      { adapter: 'pipedrive', kind: 'deal', recordId: '301', amount: 1500, currency: 'EUR', accountId: '501', rule: 'pipedrive-deal-create' },
    ]);
    const empty = { success: true, data: { id: 302, value: 0, currency: 'EUR', status: 'open', org_id: null } };
    expect(detect(pipedrive, exchange('POST', `${BASE}/deals`, 201, { title: 'T' }, empty))).toEqual([]);
  });

  it('counts status won once as deal-won, with value, currency and organization; other deal edits not', () => {
    const won = { success: true, data: { id: 301, value: 1500, currency: 'EUR', status: 'won', org_id: { value: 501 } } };
    expect(detect(pipedrive, exchange('PUT', `${BASE}/deals/301`, 200, { status: 'won' }, won))).toEqual([
      { adapter: 'pipedrive', kind: 'deal-won', recordId: '301', amount: 1500, currency: 'EUR', accountId: '501', rule: 'pipedrive-deal-won' },
    ]);
    expect(detect(pipedrive, exchange('PUT', `${BASE}/deals/301`, 200, { title: 'Renamed' }, won))).toEqual([]);
    expect(detect(pipedrive, exchange('PUT', `${BASE}/deals/301`, 200, { status: 'lost' }, { success: true, data: { id: 301, status: 'lost' } }))).toEqual([]);
    expect(detect(pipedrive, exchange('PUT', `${BASE}/deals/301`, 404, { status: 'won' }, { success: false }))).toEqual([]);
  });
});

describe('Zoho', () => {
  const URL_CONTACTS = 'https://crm.zoho.eu/crm/v2.2/Contacts';
  const ok = (id: string) => ({ code: 'SUCCESS', details: { id, Created_Time: 'x' }, message: 'record added', status: 'success' });

  it('reads data[].code per record and email presence', () => {
    const request = { data: [{ Last_Name: 'A', Email: 'a@b.co' }, { Last_Name: 'B' }], trigger: ['workflow'] };
    const records = detect(zoho, exchange('POST', URL_CONTACTS, 201, request, { data: [ok('5725767000000524001'), ok('5725767000000524002')] }));
    expect(records).toEqual([
      { adapter: 'zoho', kind: 'contact', recordId: '5725767000000524001', hasEmail: true, rule: 'zoho-create-records' },
      { adapter: 'zoho', kind: 'contact', recordId: '5725767000000524002', hasEmail: false, rule: 'zoho-create-records' },
    ]);
  });

  it('ignores MANDATORY_NOT_FOUND inside a 200 and PUT edits', () => {
    const error = { data: [{ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name' }, status: 'error' }] };
    expect(detect(zoho, exchange('POST', URL_CONTACTS, 200, { data: [{ Email: 'a@b.co' }] }, error))).toEqual([]);
    expect(detect(zoho, exchange('PUT', `${URL_CONTACTS}/5725767000000524001`, 200, { data: [{ Email: 'x@y.z' }] }, { data: [ok('5725767000000524001')] }))).toEqual([]);
  });

  it('counts a sales order with amount, currency and account; leads on v8 as contacts', () => {
    const order = { data: [{ Subject: 'SO', Account_Name: { id: '5725767000000200002' }, Grand_Total: 5400, Currency: 'EUR' }] };
    expect(detect(zoho, exchange('POST', 'https://crm.zoho.eu/crm/v2.2/Sales_Orders', 201, order, { data: [ok('5725767000000524009')] }))).toEqual([
      { adapter: 'zoho', kind: 'order', recordId: '5725767000000524009', amount: 5400, currency: 'EUR', accountId: '5725767000000200002', rule: 'zoho-create-records' },
    ]);
    const lead = detect(zoho, exchange('POST', 'https://crm.zoho.com/crm/v8/Leads', 201, { data: [{ Email: 'l@x.io' }] }, { data: [ok('1')] }));
    expect(lead[0]).toMatchObject({ kind: 'contact', hasEmail: true });
  });
});

describe('Dynamics 365', () => {
  const ORG = 'https://contoso.crm4.dynamics.com';
  const GUID = '6C1F0E3A-4B2D-4E5F-8A9B-0C1D2E3F4A5B';

  it('reads the id from OData-EntityId on a 204 create', () => {
    const headers = { 'odata-entityid': `${ORG}/api/data/v9.2/contacts(${GUID})` };
    expect(detect(dynamics, exchange('POST', `${ORG}/api/data/v9.2/contacts`, 204, { lastname: 'A', emailaddress1: 'a@b.co' }, '', headers))).toEqual([
      { adapter: 'dynamics', kind: 'contact', recordId: GUID.toLowerCase(), hasEmail: true, rule: 'dynamics-webapi-create' },
    ]);
  });

  it('ignores a PATCH to (guid) that answers the same way, and a 400', () => {
    const headers = { 'odata-entityid': `${ORG}/api/data/v9.2/contacts(${GUID})` };
    expect(detect(dynamics, exchange('PATCH', `${ORG}/api/data/v9.2/contacts(${GUID})`, 204, { emailaddress1: 'x@y.z' }, '', headers))).toEqual([]);
    expect(detect(dynamics, exchange('POST', `${ORG}/api/data/v9.2/contacts`, 400, { firstname: 'A' }, { error: { code: '0x80040200' } }))).toEqual([]);
  });

  it('reads a 201 representation: amount, currency and customer of a sales order', () => {
    const account = '11111111-2222-3333-4444-555555555555';
    const request = { name: 'SO', totalamount: 2500, 'customerid_account@odata.bind': `/accounts(${account})` };
    const response = { salesorderid: GUID.toLowerCase(), totalamount: 2500, _customerid_value: account, transactioncurrencyid: { isocurrencycode: 'EUR' } };
    const url = `${ORG}/api/data/v9.2/salesorders?$select=salesorderid,totalamount`;
    expect(detect(dynamics, exchange('POST', url, 201, request, response, { 'OData-EntityId': `${ORG}/api/data/v9.2/salesorders(${GUID})` }))).toEqual([
      { adapter: 'dynamics', kind: 'order', recordId: GUID.toLowerCase(), amount: 2500, currency: 'EUR', accountId: account, rule: 'dynamics-webapi-create' },
    ]);
  });
});

describe('Odoo 17.0 and 16.0 shapes (Odoo 18.0 is replayed from real captures in odoo-captures.test.ts)', () => {
  const ODOO = 'https://acme.odoo.com';
  const rpc = (model: string, method: string, args: unknown[]) => ({ jsonrpc: '2.0', method: 'call', id: 1, params: { model, method, args, kwargs: {} } });
  const result = (value: unknown) => ({ jsonrpc: '2.0', id: 1, result: value });
  const save = (model: string) => `${ODOO}/web/dataset/call_kw/${model}/web_save`;
  // 17.0: many2one with a display_name when the form asks for it; tax_totals with amount_untaxed/amount_total.
  const totals17 = (untaxed: number, total: number) => ({ amount_untaxed: untaxed, amount_total: total, formatted_amount_total: `€ ${total}`, groups_by_subtotal: {}, subtotals: [] });

  it('counts web_save with no ids as a create, and not with [id]', () => {
    const create = detect(odoo, exchange('POST', save('res.partner'), 200, rpc('res.partner', 'web_save', [[], { name: 'A', email: 'a@b.co', is_company: false }]), result([{ id: 9 }])));
    expect(create).toEqual([{ adapter: 'odoo', kind: 'contact', recordId: '9', hasEmail: true, rule: 'odoo-web-save-create' }]);
    expect(detect(odoo, exchange('POST', save('res.partner'), 200, rpc('res.partner', 'web_save', [[9], { email: 'b@c.d' }]), result([{ id: 9 }])))).toEqual([]);
  });

  it('treats a JSON-RPC error in a 200 as a failed save', () => {
    const error = { jsonrpc: '2.0', id: 1, error: { code: 200, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.ValidationError' } } };
    expect(detect(odoo, exchange('POST', save('res.partner'), 200, rpc('res.partner', 'web_save', [[], { email: 'a@b.co' }]), error))).toEqual([]);
  });

  it('reads JSON-RPC 1.0 and 1.1 answers too: no version member, and "error": null on success', () => {
    const request = { method: 'call', id: 1, params: { model: 'res.partner', method: 'web_save', args: [[], { email: 'a@b.co' }], kwargs: {} } };
    const ok = detect(odoo, exchange('POST', save('res.partner'), 200, request, { id: 1, result: [{ id: 11 }], error: null }));
    expect(ok.map((r) => r.recordId)).toEqual(['11']);
    expect(detect(odoo, exchange('POST', save('res.partner'), 200, request, { id: 1, result: null, error: { message: 'Invalid email' } }))).toEqual([]);
    // A batch answer (an array) is not one call's answer: nothing is read from it.
    expect(detect(odoo, exchange('POST', save('res.partner'), 200, request, [{ jsonrpc: '2.0', id: 1, result: [{ id: 12 }] }]))).toEqual([]);
  });

  it('makes a company an account whichever field says so: company_type, is_company, or the answer', () => {
    const asCompany = (vals: Record<string, unknown>, answer: Record<string, unknown> = {}) =>
      detect(odoo, exchange('POST', save('res.partner'), 200, rpc('res.partner', 'web_save', [[], { name: 'Co', email: 'info@co.example', ...vals }]), result([{ id: 10, ...answer }])));
    for (const vals of [{ company_type: 'company' }, { is_company: true }, { company_type: 'company', is_company: true }]) {
      const kinds = asCompany(vals).map((r) => r.kind);
      expect(kinds.length, JSON.stringify(vals)).toBeGreaterThan(0);
      expect(new Set(kinds), JSON.stringify(vals)).toEqual(new Set(['account']));
    }
    // The request said nothing, the saved record says company.
    expect(asCompany({}, { is_company: true }).map((r) => r.kind)).toEqual([]);
    expect(asCompany({}, { company_type: 'company' }).map((r) => r.kind)).toEqual([]);
    // A person stays a contact.
    expect(asCompany({ company_type: 'person', is_company: false }, { is_company: false }).map((r) => r.kind)).toEqual(['contact']);
  });

  it('17.0: counts a new quotation, then its confirmation with both amounts and the currency the form named', () => {
    const memory: RecordMemory = new Map();
    const saved = result([{ id: 12, state: 'draft', tax_totals: totals17(1200, 1380), currency_id: { id: 1, display_name: 'EUR' }, partner_id: { id: 44, display_name: 'P' } }]);
    const quote = detect(odoo, exchange('POST', save('sale.order'), 200, rpc('sale.order', 'web_save', [[], { partner_id: 44 }]), saved), memory);
    expect(quote).toEqual([{ adapter: 'odoo', kind: 'quote', recordId: '12', amount: 1200, amountWithTax: 1380, currency: 'EUR', accountId: '44', rule: 'odoo-web-save-create' }]);
    const confirm = exchange('POST', `${ODOO}/web/dataset/call_button/sale.order/action_confirm`, 200, rpc('sale.order', 'action_confirm', [[12]]), result(true));
    expect(detect(odoo, confirm, memory)).toEqual([
      { adapter: 'odoo', kind: 'order', recordId: '12', amount: 1200, amountWithTax: 1380, currency: 'EUR', accountId: '44', rule: 'odoo-order-confirm' },
    ]);
  });

  it('17.0: confirms an existing quotation using the amounts its form read; an edit and a failed confirm count nothing', () => {
    const memory: RecordMemory = new Map();
    const read = result([{ id: 41, state: 'draft', tax_totals: totals17(990, 1138.5), currency_id: { id: 1, display_name: 'EUR' }, partner_id: { id: 8 } }]);
    expect(detect(odoo, exchange('POST', `${ODOO}/web/dataset/call_kw/sale.order/web_read`, 200, rpc('sale.order', 'web_read', [[41]]), read), memory)).toEqual([]);
    expect(detect(odoo, exchange('POST', save('sale.order'), 200, rpc('sale.order', 'web_save', [[41], { note: 'x' }]), read), memory)).toEqual([]);
    const confirm = exchange('POST', `${ODOO}/web/dataset/call_button/sale.order/action_confirm`, 200, rpc('sale.order', 'action_confirm', [[41]]), result(true));
    expect(detect(odoo, confirm, memory)).toEqual([
      { adapter: 'odoo', kind: 'order', recordId: '41', amount: 990, amountWithTax: 1138.5, currency: 'EUR', accountId: '8', rule: 'odoo-order-confirm' },
    ]);
    const failed = { jsonrpc: '2.0', id: 1, error: { message: 'Nothing to confirm' } };
    expect(detect(odoo, { ...confirm, responseBody: JSON.stringify(failed) }, memory)).toEqual([]);
  });

  it('16.0: create, read (plain amount fields, currency as [id, code]) and call_button without a path', () => {
    const memory: RecordMemory = new Map();
    const legacy = detect(odoo, exchange('POST', `${ODOO}/web/dataset/call_kw/res.partner/create`, 200, rpc('res.partner', 'create', [{ name: 'L', email: 'l@x.io', company_type: 'person', is_company: false }]), result(301)));
    expect(legacy).toEqual([{ adapter: 'odoo', kind: 'contact', recordId: '301', hasEmail: true, rule: 'odoo-legacy-create' }]);
    const company = detect(odoo, exchange('POST', `${ODOO}/web/dataset/call_kw/res.partner/create`, 200, rpc('res.partner', 'create', [{ name: 'Co', email: 'c@x.io', company_type: 'company', is_company: true }]), result(302)));
    expect(company).toEqual([]);
    const quote = detect(odoo, exchange('POST', `${ODOO}/web/dataset/call_kw/sale.order/create`, 200, rpc('sale.order', 'create', [{ partner_id: 301, order_line: [[0, 'virtual_1', { price_unit: 100 }]] }]), result(7)), memory);
    expect(quote).toEqual([{ adapter: 'odoo', kind: 'quote', recordId: '7', accountId: '301', rule: 'odoo-legacy-create' }]);
    const read = result([{ id: 7, state: 'draft', amount_untaxed: 100, amount_total: 121, currency_id: [2, 'USD'], partner_id: [301, 'L'] }]);
    expect(detect(odoo, exchange('POST', `${ODOO}/web/dataset/call_kw/sale.order/read`, 200, rpc('sale.order', 'read', [[7], ['state', 'amount_total']]), read), memory)).toEqual([]);
    const confirm = exchange('POST', `${ODOO}/web/dataset/call_button`, 200, rpc('sale.order', 'action_confirm', [[7]]), result(true));
    expect(detect(odoo, confirm, memory)).toEqual([
      { adapter: 'odoo', kind: 'order', recordId: '7', amount: 100, amountWithTax: 121, currency: 'USD', accountId: '301', rule: 'odoo-order-confirm' },
    ]);
  });
});

describe('robustness', () => {
  it('survives garbage bodies, huge URLs and unknown methods', () => {
    const url = 'https://acme.pipedrive.com/api/v1/persons';
    expect(detect(pipedrive, exchange('POST', url, 200, 'not json', '<html>'))).toEqual([]);
    expect(detect(pipedrive, exchange('POST', url + '?' + 'x'.repeat(5000), 200, {}, { success: true, data: { id: 1 } }))).toEqual([]);
    expect(detect(pipedrive, exchange('GET', url, 200, undefined, { success: true, data: { id: 1 } }))).toEqual([]);
  });
});
