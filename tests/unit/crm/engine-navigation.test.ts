import { describe, expect, it } from 'vitest';
import { validateAdapter, type AdapterInput } from '@/lib/crm/adapter-schema';
import { detectFromDomHit, detectFromExchange, readNavigation, settleSaves, type BrowserNavigation, type RecordMemory } from '@/lib/crm/engine';
import { planFor } from '@/lib/crm/page-plan';
import { PageSignalSchema } from '@/lib/crm/page-signals';
import { DetectedRecordSchema } from '@/lib/crm/record';
import { DEALER_ERP_ADAPTER } from '@/tests/fixtures/dealer-erp/adapter';

const ERP = 'https://erp.dealer.test';
const adapter: AdapterInput = DEALER_ERP_ADAPTER;

function post(path: string, fields: Record<string, string>, pageUrl = `${ERP}${path}?action=create`): BrowserNavigation {
  return { method: 'POST', url: `${ERP}${path}`, body: new URLSearchParams(fields).toString(), pageUrl };
}

/** Submits, then lands: what the tab's next page would settle. */
function saveAndLand(navigation: BrowserNavigation, landing: string, memory?: RecordMemory) {
  const saves = readNavigation(adapter, navigation);
  const settled = settleSaves(adapter, saves, landing, memory ? { memory } : {});
  for (const record of settled.records) expect(DetectedRecordSchema.safeParse(record).success, JSON.stringify(record)).toBe(true);
  return { saves, ...settled };
}

describe('the adapter schema for browser navigations', () => {
  it('accepts the dealer ERP adapter', () => {
    const checked = validateAdapter(adapter);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
  });

  it('says what is wrong with a navigation rule', () => {
    const rule = adapter.network![0]!;
    const withRule = (changes: object) => validateAdapter({ ...adapter, network: [{ ...rule, ...changes }] });
    const errors = (result: ReturnType<typeof validateAdapter>) => (result.ok ? [] : result.errors);
    expect(errors(withRule({ format: 'json' }))).toContain('network.0.format: a rule with navigation reads the submitted form: use format "form"');
    expect(errors(withRule({ methods: ['PUT'] }))).toContain('network.0.methods: a browser navigation is a GET or a POST');
    expect(errors(withRule({ read: { recordId: [{ from: 'response', path: 'id' }] } }))).toContain(
      'network.0.read: a navigation has no response body or headers to read: use request, url or landing',
    );
    expect(errors(withRule({ navigation: undefined }))).toContain('network.0.navigation: landing sources need `navigation`');
    expect(errors(withRule({ navigation: { landing: '(a+)+$' } })).some((e) => e.startsWith('network.0.navigation.landing: unsafe or invalid regex'))).toBe(true);
    expect(errors(withRule({ navigation: { landing: 'x', marker: 'nope' } }))).toContain(
      'network.0.navigation.marker: "nope" is not a dom rule that reads the record from an element',
    );
  });

  it('plans navigations for the page apart from the hook, which never reads them', () => {
    const plan = planFor(adapter);
    expect(plan.hook.rules).toEqual([]);
    expect(plan.navigations).toHaveLength(6);
    expect(plan.navigations![0]).toEqual({ methods: ['POST'], url: '^https://erp\\.dealer\\.test/societe/card\\.php$' });
  });

  it('validates the page signal and refuses an oversized form', () => {
    const signal = { kind: 'navigation', via: 'form', method: 'POST', url: `${ERP}/contact/card.php`, body: 'action=add', pageUrl: `${ERP}/contact/card.php?action=create` };
    expect(PageSignalSchema.safeParse(signal).success).toBe(true);
    expect(PageSignalSchema.safeParse({ ...signal, body: 'x'.repeat(64 * 1024 + 1) }).success).toBe(false);
    expect(PageSignalSchema.safeParse({ ...signal, method: 'PUT' }).success).toBe(false);
  });
});

