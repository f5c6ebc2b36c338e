import { defineAdapter } from './define';

/**
 * Odoo 16.0, 17.0 and 18.0 web clients.
 * - 17.0 and 18.0 save forms with JSON-RPC `web_save`: no ids is a create, `[id]` an edit; the
 *   answer is `[{id, …}]`. 16.0 creates with `create` (answer: the new id) and reads with `read`.
 * - A partner is a company (an account, never a contact) when `company_type` is "company" or
 *   `is_company` is true: Odoo 18 sends only `company_type`, older clients may send either.
 * - Confirming a quotation (`action_confirm`) makes it an order; its amount, currency and
 *   customer come from the last time the page read or saved that order. Odoo 18 names no amount
 *   field: the amounts are in `tax_totals` (`base_amount_currency` untaxed,
 *   `total_amount_currency` with tax, in the order's currency); 16.0/17.0 put `amount_untaxed` and
 *   `amount_total` in `tax_totals` and 16.0 also reads them as plain fields.
 * - Odoo 17/18 name the currency by id only (`{id: 1}`): no code, so the site's currency applies.
 * Evidence: `observed` = recorded from a real Odoo 18.0 (docs/crm-evidence.md); `documented` =
 * read in Odoo's public source for 16.0/17.0.
 */

/** A create: `web_save` with an empty id list. */
const WEB_SAVE_CREATE = [
  { from: 'request', path: 'params.args[0]', op: 'exists' },
  { from: 'request', path: 'params.args[0]', op: 'empty' },
] as const;

/** A partner saved as a person (or a record of another model): whichever field says company wins. */
const NOT_A_COMPANY = [
  { from: 'request', path: 'params.args[1].company_type', op: 'ne', value: 'company' },
  { from: 'request', path: 'params.args[1].is_company', op: 'ne', value: true },
  { from: 'response', path: 'result[0].company_type', op: 'ne', value: 'company' },
  { from: 'response', path: 'result[0].is_company', op: 'ne', value: true },
] as const;

/** Order amounts: plain fields (16.0), tax_totals of 16.0/17.0, tax_totals of 18.0. */
const UNTAXED = ['amount_untaxed', 'tax_totals.amount_untaxed', 'tax_totals.base_amount_currency'];
const TAXED = ['amount_total', 'tax_totals.amount_total', 'tax_totals.total_amount_currency'];

