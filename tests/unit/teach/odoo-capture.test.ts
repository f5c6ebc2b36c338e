import { describe, expect, it } from 'vitest';
import { detectFromExchange } from '@/lib/crm/engine';
import { checkEdit, proposeRule, type TaughtExchange } from '@/lib/teach';
import { CAPTURED_ORIGIN, answerOf, capturedFlow, paramsOf, replayPlan } from '@/tests/fixtures/odoo/captures';

// Teaching on exchanges recorded from a real Odoo 18.0 (as if no Odoo adapter were shipped):
// every call of the flow in the order it happened, the page address before and after each.
function teachWindow(name: string): TaughtExchange[] {
  const flow = capturedFlow(name);
  let page = flow.urls[0] ?? `${CAPTURED_ORIGIN}/odoo/contacts/8`;
  let at = 0;
  const window: TaughtExchange[] = [];
  for (const step of replayPlan(flow)) {
    if ('url' in step) {
      page = CAPTURED_ORIGIN + step.url;
      const last = window.at(-1);
      if (last) last.pageUrlAfter = page;
      continue;
    }
    const rpc = flow.rpc[step.rpc]!;
    window.push({
      method: 'POST',
      url: CAPTURED_ORIGIN + rpc.url,
      status: rpc.status,
      requestBody: JSON.stringify({ id: step.rpc, jsonrpc: '2.0', method: 'call', params: paramsOf(rpc) }),
      responseBody: JSON.stringify({ id: step.rpc, jsonrpc: '2.0', ...answerOf(rpc) }),
      at: (at += rpc.t_ms > at ? rpc.t_ms - at : 1),
      pageUrlBefore: page,
      pageUrlAfter: page,
    });
  }
  return window;
}

describe('teaching on a real Odoo 18.0 recording', () => {
  it('finds web_save among the form\'s other calls and narrows the rule to creates with the edit', () => {
    const outcome = proposeRule(teachWindow('contact-email'), { kind: 'contact' });
    if (!outcome.ok) throw new Error(outcome.reason);
    const { proposal } = outcome;
    const rule = proposal.adapter.network?.[0];
    expect(rule).toMatchObject({
      url: '^http://[^/?#]+/web/dataset/call_kw/res\\.partner/web_save/?(?:[?#]|$)',
      format: 'jsonrpc',
      when: [{ from: 'request', path: 'params.method', op: 'eq', value: 'web_save' }],
      read: { recordId: [{ from: 'response', path: 'result[0].id' }] },
    });
    expect(rule?.read.email?.[0]).toEqual({ from: 'request', path: 'params.args[1].email' });
    expect(proposal.record).toMatchObject({ kind: 'contact', recordId: '8', hasEmail: true, url: `${CAPTURED_ORIGIN}/odoo/contacts/8` });
    expect(proposal.adapter.routes?.[0]).toMatchObject({ path: '^/odoo/contacts/(?<id>\\d{1,18})/?$', recordUrl: ['/odoo/contacts/{id}'] });

    // Odoo saves edits with the same call: the recorded edit shows it, and names the id the create leaves empty.
    const edit = teachWindow('contact-edit');
    const check = checkEdit(proposal, edit);
    expect(check).toMatchObject({ verdict: 'tightened', added: [{ from: 'request', path: 'params.args[0][0]', op: 'empty' }] });
    const countedEdits = edit.flatMap((e) => detectFromExchange(check.adapter, e, { pageUrl: e.pageUrlBefore }));
    expect(countedEdits).toEqual([]);
    // A failed save (a validation error inside HTTP 200) counts nothing either.
    const failed = teachWindow('contact-failed-save').flatMap((e) => detectFromExchange(check.adapter, e, { pageUrl: e.pageUrlBefore }));
    expect(failed).toEqual([]);
  });
});
