import { describe, expect, it } from 'vitest';
import { validateAdapter } from '@/lib/crm/adapter-schema';
import { CATALOGUES } from '@/lib/i18n/catalogue';
import { checkEdit, describeProposal, detectTaught, proposeRule, rankCandidates, type TaughtExchange } from '@/lib/teach';
import { contactCreate, contactCreateWindow, contactEdit, contactFailed, customerCreate, formSave, quoteCreate } from '@/tests/fixtures/teach-synthetic/forms';

function propose(window: TaughtExchange[], intent: Parameters<typeof proposeRule>[1]) {
  const outcome = proposeRule(window, intent);
  if (!outcome.ok) throw new Error(`no proposal: ${outcome.reason}`);
  return outcome.proposal;
}

const taught = (adapter: Parameters<typeof detectTaught>[0], exchange: TaughtExchange) => detectTaught(adapter, exchange).filter((r) => r.rule.startsWith('taught-'));

describe('teaching a native form post answered by a redirect', () => {
  it('finds the save among the page\'s polling: the id the landing address names and the form did not', () => {
    const ranked = rankCandidates(contactCreateWindow('57'), { kind: 'contact', email: 'ada.teach@dealer.example' });
    expect(ranked[0]?.exchange.url).toBe('https://erp.dealer.test/contact/card.php');
    expect(ranked[0]?.id).toMatchObject({ value: '57', source: { from: 'landing', group: 'id' } });
    expect(ranked[0]?.format).toBe('form');
    expect(ranked[0]?.reasons).toEqual(expect.arrayContaining(['typed-email', 'opened-record']));
  });

  it('proposes a navigation rule: the form action, the landing page with the id, action=add, the email field', () => {
    const proposal = propose(contactCreateWindow('57'), { kind: 'contact', email: 'ada.teach@dealer.example' });
    const rule = proposal.adapter.network?.find((r) => r.id === proposal.ruleId);
    expect(rule).toEqual({
      id: 'taught-contact',
      methods: ['POST'],
      url: '^https://[^/?#]+/contact/card\\.php/?(?:[?#]|$)',
      format: 'form',
      kind: 'contact',
      navigation: { landing: '^https://[^/?#]+/contact/card\\.php\\?(?:[^#]*&)?id=(?<id>\\d{1,18})(?:[&#]|$)' },
      createIf: [{ from: 'request', path: 'action', op: 'eq', value: 'add' }],
      read: { recordId: [{ from: 'landing', group: 'id' }], email: [{ from: 'request', path: 'email' }] },
    });
    expect(validateAdapter(proposal.adapter).ok).toBe(true);
    expect(proposal.record).toMatchObject({ kind: 'contact', recordId: '57', hasEmail: true, url: 'https://erp.dealer.test/contact/card.php?id=57' });
    expect(proposal.missing).toEqual([]);
    const route = proposal.adapter.routes?.find((r) => r.id === 'taught-contact-page');
    expect(route).toMatchObject({ path: '^/contact/card\\.php$', recordUrl: ['/contact/card.php?id={id}'] });
    expect(proposal.summary).toMatchObject({ method: 'POST', path: '/contact/card.php', recordId: '57', call: { type: 'field', name: 'action=add' } });
    expect(describeProposal(proposal.summary, CATALOGUES.en)).toBe(
      'When you save a contact here — POST /contact/card.php with action=add — KPI Pacer will count a new contact #57.',
    );
    expect(describeProposal(proposal.summary, CATALOGUES.ru)).toContain('POST /contact/card.php с action=add');
  });

  it('the rule counts the next create; not an edit, not a failed save re-rendered with 200, and a contact without email is no contact with email', () => {
    const { adapter } = propose(contactCreateWindow('57'), { kind: 'contact', email: 'ada.teach@dealer.example' });
    expect(taught(adapter, contactCreate('58', { lastname: 'Next', email: 'ben@dealer.example' }))).toMatchObject([{ recordId: '58', hasEmail: true }]);
    expect(taught(adapter, contactEdit('58'))).toEqual([]);
    expect(taught(adapter, contactFailed())).toEqual([]);
    expect(taught(adapter, contactCreate('59', { lastname: 'NoMail', email: '' }))).toMatchObject([{ recordId: '59', hasEmail: false }]);
  });

  it('a failed save alone proposes nothing: the form was shown again, not redirected', () => {
    expect(proposeRule([contactFailed()], { kind: 'contact' })).toEqual({ ok: false, reason: 'no-create' });
    // Redirected back to the very form (no new id in the address): nothing to count either.
    const back = formSave({ action: '/contact/card.php', fields: { action: 'add', lastname: 'X' }, from: '/contact/card.php?action=create', landed: '/contact/card.php?action=create', redirected: true });
    expect(proposeRule([back], { kind: 'contact' })).toEqual({ ok: false, reason: 'no-create' });
  });

  it('an edit is not taken for the save: the id on its landing page is the one the form sent', () => {
    expect(rankCandidates([contactEdit('57')], { kind: 'contact' })).toEqual([]);
  });

  it('a contact taught without email still reads the email field, so the next ones are told apart', () => {
    const proposal = propose([contactCreate('60', { lastname: 'NoMail', email: '' })], { kind: 'contact' });
    const rule = proposal.adapter.network?.find((r) => r.id === proposal.ruleId);
    expect(rule?.read.email).toEqual([{ from: 'request', path: 'email' }]);
    expect(proposal.record).toMatchObject({ recordId: '60', hasEmail: false });
    expect(taught(proposal.adapter, contactCreate('61', { lastname: 'Mail', email: 'mail@dealer.example' }))).toMatchObject([{ hasEmail: true }]);
  });

  it('a customer: the id in `socid`, the ids of the page before left alone', () => {
    const proposal = propose([customerCreate('12')], { kind: 'custom', kpi: 'ecustomers', customName: 'customer' });
    const rule = proposal.adapter.network?.find((r) => r.id === proposal.ruleId);
    expect(rule?.navigation?.landing).toBe('^https://[^/?#]+/societe/card\\.php\\?(?:[^#]*&)?socid=(?<id>\\d{1,18})(?:[&#]|$)');
    expect(proposal.record.recordId).toBe('12');
    expect(taught(proposal.adapter, customerCreate('13'))).toMatchObject([{ recordId: '13' }]);
  });

  it('a field that happens to hold the new id\'s number (client=1) does not hide it; an id field does', () => {
    const first = formSave({ action: '/societe/card.php', fields: { token: 'tok1000', action: 'add', name: 'First', client: '1' }, from: '/societe/card.php?action=create', landed: '/societe/card.php?socid=1', redirected: true });
    expect(rankCandidates([first], { kind: 'custom', kpi: 'ecustomers' })[0]?.id.value).toBe('1');
    const edit = formSave({ action: '/societe/card.php?socid=1', fields: { action: 'update', socid: '1', name: 'First', client: '1' }, from: '/societe/card.php?socid=1&action=edit', landed: '/societe/card.php?socid=1', redirected: true });
    expect(rankCandidates([edit], { kind: 'custom', kpi: 'ecustomers' })).toEqual([]);
  });

  it('a quote with the amount the rep typed and the currency from a hidden field', () => {
    const proposal = propose([quoteCreate('31', '1250.00')], { kind: 'quote', amount: 1250 });
    const rule = proposal.adapter.network?.find((r) => r.id === proposal.ruleId);
    expect(rule?.read).toEqual({
      recordId: [{ from: 'landing', group: 'id' }],
      amount: [{ from: 'request', path: 'amount_ht' }],
      currency: [{ from: 'request', path: 'multicurrency_code' }],
    });
    expect(proposal.record).toMatchObject({ recordId: '31', amount: 1250, currency: 'EUR' });
    expect(taught(proposal.adapter, quoteCreate('32', '99.5'))).toMatchObject([{ recordId: '32', amount: 99.5 }]);
    // The rep typed another amount than the one saved: the amount field is read all the same.
    const typedOther = propose([quoteCreate('33', '80')], { kind: 'quote', amount: 75 });
    expect(typedOther.adapter.network?.find((r) => r.id === typedOther.ruleId)?.read.amount).toEqual([{ from: 'request', path: 'amount_ht' }]);
  });

  it('the edit check leaves the taught rule as it is: the edit posts action=update', () => {
    const proposal = propose(contactCreateWindow('57'), { kind: 'contact', email: 'ada.teach@dealer.example' });
    expect(checkEdit(proposal, [contactEdit('57')]).verdict).toBe('ignored');
  });

  it('a form without a mode field: the edit check narrows the rule by the id only the edit fills', () => {
    const create = formSave({ action: '/crm/person/save', fields: { id: '', name: 'Ada', mail: 'ada@x.example' }, from: '/crm/person/new', landed: '/crm/person/77', redirected: true });
    const proposal = propose([create], { kind: 'contact', email: 'ada@x.example' });
    const rule = proposal.adapter.network?.find((r) => r.id === proposal.ruleId);
    expect(rule?.createIf).toEqual([{ from: 'request', path: 'id', op: 'empty' }]);
    expect(rule?.navigation?.landing).toBe('^https://[^/?#]+/crm/person/(?<id>\\d{1,18})/?(?:[?#]|$)');
    const edit = formSave({ action: '/crm/person/save', fields: { id: '77', name: 'Ada B', mail: 'ada@x.example' }, from: '/crm/person/77/edit', landed: '/crm/person/77', redirected: true });
    expect(taught(proposal.adapter, edit)).toEqual([]);
  });
});
