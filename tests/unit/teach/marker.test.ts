import { describe, expect, it } from 'vitest';
import { validateAdapter } from '@/lib/crm/adapter-schema';
import { CATALOGUES } from '@/lib/i18n/catalogue';
import { describeProposal, detectTaught, proposeRule, rankCandidates, type TaughtExchange } from '@/lib/teach';
import { contactCreate, contactCreateWindow, contactEdit, contactFromCompany, linkFollowed } from '@/tests/fixtures/teach-synthetic/forms';

const INTENT = { kind: 'contact', email: 'kim@dealer.example' } as const;

function propose(window: TaughtExchange[], base = {}) {
  const outcome = proposeRule(window, INTENT, base);
  if (!outcome.ok) throw new Error(`no proposal: ${outcome.reason}`);
  return outcome.proposal;
}

/** What the adapter counts for a save, with the link the landing page's message showed (if any). */
function counted(adapter: Parameters<typeof detectTaught>[0], exchange: TaughtExchange, shown?: string) {
  const marker = shown === undefined ? undefined : { rule: 'taught-contact-back-message', value: shown };
  return detectTaught(adapter, exchange, undefined, marker).filter((record) => record.rule.startsWith('taught-'));
}

const lesson = (id: string) => [
  linkFollowed({ href: '/contact/card.php?action=create&socid=4&backtopage=x', from: '/societe/contact.php?socid=4', landed: '/contact/card.php?action=create&socid=4&backtopage=x', redirected: false }),
  contactFromCompany(id),
];

describe('teaching a contact added from a company\'s tab, sent back to the company', () => {
  it('finds the new id in the link of the page\'s message, not in its list and not the company\'s', () => {
    const [best] = rankCandidates(lesson('5'), INTENT);
    expect(best?.id).toMatchObject({ value: '5', source: { from: 'landing', group: 'id' } });
    expect(best?.reasons).toEqual(expect.arrayContaining(['typed-email', 'message-link']));
  });

  it('proposes a navigation rule with a marker: the message\'s link names the record', () => {
    const proposal = propose(lesson('5'));
    expect(validateAdapter(proposal.adapter).ok).toBe(true);
    expect(proposal.ruleId).toBe('taught-contact-back');
    expect(proposal.adapter.network?.find((rule) => rule.id === 'taught-contact-back')).toEqual({
      id: 'taught-contact-back',
      methods: ['POST'],
      url: '^https://[^/?#]+/contact/card\\.php/?(?:[?#]|$)',
      format: 'form',
      kind: 'contact',
      navigation: { landing: '^https://[^/?#]+/societe/contact\\.php\\?(?:[^#]*&)?socid=\\d{1,18}(?:[&#]|$)', marker: 'taught-contact-back-message' },
      createIf: [{ from: 'request', path: 'action', op: 'eq', value: 'add' }],
      read: { recordId: [{ from: 'landing', group: 'id' }], email: [{ from: 'request', path: 'email' }] },
    });
    expect(proposal.adapter.dom).toEqual([
      {
        id: 'taught-contact-back-message',
        selector: 'div.jnotify.ok[role="status"]',
        kind: 'contact',
        visibleOnly: true,
        recordFrom: { from: 'element', selector: 'a.new-record', attribute: 'href', regex: '[?&]id=(?<id>\\d{1,18})(?:[&#]|$)' },
      },
    ]);
    expect(proposal.dom).toEqual(['taught-contact-back-message']);
    expect(proposal.record).toMatchObject({ kind: 'contact', recordId: '5', hasEmail: true });
    expect(describeProposal(proposal.summary, CATALOGUES.en)).toBe(
      'When you save a contact here — POST /contact/card.php with action=add — and the app takes you back to the page you came from, KPI Pacer will count the new contact its message links to (#5 this time).',
    );
    expect(describeProposal(proposal.summary, CATALOGUES.ru)).toContain('возвращает вас на страницу');
  });

  it('counts the next contact added from a tab by its message; not without the message (a reload), not an edit, not a contact saved on its own card', () => {
    const { adapter } = propose(lesson('5'));
    expect(counted(adapter, contactFromCompany('6', { others: ['2', '5'] }), '/contact/card.php?id=6')).toMatchObject([{ recordId: '6', hasEmail: true }]);
    expect(counted(adapter, contactFromCompany('7', { message: false }))).toEqual([]);
    expect(counted(adapter, contactFromCompany('8', { email: '' }), '/contact/card.php?id=8')).toMatchObject([{ recordId: '8', hasEmail: false }]);
    expect(counted(adapter, contactEdit('6'), '/contact/card.php?id=6')).toEqual([]);
    expect(counted(adapter, contactCreate('9'), '/contact/card.php?id=9')).toEqual([]);
  });

  it('a new contact whose number is the company\'s (`socid=4`, `?id=4`: tables count on their own) is still found', () => {
    expect(propose([contactFromCompany('4')]).record).toMatchObject({ recordId: '4' });
  });

  it('keeps a contact rule taught on the contact\'s own form beside it: each shape counts its own saves', () => {
    const direct = propose(contactCreateWindow('57'));
    const back = propose(lesson('5'), { adapter: direct.adapter });
    expect((back.adapter.network ?? []).map((rule) => rule.id)).toEqual(['taught-contact', 'taught-contact-back']);
    expect(counted(back.adapter, contactCreate('58', { lastname: 'N', email: 'n@dealer.example' }))).toMatchObject([{ recordId: '58', rule: 'taught-contact' }]);
    // With the contact card's route, the counted record links to its page.
    expect(counted(back.adapter, contactFromCompany('6'), '/contact/card.php?id=6')).toMatchObject([{ recordId: '6', rule: 'taught-contact-back', url: 'https://erp.dealer.test/contact/card.php?id=6' }]);
  });

  it('a page that names the new record nowhere it can be read: nothing proposed, and the rep is told why', () => {
    expect(proposeRule([contactFromCompany('5', { message: false })], INTENT)).toEqual({ ok: false, reason: 'no-record-named' });
    // Its links not read yet: still waiting, nothing said.
    const { landingLinks: _links, ...unread } = contactFromCompany('5');
    expect(proposeRule([unread], INTENT)).toEqual({ ok: false, reason: 'no-create' });
    // An edit lands on the card it posted to: never a "sent back" save.
    expect(proposeRule([{ ...contactEdit('6'), landingLinks: [] }], INTENT)).toEqual({ ok: false, reason: 'no-create' });
  });
});
