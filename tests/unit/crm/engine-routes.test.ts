import { describe, expect, it } from 'vitest';
import { createFormAt, detectFromDomHit, detectFromRouteChange, matchRoutes } from '@/lib/crm/engine';
import { salesforce } from '@/lib/crm/adapters/salesforce';
import { zoho } from '@/lib/crm/adapters/zoho';
import { dynamics } from '@/lib/crm/adapters/dynamics';
import { odoo } from '@/lib/crm/adapters/odoo';
import { DetectedRecordSchema } from '@/lib/crm/record';

describe('detectFromRouteChange', () => {
  it('counts create form → record page of the same kind', () => {
    const records = detectFromRouteChange(
      zoho,
      'https://crm.zoho.eu/crm/org20077/tab/Contacts/create',
      'https://crm.zoho.eu/crm/org20077/tab/Contacts/5725767000000524001',
      { hasEmail: true },
    );
    expect(records).toEqual([
      {
        adapter: 'zoho',
        kind: 'contact',
        recordId: '5725767000000524001',
        rule: 'zoho-create',
        hasEmail: true,
        url: 'https://crm.zoho.eu/crm/org20077/tab/Contacts/5725767000000524001',
      },
    ]);
    expect(DetectedRecordSchema.safeParse(records[0]).success).toBe(true);
  });

  it('does not count record → record, list → record, or a create form → record of another kind', () => {
    const record = 'https://crm.zoho.eu/crm/org1/tab/Contacts/5725767000000524001';
    expect(detectFromRouteChange(zoho, 'https://crm.zoho.eu/crm/org1/tab/Contacts/5725767000000524000', record)).toEqual([]);
    expect(detectFromRouteChange(zoho, 'https://crm.zoho.eu/crm/org1/tab/Contacts', record)).toEqual([]);
    expect(detectFromRouteChange(zoho, 'https://crm.zoho.eu/crm/org1/tab/Quotes/create', record)).toEqual([]);
    expect(detectFromRouteChange(zoho, 'https://crm.zoho.eu/crm/org1/tab/Contacts/create', 'https://crm.zoho.eu/crm/org1/tab/Contacts/create?x=1')).toEqual([]);
  });

  it('Salesforce: the New modal URL to the new record page; tab name and key prefix agree on the kind', () => {
    const records = detectFromRouteChange(
      salesforce,
      'https://acme.lightning.force.com/lightning/o/Contact/new?count=1&nooverride=1',
      'https://acme.lightning.force.com/lightning/r/Contact/0035g00000000001AA/view',
    );
    expect(records).toMatchObject([{ kind: 'contact', recordId: '0035g00000000001AA', rule: 'salesforce-new' }]);
    expect(records[0]?.hasEmail).toBeUndefined();
  });

  it('Salesforce Classic: a POSTed edit page followed by the record (full navigation)', () => {
    expect(detectFromRouteChange(salesforce, 'https://acme.my.salesforce.com/0Q0/e', 'https://acme.my.salesforce.com/0Q05g0000000001')).toMatchObject([
      { kind: 'quote', recordId: '0Q05g0000000001', rule: 'salesforce-classic-new' },
    ]);
    expect(detectFromRouteChange(salesforce, 'https://acme.my.salesforce.com/0Q0/e', 'https://acme.my.salesforce.com/0Q0/e?error=1')).toEqual([]);
  });

  it('Dynamics: the id appears in the query; braces and case are normalised and the query kept', () => {
    const form = 'https://contoso.crm4.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=contact';
    const records = detectFromRouteChange(dynamics, form, `${form}&id=%7B6C1F0E3A-4B2D-4E5F-8A9B-0C1D2E3F4A5B%7D`);
    expect(records).toMatchObject([{ kind: 'contact', recordId: '6c1f0e3a-4b2d-4e5f-8a9b-0c1d2e3f4a5b', rule: 'dynamics-new' }]);
    expect(records[0]?.url).toContain('id=');
  });

  it('Odoo: /new to /{id}, and the older /web# form', () => {
    expect(detectFromRouteChange(odoo, 'https://acme.odoo.com/odoo/contacts/new', 'https://acme.odoo.com/odoo/contacts/9')).toMatchObject([
      { kind: 'contact', recordId: '9', rule: 'odoo-new' },
    ]);
    expect(
      detectFromRouteChange(odoo, 'https://acme.odoo.com/web#model=res.partner&view_type=form', 'https://acme.odoo.com/web#id=301&model=res.partner&view_type=form'),
    ).toMatchObject([{ kind: 'contact', recordId: '301', rule: 'odoo-legacy-new' }]);
    expect(detectFromRouteChange(odoo, 'https://acme.odoo.com/odoo/contacts/8', 'https://acme.odoo.com/odoo/contacts/9')).toEqual([]);
  });

  it('createFormAt tells whether a URL is a create form', () => {
    expect(createFormAt(odoo, 'https://acme.odoo.com/odoo/contacts/new')?.id).toBe('odoo-new');
    expect(createFormAt(odoo, 'https://acme.odoo.com/odoo/contacts/9')).toBeUndefined();
    expect(matchRoutes(odoo, 'not a url')).toEqual([]);
  });
});

describe('detectFromDomHit', () => {
  const toastLink = '/lightning/r/Contact/0035g00000000007AA/view';

  it('counts a Salesforce success toast only while a create form is open', () => {
    const onForm = detectFromDomHit(salesforce, {
      ruleId: 'salesforce-toast-created',
      value: toastLink,
      url: 'https://acme.lightning.force.com/lightning/o/Contact/new?count=1',
    });
    expect(onForm).toEqual([
      {
        adapter: 'salesforce',
        kind: 'contact',
        recordId: '0035g00000000007AA',
        rule: 'salesforce-toast-created',
        url: 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000000007AA/view',
      },
    ]);
    const onRecord = detectFromDomHit(salesforce, {
      ruleId: 'salesforce-toast-created',
      value: toastLink,
      url: 'https://acme.lightning.force.com/lightning/r/Contact/0035g00000000001AA/view',
    });
    expect(onRecord).toEqual([]);
  });

  it('needs a record id and a known rule', () => {
    const url = 'https://acme.lightning.force.com/lightning/o/Contact/new';
    expect(detectFromDomHit(salesforce, { ruleId: 'salesforce-toast-created', url })).toEqual([]);
    expect(detectFromDomHit(salesforce, { ruleId: 'salesforce-toast-created', value: '/home', url })).toEqual([]);
    expect(detectFromDomHit(salesforce, { ruleId: 'nope', value: toastLink, url })).toEqual([]);
  });
});
