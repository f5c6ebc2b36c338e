import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateAdapter } from '@/lib/crm/adapter-schema';
import type { RecordMemory } from '@/lib/crm/engine';
import { detectTaught, proposeRule, type TaughtExchange, type TeachIntent } from '@/lib/teach';
import { FormLessonSchema, windowOfLesson, type FormLesson } from '@/tests/fixtures/teach-recordings/form-lesson';

// Lessons recorded in Chromium on the server-rendered ERP (record-forms.ts): native form posts,
// followed links and the pages the tab landed on, with the links those pages show. The ERP's ids
// run per table, so the customer, its first order and its first contact are all #1 there.
function lesson(flow: FormLesson['flow']): FormLesson {
  return FormLessonSchema.parse(JSON.parse(readFileSync(new URL(`../../fixtures/teach-recordings/dealer-erp/${flow}.json`, import.meta.url), 'utf8')));
}

function propose(window: TaughtExchange[], intent: TeachIntent) {
  const outcome = proposeRule(window, intent);
  if (!outcome.ok) throw new Error(`no proposal: ${outcome.reason}`);
  return outcome.proposal;
}

describe('teaching the recorded ERP lessons', () => {
  it('an order validated by a GET link: the confirmation is the rule, the save keeps the amount', () => {
    const rec = lesson('order-confirm');
    const proposal = propose(windowOfLesson(rec), { kind: 'order', amount: Number(rec.typed.amount), confirm: true });
    expect(validateAdapter(proposal.adapter).ok).toBe(true);
    expect(proposal.adapter.network?.map((rule) => [rule.id, rule.methods[0], rule.observeOnly ?? false])).toEqual([
      ['taught-order', 'POST', true],
      ['taught-order-confirm', 'GET', false],
    ]);
    expect(proposal.adapter.network?.[1]).toMatchObject({
      url: '^https://[^/?#]+/commande/card\\.php\\?(?:[^#]*&)?action=confirm_validate(?:[&#]|$)',
      when: [
        { path: 'action', value: 'confirm_validate' },
        { path: 'confirm', value: 'yes' },
      ],
      read: { recordId: [{ from: 'request', path: 'id' }] },
    });
    expect(proposal.record).toMatchObject({ recordId: rec.recordId, amount: 1250.5, currency: 'USD', url: `https://erp.dealer.test/commande/card.php?id=${rec.recordId}` });

    // What the rep did next, replayed in order as a tab does: only the confirmed order counts, once.
    const after = lesson('order-after');
    const memory: RecordMemory = new Map();
    const counted = windowOfLesson(after).flatMap((exchange) => detectTaught(proposal.adapter, exchange, memory));
    expect(counted).toEqual([expect.objectContaining({ recordId: after.recordId, amount: 480.25, currency: 'USD', rule: 'taught-order-confirm' })]);
  });

  it('a contact added from a company\'s tab: the message on the page it was sent back to names it', () => {
    const rec = lesson('contact-from-company');
    const proposal = propose(windowOfLesson(rec), { kind: 'contact', email: rec.typed.email });
    expect(proposal.ruleId).toBe('taught-contact-back');
    expect(proposal.adapter.dom).toEqual([
      expect.objectContaining({
        selector: 'div.jnotify.ok[role="status"]',
        recordFrom: { from: 'element', selector: 'a.new-record', attribute: 'href', regex: '[?&]id=(?<id>\\d{1,18})(?:[&#]|$)' },
      }),
    ]);
    expect(proposal.record).toMatchObject({ recordId: rec.recordId, hasEmail: true });
  });
});
