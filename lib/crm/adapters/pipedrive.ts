import { defineAdapter } from './define';

/**
 * Pipedrive: "Add" flows are modals, so the API call is the signal. There is no native quote:
 * a deal created with a value stands for a quote sent; a deal marked won counts its value.
 */
export const pipedrive = defineAdapter({
  id: 'pipedrive',
  name: 'Pipedrive',
  hosts: ['https://*.pipedrive.com/*'],
  urlObjects: { persons: 'person', organizations: 'organization', deals: 'deal' },
  kinds: {
    contact: { kpis: ['contacts'], objects: ['persons', 'person'] },
    account: { kpis: [], objects: ['organizations', 'organization'] },
    deal: { kpis: ['equotes'], objects: ['deals', 'deal'] },
    'deal-won': { kpis: ['revenue'] },
  },
  routes: [
    {
      id: 'pipedrive-record',
      evidence: 'assumed',
      type: 'record',
      path: '^/(?<object>person|organization|deal)/(?<id>\\d+)/?$',
      recordUrl: ['/{object}/{id}'],
      testUrls: [
        'https://acme.pipedrive.com/person/1042',
        'https://acme.pipedrive.com/organization/77/',
        'https://acme.pipedrive.com/deal/311',
      ],
    },
  ],
  network: [
    {
      id: 'pipedrive-create',
      evidence: 'documented',
      methods: ['POST'],
      url: '/api/v[12]/(?<object>persons|organizations)/?(?:\\?|$)',
      format: 'json',
      successIf: [{ from: 'response', path: 'success', op: 'eq', value: true }],
      read: {
        recordId: [{ from: 'response', path: 'data.id' }],
        object: [{ from: 'url', group: 'object' }],
        email: [
          { from: 'response', path: 'data.email[*].value' },
          { from: 'response', path: 'data.emails[*].value' },
          { from: 'request', path: 'email[*].value' },
          { from: 'request', path: 'emails[*].value' },
          { from: 'request', path: 'email' },
        ],
      },
    },
    {
      id: 'pipedrive-deal-create',
      evidence: 'documented',
      methods: ['POST'],
      url: '/api/v[12]/deals/?(?:\\?|$)',
      format: 'json',
      kind: 'deal',
      successIf: [
        { from: 'response', path: 'success', op: 'eq', value: true },
        { from: 'response', path: 'data.value', op: 'gt', value: 0 },
      ],
      read: {
        recordId: [{ from: 'response', path: 'data.id' }],
        amount: [{ from: 'response', path: 'data.value' }],
        currency: [{ from: 'response', path: 'data.currency' }],
        accountId: [
          { from: 'response', path: 'data.org_id.value' },
          { from: 'response', path: 'data.org_id' },
        ],
      },
    },
    {
      // Only the request that sets the status is a transition; the key makes it count once.
      id: 'pipedrive-deal-won',
      evidence: 'documented',
      methods: ['PUT', 'PATCH'],
      url: '/api/v[12]/(?<object>deals)/(?<id>\\d+)/?(?:\\?|$)',
      format: 'json',
      kind: 'deal-won',
      successIf: [{ from: 'response', path: 'success', op: 'eq', value: true }],
      read: {
        recordId: [
          { from: 'url', group: 'id' },
          { from: 'response', path: 'data.id' },
        ],
        object: [{ from: 'url', group: 'object' }],
        status: [{ from: 'request', path: 'status' }],
        amount: [{ from: 'response', path: 'data.value' }],
        currency: [{ from: 'response', path: 'data.currency' }],
        accountId: [
          { from: 'response', path: 'data.org_id.value' },
          { from: 'response', path: 'data.org_id' },
        ],
      },
      statusIn: ['won'],
    },
  ],
});
