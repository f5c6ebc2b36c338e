import { describe, expect, it } from 'vitest';
import { validateAdapter } from '@/lib/crm/adapter-schema';
import type { RecordMemory } from '@/lib/crm/engine';
import { CATALOGUES } from '@/lib/i18n/catalogue';
import { describeConfirmSource, describeProposal, detectTaught, findConfirmations, proposeRule, type TaughtExchange, type TeachIntent } from '@/lib/teach';
import { confirmationLabel } from '@/lib/teach/confirm';
import { contactCreateWindow, linkFollowed, orderConfirm, orderConfirmWindow, orderCreate, orderEdit, quoteCreate } from '@/tests/fixtures/teach-synthetic/forms';

const ORDER: TeachIntent = { kind: 'order', amount: 1250.5, confirm: true };

function propose(window: TaughtExchange[], intent: TeachIntent) {
  const outcome = proposeRule(window, intent);
  if (!outcome.ok) throw new Error(`no proposal: ${outcome.reason}`);
  return outcome.proposal;
}

/** What the adapter counts over a tab's exchanges in order, amounts carried from create to confirmation as a tab does. */
function countedOver(adapter: Parameters<typeof detectTaught>[0], exchanges: TaughtExchange[]) {
  const memory: RecordMemory = new Map();
  return exchanges.flatMap((exchange) => detectTaught(adapter, exchange, memory)).filter((record) => record.rule.startsWith('taught-'));
}

