import { defineAdapter } from './define';

const GUID = '[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}';

/**
 * Dynamics 365 / Dataverse: a create is a POST to the entity set (204 + OData-EntityId, or 201
 * with a body); an edit is a PATCH to `set(<guid>)`, which no rule matches.
 */
export const dynamics = defineAdapter({
  id: 'dynamics',
  name: 'Dynamics 365',
  hosts: ['https://*.dynamics.com/*'],
  idNormalize: ['strip-braces', 'lowercase'],
  pageGroups: ['[?&]appid=(?<appid>[0-9a-fA-F-]{36})'],
  // Requests name entity sets; record pages take logical names.
  urlObjects: { contacts: 'contact', leads: 'lead', accounts: 'account', opportunities: 'opportunity', quotes: 'quote', salesorders: 'salesorder' },
  kinds: {
    contact: { kpis: ['contacts'], objects: ['contact', 'contacts', 'lead', 'leads'] },
    account: { kpis: [], objects: ['account', 'accounts'] },
    opportunity: { kpis: [], objects: ['opportunity', 'opportunities'] },
    quote: { kpis: ['equotes'], objects: ['quote', 'quotes'] },
    order: { kpis: ['revenue'], objects: ['salesorder', 'salesorders'] },
    device: { kpis: ['devices'], objects: [] },
  },
  routes: [
    {
      id: 'dynamics-new',
      evidence: 'documented',
      type: 'create-form',
      path: '^/main\\.aspx$',
      search: '^(?=.*[?&]pagetype=entityrecord(?:&|$))(?=.*[?&]etn=(?<object>\\w+))(?!.*[?&]id=)',
      emailInput: 'input[data-id="emailaddress1.fieldControl-mail-text-input"], input[name="emailaddress1"]',
      testUrls: [
        'https://contoso.crm.dynamics.com/main.aspx?appid=0b4a1f2e-8f3c-4c1d-9e57-2a7b6c5d4e3f&pagetype=entityrecord&etn=contact',
        'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=quote',
      ],
    },
    {
      id: 'dynamics-record',
      evidence: 'documented',
      type: 'record',
      path: '^/main\\.aspx$',
      search: `^(?=.*[?&]pagetype=entityrecord(?:&|$))(?=.*[?&]etn=(?<object>\\w+))(?=.*[?&]id=(?<id>(?:%7B|\\{)?${GUID}(?:%7D|\\})?))`,
      recordUrl: [
        '/main.aspx?appid={appid}&pagetype=entityrecord&etn={object}&id={id}',
        '/main.aspx?pagetype=entityrecord&etn={object}&id={id}',
      ],
      testUrls: [
        'https://contoso.crm.dynamics.com/main.aspx?appid=0b4a1f2e-8f3c-4c1d-9e57-2a7b6c5d4e3f&pagetype=entityrecord&etn=contact&id=6c1f0e3a-4b2d-4e5f-8a9b-0c1d2e3f4a5b',
        'https://contoso.crm4.dynamics.com/main.aspx?etn=salesorder&id=%7B7D2C9A10-1B2C-4D3E-8F90-A1B2C3D4E5F6%7D&pagetype=entityrecord',
      ],
    },
  ],
  network: [
    {
      id: 'dynamics-webapi-create',
      evidence: 'documented',
      methods: ['POST'],
      url: '/api/data/v\\d+(?:\\.\\d+)?/(?<object>[a-z_]+)/?(?:\\?|$)',
      format: 'odata',
      read: {
        recordId: [
          { from: 'header', header: 'OData-EntityId', regex: `\\((?<id>${GUID})\\)` },
          { from: 'response', path: 'contactid' },
          { from: 'response', path: 'accountid' },
          { from: 'response', path: 'leadid' },
          { from: 'response', path: 'quoteid' },
          { from: 'response', path: 'salesorderid' },
          { from: 'response', path: 'opportunityid' },
        ],
        object: [{ from: 'url', group: 'object' }],
        email: [
          { from: 'request', path: 'emailaddress1' },
          { from: 'response', path: 'emailaddress1' },
        ],
        amount: [
          { from: 'response', path: 'totalamount' },
          { from: 'request', path: 'totalamount' },
        ],
        currency: [{ from: 'response', path: 'transactioncurrencyid.isocurrencycode' }],
        accountId: [
          { from: 'request', path: "['customerid_account@odata.bind']", regex: `accounts\\((?<id>${GUID})\\)` },
          { from: 'response', path: '_customerid_value' },
        ],
      },
    },
  ],
});