describe('a native form submission answered by a redirect', () => {
  it('counts a customer with the id from the address it was sent to', () => {
    const { records, saves } = saveAndLand(post('/societe/card.php', { token: 't1', action: 'add', name: 'Acme Print', client: '1' }), `${ERP}/societe/card.php?socid=4`);
    expect(saves).toEqual([{ rule: 'erp-customer-create', sentTo: expect.any(String) }]);
    expect(records).toEqual([{ adapter: 'dealer-erp', kind: 'customer', recordId: '4', rule: 'erp-customer-create', url: `${ERP}/societe/card.php?socid=4` }]);
  });

  it('ignores a prospect and an edit', () => {
    expect(saveAndLand(post('/societe/card.php', { action: 'add', name: 'Maybe', client: '2' }), `${ERP}/societe/card.php?socid=5`).records).toEqual([]);
    const edit = { ...post('/contact/card.php?id=7', { action: 'update', id: '7', lastname: 'Doe', email: 'doe@example.com' }), pageUrl: `${ERP}/contact/card.php?id=7&action=edit` };
    expect(readNavigation(adapter, edit)).toEqual([]);
    expect(saveAndLand(edit, `${ERP}/contact/card.php?id=7`).records).toEqual([]);
  });

  it('treats the form rendered again where it was sent as a failed save', () => {
    const failed = post('/contact/card.php', { action: 'add', lastname: '', email: 'a@b.co' });
    const { saves, records } = saveAndLand(failed, `${ERP}/contact/card.php`);
    expect(saves.map((save) => save.rule)).toEqual(['erp-contact-create']);
    expect(records).toEqual([]);
    // Nor anywhere the landing pattern does not name.
    expect(saveAndLand(failed, `${ERP}/index.php`).records).toEqual([]);
  });

  it('reads email presence, never the email', () => {
    const withEmail = saveAndLand(post('/contact/card.php', { action: 'add', lastname: 'Doe', email: 'doe@example.com' }), `${ERP}/contact/card.php?id=8`);
    expect(withEmail.records).toEqual([{ adapter: 'dealer-erp', kind: 'contact', recordId: '8', rule: 'erp-contact-create', hasEmail: true, url: `${ERP}/contact/card.php?id=8` }]);
    expect(JSON.stringify(withEmail)).not.toContain('doe@');
    const without = saveAndLand(post('/contact/card.php', { action: 'add', lastname: 'Roe', email: '' }), `${ERP}/contact/card.php?id=9`);
    expect(without.records).toMatchObject([{ recordId: '9', hasEmail: false }]);
  });

  it('reads the amount, currency and customer from the submitted fields, pre-filled ones too', () => {
    const quote = saveAndLand(
      post('/comm/propal/card.php', { token: 't', action: 'add', multicurrency_code: 'EUR', socid: '4', ref_client: 'Q-1', amount_ht: '1250.50' }),
      `${ERP}/comm/propal/card.php?id=3`,
    );
    expect(quote.records).toEqual([
      { adapter: 'dealer-erp', kind: 'quote', recordId: '3', rule: 'erp-quote-create', amount: 1250.5, currency: 'EUR', accountId: '4', url: `${ERP}/comm/propal/card.php?id=3` },
    ]);
  });

  it('does not read a submission to another site', () => {
    expect(readNavigation(adapter, { ...post('/contact/card.php', { action: 'add', lastname: 'X' }), pageUrl: 'https://elsewhere.test/form' })).toEqual([]);
  });
});

describe('a confirmation reached by a GET link', () => {
  const validate = (id: number): BrowserNavigation => ({
    method: 'GET',
    url: `${ERP}/commande/card.php?id=${id}&action=confirm_validate&confirm=yes&token=tok1`,
    pageUrl: `${ERP}/commande/card.php?id=${id}&action=validate`,
  });

  it('counts the order with the amount its create form sent, kept across pages', () => {
    const memory: RecordMemory = new Map();
    const created = saveAndLand(
      post('/commande/card.php', { action: 'add', multicurrency_code: 'USD', socid: '4', amount_ht: '900', origin: 'propal', originid: '3' }),
      `${ERP}/commande/card.php?id=6`,
      memory,
    );
    expect(created.records).toEqual([]);
    const validated = saveAndLand(validate(6), `${ERP}/commande/card.php?id=6`, memory);
    expect(validated.records).toEqual([
      { adapter: 'dealer-erp', kind: 'order', recordId: '6', rule: 'erp-order-validate', amount: 900, currency: 'USD', accountId: '4', url: `${ERP}/commande/card.php?id=6` },
    ]);
  });

  it('does not count a confirmation shown again with its error, nor a link the rule does not name', () => {
    expect(saveAndLand(validate(6), validate(6).url).records).toEqual([]);
    expect(readNavigation(adapter, { ...validate(6), url: `${ERP}/commande/card.php?id=6&action=confirm_validate&confirm=no` })).toEqual([]);
  });

  it('is never read from fetch/XHR', () => {
    expect(detectFromExchange(adapter, { method: 'GET', url: validate(6).url, status: 200 })).toEqual([]);
  });
});

describe('a contact added from a company’s tab, sent back to the company', () => {
  const fromTab = post('/contact/card.php', { action: 'add', socid: '4', backtopage: '/societe/contact.php?socid=4', lastname: 'Doe', email: 'doe@example.com' });
  const landing = `${ERP}/societe/contact.php?socid=4`;

  it('waits on the landing page for the marker that names the new contact, then counts it once', () => {
    const { records, awaiting } = saveAndLand(fromTab, landing);
    expect(records).toEqual([]);
    expect(awaiting).toMatchObject([{ rule: 'erp-contact-create-from-company', hasEmail: true, accountId: '4' }]);
    const marker = { rule: 'erp-contact-created', value: '/contact/card.php?id=12' };
    expect(settleSaves(adapter, awaiting, landing, { marker }).records).toEqual([
      { adapter: 'dealer-erp', kind: 'contact', recordId: '12', rule: 'erp-contact-create-from-company', hasEmail: true, accountId: '4', url: `${ERP}/contact/card.php?id=12` },
    ]);
    expect(settleSaves(adapter, awaiting, landing, { marker: { rule: 'erp-contact-created', value: '/contact/card.php' } }).records).toEqual([]);
  });

  it('never counts the marker on its own (a reload of the tab shows no new contact)', () => {
    expect(detectFromDomHit(adapter, { ruleId: 'erp-contact-created', url: landing, value: '/contact/card.php?id=12' })).toEqual([]);
  });
});