export const odoo = defineAdapter({
  id: 'odoo',
  name: 'Odoo',
  hosts: ['https://*.odoo.com/*'],
  kinds: {
    contact: { kpis: ['contacts'], objects: ['res.partner', 'contacts', 'customers'] },
    account: { kpis: [] },
    // "Quotations" live at /odoo/sales (also /odoo/action-sale.action_quotations_with_onboarding);
    // "Sales Orders" at /odoo/orders: a new one there is a quotation until confirmed too.
    quote: { kpis: ['equotes'], objects: ['sale.order', 'sales', 'quotations', 'orders', 'action-sale.action_quotations_with_onboarding'] },
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
      testUrls: ['https://acme.odoo.com/odoo/contacts/new', 'https://acme.odoo.com/odoo/sales/new', 'https://acme.odoo.com/odoo/orders/new'],
      evidence: 'observed',
    },
    {
      id: 'odoo-record',
      type: 'record',
      path: '^/odoo/(?<action>(?:[^?#]*/)?(?<object>[a-z][\\w.-]*))/(?<id>\\d+)$',
      // The action path of the page the record was created on, else the form any version opens.
      recordUrl: ['/odoo/{action}/{id}', '/web#id={id}&model={object}&view_type=form'],
      testUrls: ['https://acme.odoo.com/odoo/contacts/9', 'https://acme.odoo.com/odoo/sales/41', 'https://acme.odoo.com/odoo/orders/4'],
      evidence: 'observed',
    },
    {
      id: 'odoo-legacy-new',
      type: 'create-form',
      path: '^/web$',
      hash: '^#(?!(?:.*&)?id=\\d)(?=(?:.*&)?model=(?<object>[\\w.]+))(?=(?:.*&)?view_type=form)',
      emailInput: 'div[name="email"] input, input[name="email"]',
      testUrls: ['https://acme.odoo.com/web#model=res.partner&view_type=form'],
      evidence: 'documented',
    },
    {
      id: 'odoo-legacy-record',
      type: 'record',
      path: '^/web$',
      hash: '^#(?=(?:.*&)?id=(?<id>\\d+)(?:&|$))(?=(?:.*&)?model=(?<object>[\\w.]+))(?=(?:.*&)?view_type=form)',
      testUrls: ['https://acme.odoo.com/web#id=9&cids=1&menu_id=111&action=222&model=res.partner&view_type=form'],
      evidence: 'documented',
    },
  ],
  network: [
    {
      id: 'odoo-web-save-create',
      methods: ['POST'],
      url: '/web/dataset/call_kw/(?<object>[\\w.]+)/web_save(?:\\?|$)',
      format: 'jsonrpc',
      when: [...NOT_A_COMPANY],
      createIf: [...WEB_SAVE_CREATE],
      read: {
        recordId: [{ from: 'response', path: 'result[0].id' }],
        object: [{ from: 'url', group: 'object' }],
        email: [
          { from: 'request', path: 'params.args[1].email' },
          { from: 'response', path: 'result[0].email' },
        ],
        amount: UNTAXED.map((path) => ({ from: 'response', path: `result[0].${path}` }) as const),
        amountWithTax: TAXED.map((path) => ({ from: 'response', path: `result[0].${path}` }) as const),
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
      evidence: 'observed',
    },
    {
      id: 'odoo-web-save-company',
      methods: ['POST'],
      url: '/web/dataset/call_kw/(?<object>res\\.partner)/web_save(?:\\?|$)',
      format: 'jsonrpc',
      kind: 'account',
      when: [{ from: 'request', path: 'params.args[1].company_type', op: 'eq', value: 'company' }],
      createIf: [...WEB_SAVE_CREATE],
      read: { recordId: [{ from: 'response', path: 'result[0].id' }], object: [{ from: 'url', group: 'object' }] },
      evidence: 'observed',
    },
    {
      // Odoo 17.0 forms may send `is_company` instead of `company_type`.
      id: 'odoo-web-save-company-flag',
      methods: ['POST'],
      url: '/web/dataset/call_kw/(?<object>res\\.partner)/web_save(?:\\?|$)',
      format: 'jsonrpc',
      kind: 'account',
      when: [
        { from: 'request', path: 'params.args[1].company_type', op: 'ne', value: 'company' },
        { from: 'request', path: 'params.args[1].is_company', op: 'eq', value: true },
      ],
      createIf: [...WEB_SAVE_CREATE],
      read: { recordId: [{ from: 'response', path: 'result[0].id' }], object: [{ from: 'url', group: 'object' }] },
      evidence: 'documented',
    },
    {
      id: 'odoo-legacy-create',
      methods: ['POST'],
      url: '/web/dataset/call_kw/(?<object>[\\w.]+)/create(?:\\?|$)',
      format: 'jsonrpc',
      // 16.0 sends the values as args[0] (one record) or args[0][0] (a list of records).
      when: [
        { from: 'request', path: 'params.args[0].company_type', op: 'ne', value: 'company' },
        { from: 'request', path: 'params.args[0].is_company', op: 'ne', value: true },
        { from: 'request', path: 'params.args[0][0].company_type', op: 'ne', value: 'company' },
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
        accountId: [
          { from: 'request', path: 'params.args[0].partner_id' },
          { from: 'request', path: 'params.args[0][0].partner_id' },
        ],
      },
      evidence: 'documented',
    },
    {
      // Remembers each order's amounts, currency and customer for its later confirmation.
      id: 'odoo-order-read',
      methods: ['POST'],
      url: '/web/dataset/call_kw/(?<object>sale\\.order)/(?:web_read|web_save|read)(?:\\?|$)',
      format: 'jsonrpc',
      observeOnly: true,
      items: { response: 'result[*]' },
      read: {
        recordId: [{ from: 'responseItem', path: 'id' }],
        object: [{ from: 'url', group: 'object' }],
        amount: UNTAXED.map((path) => ({ from: 'responseItem', path }) as const),
        amountWithTax: TAXED.map((path) => ({ from: 'responseItem', path }) as const),
        currency: [
          { from: 'responseItem', path: 'currency_id.display_name' },
          { from: 'responseItem', path: 'currency_id[1]' },
        ],
        accountId: [
          { from: 'responseItem', path: 'partner_id.id' },
          { from: 'responseItem', path: 'partner_id[0]' },
        ],
      },
      evidence: 'observed',
    },
    {
      id: 'odoo-order-confirm',
      methods: ['POST'],
      // 18.0 (observed) names model and method in the path; 16.0 posts to /web/dataset/call_button.
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
      evidence: 'observed',
    },
  ],
});
