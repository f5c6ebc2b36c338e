import { defineAdapter } from './define';

/**
 * Odoo 17.2+ (and the older /web# URLs): form saves are JSON-RPC `web_save`; a create sends
 * no ids. A quotation is a sale.order; confirming it (`action_confirm`) makes it an order,
 * whose amount was seen when the form read or saved the record.
 */
export const odoo = defineAdapter({
  id: 'odoo',
  name: 'Odoo',
  hosts: ['https://*.odoo.com/*'],
  kinds: {
    contact: { kpis: ['contacts'], objects: ['res.partner', 'contacts', 'customers'] },
    account: { kpis: [] },
    quote: { kpis: ['equotes'], objects: ['sale.order', 'sales', 'quotations', 'action-sale.action_quotations_with_onboarding'] },
    order: { kpis: ['revenue'] },
    opportunity: { kpis: [], objects: ['crm.lead', 'crm'] },
    device: { kpis: ['devices'], objects: [] },
  },
  routes: [
    {
      id: 'odoo-new',
      type: 'create-form',
      path: '^/odoo/(?<action>(?:[^?#]*/)?(?<object>[a-z][\\w.-]*))/new$',
      emailInput: 'div[name="email"] input, input[name="email"]',
      testUrls: ['https://acme.odoo.com/odoo/contacts/new', 'https://acme.odoo.com/odoo/sales/new'],
    },
    {
      id: 'odoo-record',
      type: 'record',
      path: '^/odoo/(?<action>(?:[^?#]*/)?(?<object>[a-z][\\w.-]*))/(?<id>\\d+)$',
      // The action path of the page the record was created on, else the form any version opens.
      recordUrl: ['/odoo/{action}/{id}', '/web#id={id}&model={object}&view_type=form'],
      testUrls: ['https://acme.odoo.com/odoo/contacts/9', 'https://acme.odoo.com/odoo/sales/41'],
    },
    {
      id: 'odoo-legacy-new',
      type: 'create-form',
      path: '^/web$',
      hash: '^#(?!(?:.*&)?id=\\d)(?=(?:.*&)?model=(?<object>[\\w.]+))(?=(?:.*&)?view_type=form)',
      emailInput: 'div[name="email"] input, input[name="email"]',
      testUrls: ['https://acme.odoo.com/web#model=res.partner&view_type=form'],
    },
    {
      id: 'odoo-legacy-record',
      type: 'record',
      path: '^/web$',
      hash: '^#(?=(?:.*&)?id=(?<id>\\d+)(?:&|$))(?=(?:.*&)?model=(?<object>[\\w.]+))(?=(?:.*&)?view_type=form)',
      testUrls: ['https://acme.odoo.com/web#id=9&cids=1&menu_id=111&action=222&model=res.partner&view_type=form'],
    },
  ],
  network: [
    {
      id: 'odoo-web-save-create',
      methods: ['POST'],
      url: '/web/dataset/call_kw/(?<object>[\\w.]+)/web_save(?:\\?|$)',
      format: 'jsonrpc',
      when: [{ from: 'request', path: 'params.args[1].is_company', op: 'ne', value: true }],
      createIf: [
        { from: 'request', path: 'params.args[0]', op: 'exists' },
        { from: 'request', path: 'params.args[0]', op: 'empty' },
      ],
      read: {
        recordId: [{ from: 'response', path: 'result[0].id' }],
        object: [{ from: 'url', group: 'object' }],
        email: [
          { from: 'request', path: 'params.args[1].email' },
          { from: 'response', path: 'result[0].email' },
        ],
        amount: [{ from: 'response', path: 'result[0].amount_total' }],
        currency: [
          { from: 'response', path: 'result[0].currency_id.display_name' },
          { from: 'response', path: 'result[0].currency_id[1]' },
        ],
        accountId: [
          { from: 'response', path: 'result[0].partner_id.id' },
          { from: 'response', path: 'result[0].partner_id[0]' },
          { from: 'request', path: 'params.args[1].partner_id' },
        ],
      },
    },
    {
      id: 'odoo-web-save-company',
      methods: ['POST'],
      url: '/web/dataset/call_kw/(?<object>res\\.partner)/web_save(?:\\?|$)',
      format: 'jsonrpc',
      kind: 'account',
      when: [{ from: 'request', path: 'params.args[1].is_company', op: 'eq', value: true }],
      createIf: [
        { from: 'request', path: 'params.args[0]', op: 'exists' },
        { from: 'request', path: 'params.args[0]', op: 'empty' },
      ],
      read: { recordId: [{ from: 'response', path: 'result[0].id' }], object: [{ from: 'url', group: 'object' }] },
    },
    {
      id: 'odoo-legacy-create',
      methods: ['POST'],
      url: '/web/dataset/call_kw/(?<object>[\\w.]+)/create(?:\\?|$)',
      format: 'jsonrpc',
      when: [
        { from: 'request', path: 'params.args[0].is_company', op: 'ne', value: true },
        { from: 'request', path: 'params.args[0][0].is_company', op: 'ne', value: true },
      ],
      read: {
        recordId: [
          { from: 'response', path: 'result[0]' },
          { from: 'response', path: 'result' },
        ],
        object: [{ from: 'url', group: 'object' }],
        email: [
          { from: 'request', path: 'params.args[0].email' },
          { from: 'request', path: 'params.args[0][0].email' },
        ],
      },
    },
    {
      // Remembers each order's amount, currency and customer for its later confirmation.
      id: 'odoo-order-read',
      methods: ['POST'],
      url: '/web/dataset/call_kw/(?<object>sale\\.order)/(?:web_read|web_save|read)(?:\\?|$)',
      format: 'jsonrpc',
      observeOnly: true,
      items: { response: 'result[*]' },
      read: {
        recordId: [{ from: 'responseItem', path: 'id' }],
        object: [{ from: 'url', group: 'object' }],
        amount: [{ from: 'responseItem', path: 'amount_total' }],
        currency: [
          { from: 'responseItem', path: 'currency_id.display_name' },
          { from: 'responseItem', path: 'currency_id[1]' },
        ],
        accountId: [
          { from: 'responseItem', path: 'partner_id.id' },
          { from: 'responseItem', path: 'partner_id[0]' },
        ],
      },
    },
    {
      id: 'odoo-order-confirm',
      methods: ['POST'],
      url: '/web/dataset/call_(?:kw|button)(?:/sale\\.order/action_confirm)?/?(?:\\?|$)',
      format: 'jsonrpc',
      kind: 'order',
      when: [
        { from: 'request', path: 'params.model', op: 'eq', value: 'sale.order' },
        { from: 'request', path: 'params.method', op: 'eq', value: 'action_confirm' },
      ],
      read: {
        recordId: [{ from: 'request', path: 'params.args[0][0]' }],
        object: [{ from: 'request', path: 'params.model' }],
      },
    },
  ],
});