describe('teaching a record that counts once confirmed by a GET link', () => {
  it('finds the confirmation: the link answered by a redirect, saying "confirm", naming the record of the page it was on', () => {
    const found = findConfirmations(orderConfirmWindow('12'), new Set(['12']));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: { value: '12', source: { from: 'request', path: 'id' } },
      says: [
        { name: 'action', value: 'confirm_validate' },
        { name: 'confirm', value: 'yes' },
      ],
    });
    expect(confirmationLabel(found[0]!)).toBe('Validate');
    // "Validate" itself opens a question on the card: not redirected, not the confirmation.
    expect(findConfirmations(orderConfirm('12').slice(0, 1), new Set())).toEqual([]);
    // A refused confirmation (the card shown again where the link went) is none either.
    expect(findConfirmations(orderConfirm('12', undefined, true), new Set())).toEqual([]);
    // Links that say nothing of confirming (a menu, a customer's card) are none.
    expect(findConfirmations([linkFollowed({ href: '/societe/card.php?socid=4', from: '/index.php', landed: '/societe/card.php?socid=4', redirected: true })], new Set())).toEqual([]);
  });

  it('proposes the confirmation as a GET navigation rule, and the save as a rule that only keeps its amount', () => {
    const proposal = propose(orderConfirmWindow('12'), ORDER);
    expect(validateAdapter(proposal.adapter).ok).toBe(true);
    const rules = proposal.adapter.network ?? [];
    expect(rules.find((r) => r.id === 'taught-order-confirm')).toEqual({
      id: 'taught-order-confirm',
      methods: ['GET'],
      url: '^https://[^/?#]+/commande/card\\.php\\?(?:[^#]*&)?action=confirm_validate(?:[&#]|$)',
      format: 'form',
      kind: 'order',
      navigation: { landing: '^https://[^/?#]+/commande/card\\.php\\?(?:[^#]*&)?id=(?<id>\\d{1,18})(?:[&#]|$)' },
      when: [
        { from: 'request', path: 'action', op: 'eq', value: 'confirm_validate' },
        { from: 'request', path: 'confirm', op: 'eq', value: 'yes' },
      ],
      read: { recordId: [{ from: 'request', path: 'id' }] },
    });
    expect(rules.find((r) => r.id === 'taught-order')).toEqual({
      id: 'taught-order',
      methods: ['POST'],
      url: '^https://[^/?#]+/commande/card\\.php/?(?:[?#]|$)',
      format: 'form',
      kind: 'order',
      navigation: { landing: '^https://[^/?#]+/commande/card\\.php\\?(?:[^#]*&)?id=(?<id>\\d{1,18})(?:[&#]|$)' },
      createIf: [{ from: 'request', path: 'action', op: 'eq', value: 'add' }],
      read: {
        recordId: [{ from: 'landing', group: 'id' }],
        amount: [{ from: 'request', path: 'amount_ht' }],
        currency: [{ from: 'request', path: 'multicurrency_code' }],
      },
      observeOnly: true,
    });
    expect(proposal.ruleId).toBe('taught-order-confirm');
    expect(proposal.companions).toEqual(['taught-order']);
    expect(proposal.record).toMatchObject({ kind: 'order', recordId: '12', amount: 1250.5, currency: 'USD', rule: 'taught-order-confirm', url: 'https://erp.dealer.test/commande/card.php?id=12' });
    expect(proposal.events).toEqual([expect.objectContaining({ kpi: 'revenue', amount: 1250.5, currency: 'USD' })]);
    expect(proposal.missing).toEqual([]);
  });

  it('says in plain words what happens, in English and Russian', () => {
    const { summary } = propose(orderConfirmWindow('12'), ORDER);
    expect(describeProposal(summary, CATALOGUES.en)).toBe(
      "When you confirm an order here — the Validate link on the order's page (GET /commande/card.php with action=confirm_validate) — KPI Pacer will count the order #12.",
    );
    expect(describeConfirmSource(summary, CATALOGUES.en)).toBe(
      'Its amount is the one its form sent when it was saved (POST /commande/card.php with action=add). Saving alone counts nothing: only the confirmation does.',
    );
    expect(describeProposal(summary, CATALOGUES.ru)).toBe(
      'Когда вы подтверждаете здесь заказ — ссылкой «Validate» на странице записи «заказ» (GET /commande/card.php с action=confirm_validate) — KPI Pacer засчитает запись «заказ» № 12.',
    );
  });

  it('the taught rules count the next order when confirmed, with its amount; not the draft, an edit, a refused confirmation, or a save that failed', () => {
    const { adapter } = propose(orderConfirmWindow('12'), ORDER);
    // Saved, never confirmed: nothing.
    expect(countedOver(adapter, [orderCreate('13', '300')])).toEqual([]);
    // Saved, then confirmed: the amount its form sent.
    expect(countedOver(adapter, [orderCreate('14', '300'), ...orderConfirm('14')])).toMatchObject([{ recordId: '14', amount: 300, currency: 'USD', rule: 'taught-order-confirm' }]);
    // Edited: nothing.
    expect(countedOver(adapter, [orderEdit('14', '350')])).toEqual([]);
    // A confirmation the server refused: nothing.
    expect(countedOver(adapter, [orderCreate('15', '0'), ...orderConfirm('15', undefined, true)])).toEqual([]);
    // A create the server refused (the form shown again): nothing to confirm.
    const failed = { ...orderCreate('16', 'abc'), pageUrlAfter: 'https://erp.dealer.test/commande/card.php', navigation: { redirected: false } };
    expect(countedOver(adapter, [failed])).toEqual([]);
  });

  it('an order whose new id is the customer\'s number (`socid=4`, `?id=4`: tables count on their own) is still its save', () => {
    const proposal = propose(orderConfirmWindow('4'), ORDER);
    expect(proposal.companions).toEqual(['taught-order']);
    expect(proposal.record).toMatchObject({ recordId: '4', amount: 1250.5, currency: 'USD', url: 'https://erp.dealer.test/commande/card.php?id=4' });
    expect(proposal.adapter.routes?.find((route) => route.id === 'taught-order-page')).toMatchObject({ search: '[?&]id=(?<id>\\d{1,18})(?:&|$)', recordUrl: ['/commande/card.php?id={id}'] });
    // An edit posting the record's own id, landing on it, is still no save.
    expect(findConfirmations([orderEdit('4', '10')], new Set())).toEqual([]);
    const ranked = proposeRule([orderEdit('4', '10')], { kind: 'order', amount: 10 });
    expect(ranked).toEqual({ ok: false, reason: 'no-create' });
  });

  it('waits for the confirmation: the save alone proposes nothing yet', () => {
    const window = orderConfirmWindow('12');
    const beforeConfirming = window.filter((exchange) => !exchange.url.includes('confirm_validate'));
    expect(proposeRule(beforeConfirming, ORDER)).toEqual({ ok: false, reason: 'no-create' });
  });

  it('a confirmation without its save in the lesson is still taught, with the amount said to be missing', () => {
    const proposal = propose(orderConfirm('12'), ORDER);
    expect(proposal.companions).toBeUndefined();
    expect(proposal.record).toMatchObject({ recordId: '12', rule: 'taught-order-confirm' });
    expect(proposal.missing).toEqual(['amount']);
  });

  it('teaching the confirmation replaces a save rule taught for the kind before, and keeps other kinds', () => {
    const contact = propose(contactCreateWindow('57'), { kind: 'contact' });
    const quote = proposeRule([quoteCreate('3', '99')], { kind: 'quote', amount: 99 }, { adapter: contact.adapter });
    const saveRule = quote.ok ? proposeRule([orderCreate('11', '200')], { kind: 'order', amount: 200 }, { adapter: quote.proposal.adapter }) : quote;
    if (!saveRule.ok) throw new Error('no save rule');
    expect(saveRule.proposal.ruleId).toBe('taught-order');
    const base = { adapter: saveRule.proposal.adapter };
    const outcome = proposeRule(orderConfirmWindow('12'), ORDER, base);
    expect(outcome.ok).toBe(true);
    const ids = (outcome.ok ? outcome.proposal.adapter.network ?? [] : []).map((r) => r.id);
    expect(ids).toEqual(['taught-contact', 'taught-quote', 'taught-order', 'taught-order-confirm']);
    const order = outcome.ok ? outcome.proposal.adapter.network?.find((r) => r.id === 'taught-order') : undefined;
    expect(order?.observeOnly).toBe(true);
  });
});
