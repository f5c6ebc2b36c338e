import { defineAdapter } from './define';

/** HubSpot: creates happen in side panels, so the create request is the signal. */
export const hubspot = defineAdapter({
  id: 'hubspot',
  name: 'HubSpot',
  hosts: ['https://*.hubspot.com/*'],
  // Every app page carries the portal id second, e.g. /contacts/{portal}/objects/0-1/views/all/list.
  pageGroups: ['^/[\\w-]+/(?<portal>\\d+)(?:[/?#]|$)'],
  urlObjects: { contacts: '0-1', contact: '0-1', companies: '0-2', company: '0-2', deals: '0-3', deal: '0-3', quotes: '0-14', quote: '0-14', orders: '0-123', order: '0-123' },
  kinds: {
    contact: { kpis: ['contacts'], objects: ['0-1', 'contacts', 'contact'] },
    account: { kpis: [], objects: ['0-2', 'companies', 'company'] },
    deal: { kpis: [], objects: ['0-3', 'deals', 'deal'] },
    'deal-won': { kpis: ['revenue'] },
    quote: { kpis: ['equotes'], objects: ['0-14', 'quotes', 'quote'] },
    order: { kpis: ['revenue'], objects: ['0-123', 'orders', 'order'] },
    // Monitored devices live in a tenant's custom object (2-<n>); the rep maps it here.
    device: { kpis: ['devices'], objects: [] },
  },
  routes: [
    {
      id: 'hubspot-record',
      evidence: 'documented',
      type: 'record',
      path: '^/contacts/(?<portal>\\d+)/record/(?<object>\\d-\\d+)/(?<id>\\d+)/?$',
      recordUrl: ['/contacts/{portal}/record/{object}/{id}'],
      testUrls: [
        'https://app.hubspot.com/contacts/4451234/record/0-1/98765432101',
        'https://app-eu1.hubspot.com/contacts/26001/record/0-14/5512/',
        'https://app-na2.hubspot.com/contacts/310/record/0-123/77',
      ],
    },
  ],
  network: [
    {
      id: 'hubspot-object-builder-create',
      evidence: 'documented',
      methods: ['POST'],
      url: '/api/chirp-frontend-app/v1/gateway/com\\.hubspot\\.crm\\.object\\.builder\\.rpc\\.ObjectBuilderRpc/createObjectAndAssociations(?:\\?|$)',
      format: 'json',
      successIf: [{ from: 'response', path: 'errors', op: 'empty' }],
      read: {
        recordId: [{ from: 'response', path: 'data.result.crmObject.objectId' }],
        object: [
          { from: 'request', path: 'createRequest.objectTypeId' },
          { from: 'response', path: 'data.result.crmObject.objectTypeId' },
        ],
        email: [{ from: 'request', path: 'createRequest.properties[name=email].value' }],
        amount: [
          { from: 'request', path: 'createRequest.properties[name=hs_total_price].value' },
          { from: 'request', path: 'createRequest.properties[name=amount].value' },
        ],
        currency: [
          { from: 'request', path: 'createRequest.properties[name=hs_currency_code].value' },
          { from: 'request', path: 'createRequest.properties[name=deal_currency_code].value' },
        ],
        accountId: [{ from: 'request', path: 'createRequest.associations[toObjectTypeId=0-2].toObjectId' }],
      },
    },
    {
      // A deal saved straight into the won stage: its amount is revenue, its company a customer.
      id: 'hubspot-deal-created-won',
      extends: 'hubspot-object-builder-create',
      evidence: 'assumed',
      kind: 'deal-won',
      when: [{ from: 'request', path: 'createRequest.objectTypeId', op: 'eq', value: '0-3' }],
      read: {
        status: [{ from: 'request', path: 'createRequest.properties[name=dealstage].value' }],
        amount: [{ from: 'request', path: 'createRequest.properties[name=amount].value' }],
        currency: [{ from: 'request', path: 'createRequest.properties[name=deal_currency_code].value' }],
      },
      statusIn: ['closedwon'],
    },
    {
      id: 'hubspot-api-create',
      evidence: 'documented',
      methods: ['POST'],
      url: '/crm/v3/objects/(?<object>[\\w-]+)/?(?:\\?|$)',
      format: 'json',
      read: {
        recordId: [{ from: 'response', path: 'id' }],
        object: [{ from: 'url', group: 'object' }],
        email: [{ from: 'request', path: 'properties.email' }],
        amount: [
          { from: 'response', path: 'properties.hs_total_price' },
          { from: 'request', path: 'properties.hs_total_price' },
          { from: 'request', path: 'properties.amount' },
        ],
        currency: [
          { from: 'response', path: 'properties.hs_currency_code' },
          { from: 'request', path: 'properties.hs_currency_code' },
          { from: 'request', path: 'properties.deal_currency_code' },
        ],
      },
    },
  ],
});
