import { defineAdapter } from './define';

const SF_ID = '[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?';

/** Salesforce Lightning: Aura createRecord actions, the REST API, and the create modal's URL. */
export const salesforce = defineAdapter({
  id: 'salesforce',
  name: 'Salesforce',
  hosts: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  kinds: {
    contact: { kpis: ['contacts'], objects: ['Contact', 'Lead'], idPrefixes: ['003', '00Q'] },
    account: { kpis: [], objects: ['Account'], idPrefixes: ['001'] },
    opportunity: { kpis: [], objects: ['Opportunity'], idPrefixes: ['006'] },
    'deal-won': { kpis: ['revenue'] },
    quote: { kpis: ['equotes'], objects: ['Quote'], idPrefixes: ['0Q0'] },
    order: { kpis: ['revenue'], objects: ['Order'], idPrefixes: ['801'] },
    device: { kpis: ['devices'], objects: ['Asset'], idPrefixes: ['02i'] },
  },
  routes: [
    {
      id: 'salesforce-new',
      evidence: 'documented',
      type: 'create-form',
      path: '^/lightning/o/(?<object>\\w+)/new$',
      emailInput: 'input[name="Email"]',
      testUrls: [
        'https://acme.lightning.force.com/lightning/o/Contact/new?count=1&nooverride=1&useRecordTypeCheck=1',
        'https://acme--sandbox.sandbox.lightning.force.com/lightning/o/Quote/new',
      ],
    },
    {
      id: 'salesforce-record',
      evidence: 'documented',
      type: 'record',
      path: `^/lightning/r/(?:(?<object>\\w+)/)?(?<id>${SF_ID})/view$`,
      recordUrl: ['/lightning/r/{object}/{id}/view', '/lightning/r/{id}/view'],
      testUrls: [
        'https://acme.lightning.force.com/lightning/r/Contact/003Hs00000XyZabIAF/view',
        'https://acme.lightning.force.com/lightning/r/801Hs000001AbCdEFG/view',
        'https://acme.my.salesforce.com/lightning/r/Asset/02iHs0000012345AAA/view',
      ],
    },
    {
      // Classic: a server-rendered edit page posted to the server, which redirects to the record.
      id: 'salesforce-classic-new',
      evidence: 'documented',
      type: 'create-form',
      path: '^/(?<object>[a-zA-Z0-9]{3})/e$',
      testUrls: ['https://acme.my.salesforce.com/003/e', 'https://acme.my.salesforce.com/0Q0/e?retURL=%2F0Q0%2Fo'],
    },
    {
      id: 'salesforce-classic-record',
      evidence: 'documented',
      type: 'record',
      path: '^/(?<id>[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)$',
      testUrls: ['https://acme.my.salesforce.com/0035g0000012345', 'https://acme.my.salesforce.com/0Q05g0000012345AAA'],
    },
  ],
  network: [
    {
      id: 'salesforce-aura-create',
      evidence: 'documented',
      methods: ['POST'],
      url: '/aura\\?[^#]*aura\\.RecordUi\\.createRecord=1',
      format: 'form-aura',
      items: { request: 'actions[*]', response: 'actions[*]', pairBy: 'id' },
      when: [{ from: 'requestItem', path: 'descriptor', op: 'matches', value: 'ACTION\\$createRecord$' }],
      successIf: [{ from: 'responseItem', path: 'state', op: 'eq', value: 'SUCCESS' }],
      read: {
        recordId: [{ from: 'responseItem', path: 'returnValue.id' }],
        object: [
          { from: 'responseItem', path: 'returnValue.apiName' },
          { from: 'requestItem', path: 'params.recordInput.apiName' },
        ],
        email: [
          { from: 'responseItem', path: 'returnValue.fields.Email.value' },
          { from: 'requestItem', path: 'params.recordInput.fields.Email' },
        ],
        amount: [
          { from: 'responseItem', path: 'returnValue.fields.TotalAmount.value' },
          { from: 'responseItem', path: 'returnValue.fields.GrandTotal.value' },
          { from: 'requestItem', path: 'params.recordInput.fields.TotalAmount' },
        ],
        currency: [
          { from: 'responseItem', path: 'returnValue.fields.CurrencyIsoCode.value' },
          { from: 'requestItem', path: 'params.recordInput.fields.CurrencyIsoCode' },
        ],
        accountId: [
          { from: 'responseItem', path: 'returnValue.fields.AccountId.value' },
          { from: 'requestItem', path: 'params.recordInput.fields.AccountId' },
        ],
      },
    },
    {
      // An opportunity saved as Closed Won: its amount is revenue, its account a customer.
      id: 'salesforce-aura-opportunity-won',
      extends: 'salesforce-aura-create',
      evidence: 'assumed',
      kind: 'deal-won',
      when: [{ from: 'requestItem', path: 'params.recordInput.apiName', op: 'eq', value: 'Opportunity' }],
      read: {
        status: [
          { from: 'responseItem', path: 'returnValue.fields.StageName.value' },
          { from: 'requestItem', path: 'params.recordInput.fields.StageName' },
        ],
        amount: [
          { from: 'responseItem', path: 'returnValue.fields.Amount.value' },
          { from: 'requestItem', path: 'params.recordInput.fields.Amount' },
        ],
      },
      statusIn: ['Closed Won'],
    },
    {
      id: 'salesforce-rest-create',
      evidence: 'documented',
      methods: ['POST'],
      url: '/services/data/v\\d+\\.\\d+/sobjects/(?<object>\\w+)/?(?:\\?|$)',
      format: 'json',
      successIf: [{ from: 'response', path: 'success', op: 'eq', value: true }],
      read: {
        recordId: [{ from: 'response', path: 'id' }],
        object: [{ from: 'url', group: 'object' }],
        email: [{ from: 'request', path: 'Email' }],
        amount: [
          { from: 'request', path: 'TotalAmount' },
          { from: 'request', path: 'GrandTotal' },
        ],
        currency: [{ from: 'request', path: 'CurrencyIsoCode' }],
        accountId: [{ from: 'request', path: 'AccountId' }],
      },
    },
  ],
  dom: [
    {
      // The success toast also follows edits, so it only counts while a create form is open.
      id: 'salesforce-toast-created',
      evidence: 'assumed',
      selector: 'div.forceToastMessage[data-key="success"]',
      requireCreateForm: true,
      recordFrom: {
        from: 'element',
        selector: 'a[href*="/lightning/r/"]',
        attribute: 'href',
        regex: `/lightning/r/(?:(?<object>\\w+)/)?(?<id>${SF_ID})/view`,
      },
    },
  ],
});
