import { defineAdapter } from './define';

/** Zoho CRM: every regional domain; tab names (Potentials, SalesOrders) differ from API names. */
export const zoho = defineAdapter({
  id: 'zoho',
  name: 'Zoho CRM',
  hosts: [
    'https://crm.zoho.com/*',
    'https://crm.zoho.eu/*',
    'https://crm.zoho.in/*',
    'https://crm.zoho.com.au/*',
    'https://crm.zoho.jp/*',
    'https://crm.zoho.com.cn/*',
    'https://crm.zoho.ca/*',
    'https://crm.zoho.sa/*',
    'https://crm.zoho.uk/*',
  ],
  pageGroups: ['^/crm/org(?<org>\\d+)/'],
  // Tabs in URLs keep some modules' older names.
  urlObjects: { Deals: 'Potentials', Sales_Orders: 'SalesOrders' },
  kinds: {
    contact: { kpis: ['contacts'], objects: ['Contacts', 'Leads'] },
    account: { kpis: [], objects: ['Accounts'] },
    deal: { kpis: [], objects: ['Deals', 'Potentials'] },
    quote: { kpis: ['equotes'], objects: ['Quotes'] },
    order: { kpis: ['revenue'], objects: ['Sales_Orders', 'SalesOrders'] },
    // Monitored devices are a custom module (CustomModuleN); the rep maps it here.
    device: { kpis: ['devices'], objects: [] },
  },
  routes: [
    {
      id: 'zoho-create',
      evidence: 'assumed',
      type: 'create-form',
      path: '^/crm/(?:org(?<org>\\d+)/)?tab/(?<object>\\w+)/create/?$',
      emailInput: 'input[data-zcqa="Email"], input[name="Email"]',
      testUrls: [
        'https://crm.zoho.com/crm/org60012345/tab/Contacts/create',
        'https://crm.zoho.eu/crm/org20077/tab/Quotes/create?layoutId=1234',
      ],
    },
    {
      id: 'zoho-record',
      evidence: 'assumed',
      type: 'record',
      path: '^/crm/(?:org(?<org>\\d+)/)?tab/(?<object>\\w+)/(?<id>\\d{5,25})/?$',
      recordUrl: ['/crm/org{org}/tab/{object}/{id}', '/crm/tab/{object}/{id}'],
      testUrls: [
        'https://crm.zoho.com/crm/org60012345/tab/Contacts/4876876000000612001',
        'https://crm.zoho.com.au/crm/org7001/tab/SalesOrders/5553000000101',
        'https://crm.zoho.in/crm/tab/Potentials/1200000000456',
      ],
    },
  ],
  network: [
    {
      id: 'zoho-create-records',
      evidence: 'documented',
      methods: ['POST'],
      url: '/crm/v\\d+(?:\\.\\d+)?/(?<object>\\w+)/?(?:\\?|$)',
      format: 'json',
      items: { request: 'data[*]', response: 'data[*]' },
      successIf: [{ from: 'responseItem', path: 'code', op: 'eq', value: 'SUCCESS' }],
      read: {
        recordId: [{ from: 'responseItem', path: 'details.id' }],
        object: [{ from: 'url', group: 'object' }],
        email: [{ from: 'requestItem', path: 'Email' }],
        amount: [
          { from: 'requestItem', path: 'Grand_Total' },
          { from: 'requestItem', path: 'Amount' },
        ],
        currency: [{ from: 'requestItem', path: 'Currency' }],
        accountId: [
          { from: 'requestItem', path: 'Account_Name.id' },
          { from: 'requestItem', path: 'Account_Name' },
        ],
      },
    },
  ],
});
