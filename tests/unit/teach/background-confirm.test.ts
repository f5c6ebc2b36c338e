import { beforeEach, describe, expect, it } from 'vitest';
import type { HandlerDeps } from '@/lib/background/handle';
import { LandedNotices } from '@/lib/background/landed-notices';
import { TeachSessions } from '@/lib/background/teach-sessions';
import { KpiDatabase } from '@/lib/db';
import { loadRules, saveRules } from '@/lib/overrides/store';
import { lessonBackground, lessonSenders } from './lesson-background';

/**
 * A lesson whose record counts once confirmed, through the background: the page forwards the
 * order form it submits and the links the rep follows (while the lesson is open), each next page
 * says where the browser landed; the confirmation link becomes the rule, and after saving it the
 * next order counts when it is confirmed, with the amount its form sent.
 */

const TAB = 4;
const ORIGIN = 'https://erp.dealer.test';
let database: KpiDatabase;
let clock: number;
let pageUrl: string;
let deps: HandlerDeps;

beforeEach(async () => {
  clock = Date.UTC(2026, 10, 25, 12);
  pageUrl = `${ORIGIN}/commande/card.php?action=create&socid=4`;
  ({ database, deps } = await lessonBackground({ now: () => clock, pageUrl: () => pageUrl }));
});

const { fromPage, fromSidebar } = lessonSenders(TAB, () => ({ database, deps, pageUrl }));

/** The browser leaves the page (a form posted, a link followed) and lands on `landed`. */
async function leave(signal: Record<string, unknown>, landed: string, redirected: boolean) {
  expect((await fromPage({ type: 'page-signals', signals: [{ kind: 'navigation', pageUrl, ...signal }] })).response.ok).toBe(true);
  clock += 300;
  pageUrl = `${ORIGIN}${landed}`;
  return fromPage({ type: 'page-plan', ...(redirected && { redirected: true }) });
}

const saveOrder = (id: string, amount: string) =>
  leave({ via: 'form', method: 'POST', url: `${ORIGIN}/commande/card.php`, body: `token=t1&action=add&multicurrency_code=USD&socid=4&amount_ht=${amount}` }, `/commande/card.php?id=${id}`, true);
/** "Validate", then "Yes": the question on the card, then the confirmation answered by a redirect. */
async function confirmOrder(id: string) {
  const card = `/commande/card.php?id=${id}`;
  await leave({ via: 'link', method: 'GET', url: `${ORIGIN}${card}&action=validate` }, `${card}&action=validate`, false);
  return leave({ via: 'link', method: 'GET', url: `${ORIGIN}${card}&action=confirm_validate&confirm=yes&token=t2` }, card, true);
}

const NEW_APP = {
  adapters: [{ id: 'erp-dealer-test-own', name: 'erp.dealer.test', hosts: [`${ORIGIN}/*`], kinds: { record: {} } }],
  sites: [{ pattern: `${ORIGIN}/*`, adapter: 'erp-dealer-test-own' }],
};

describe('teaching a confirmation reached by a GET link, through the background', () => {
  it('waits past the save for the confirmation, proposes it, and the saved rules count the next confirmed order with its amount', async () => {
    await saveRules(database, NEW_APP);
    await fromPage({ type: 'page-plan' });
    expect((await fromSidebar({ type: 'teach-start', step: 'create', intent: { kind: 'order', confirm: true } })).response.ok).toBe(true);

    await saveOrder('12', '1250.50');
    clock += 5_000;
    // Saved, not confirmed yet: still waiting, and saying it waits for the confirmation.
    expect((await fromSidebar({ type: 'teach-check' })).response).toMatchObject({ ok: true, data: { state: 'waiting', confirm: true } });
    await confirmOrder('12');
    clock += 2_000;
    const check = await fromSidebar({ type: 'teach-check' });
    expect(check.response).toMatchObject({
      ok: true,
      data: {
        state: 'proposal',
        proposal: {
          summary: { method: 'GET', recordId: '12', confirm: { link: 'Validate', create: { method: 'POST' } } },
          record: { recordId: '12', amount: 1250.5, currency: 'USD' },
          rule: { id: 'taught-order-confirm', methods: ['GET'] },
          companions: [{ id: 'taught-order', observeOnly: true }],
        },
      },
    });
    expect((await fromSidebar({ type: 'teach-save' })).response.ok).toBe(true);
    await fromSidebar({ type: 'teach-cancel' });
    const adapter = (await loadRules(database)).adapters[0]!;
    expect(adapter.network.map((rule) => rule.id)).toEqual(['taught-order', 'taught-order-confirm']);

    // After the lesson links are not forwarded unless a rule names them: the page plan names the confirmation.
    pageUrl = `${ORIGIN}/commande/card.php?action=create&socid=4`;
    const plan = await fromPage({ type: 'page-plan' });
    expect(plan.response).toMatchObject({ ok: true, data: { plan: { navigations: expect.arrayContaining([{ methods: ['GET'], url: expect.stringContaining('confirm_validate') }]) } } });
    expect(JSON.stringify(plan.response)).not.toContain('"teach":true');

    // A draft counts nothing; confirmed, it counts its amount once; the card reloaded counts nothing.
    expect((await saveOrder('13', '300')).changed).toBeUndefined();
    const confirmed = await confirmOrder('13');
    expect(confirmed.changed?.counted).toEqual([expect.objectContaining({ key: `${adapter.id}:order:13` })]);
    expect(await database.events.get(`${adapter.id}:order:13`)).toMatchObject({ kpi: 'revenue', amount: 300, currency: 'USD' });
    deps.landed = new LandedNotices();
    // Counted as the card loaded, before it had a sidebar: its sidebar asks once; a page cannot ask.
    expect((await fromPage({ type: 'sidebar-landed' })).response.ok).toBe(false);
    expect((await fromPage({ type: 'page-plan' })).changed).toBeUndefined();
    await saveOrder('16', '40');
    await confirmOrder('16');
    expect((await fromSidebar({ type: 'sidebar-landed' })).response).toMatchObject({ ok: true, data: { counted: [{ key: `${adapter.id}:order:16`, kpi: 'revenue' }] } });
    expect((await fromSidebar({ type: 'sidebar-landed' })).response).toEqual({ ok: true, data: null });
    // An order saved and never confirmed, then another confirmed: only that one.
    await saveOrder('14', '80');
    pageUrl = `${ORIGIN}/commande/card.php?action=create&socid=4`;
    await saveOrder('15', '90');
    expect((await confirmOrder('15')).changed?.counted).toEqual([expect.objectContaining({ key: `${adapter.id}:order:15` })]);
    expect(await database.events.get(`${adapter.id}:order:15`)).toMatchObject({ amount: 90 });
    expect(await database.events.count()).toBe(3);
  });

  it('outside a lesson, and on another site, a followed link teaches nothing', () => {
    const sessions = new TeachSessions();
    const card = `${ORIGIN}/commande/card.php?id=12`;
    const link = (url: string) => ({ kind: 'navigation', via: 'link', method: 'GET', url, pageUrl: card });
    sessions.take(TAB, [link(`${card}&action=confirm_validate&confirm=yes`)], clock);
    sessions.landed(TAB, card, true, clock + 100);
    expect(sessions.check(TAB, clock + 5_000)).toEqual({ state: 'none' });
    sessions.start(TAB, { kind: 'order', confirm: true }, {}, card, clock);
    sessions.take(TAB, [link(`https://elsewhere.test/commande/card.php?id=12&action=confirm_validate&confirm=yes`)], clock);
    sessions.landed(TAB, card, true, clock + 100);
    sessions.take(TAB, [link(`${card}&action=confirm_validate&confirm=yes`)], clock + 200);
    sessions.landed(TAB, card, true, clock + 300);
    expect(sessions.check(TAB, clock + 5_000)).toMatchObject({ state: 'proposal', proposal: { record: { recordId: '12' } } });
  });
});

describe('teaching a contact sent back to the company\'s tab, through the background', () => {
  it('looks at the links of the page the save landed on once it names no new record, and proposes the rule with its marker', async () => {
    await saveRules(database, NEW_APP);
    const looked: number[] = [];
    const tab = `${ORIGIN}/societe/contact.php?socid=1`;
    deps.inspectLanding = async (tabId) => {
      looked.push(tabId);
      return {
        url: tab,
        links: [
          { href: '/contact/card.php?id=1', anchor: { tag: 'a', classes: ['new-record'] }, holders: [{ tag: 'div', classes: ['jnotify', 'ok'], role: 'status' }] },
          { href: '/contact/card.php?id=1', anchor: { tag: 'a', classes: [] }, holders: [{ tag: 'li', classes: [] }, { tag: 'ul', classes: [] }] },
        ],
      };
    };
    pageUrl = tab;
    await fromPage({ type: 'page-plan' });
    expect((await fromSidebar({ type: 'teach-start', step: 'create', intent: { kind: 'contact', email: 'kim@dealer.example' } })).response.ok).toBe(true);
    await leave({ via: 'link', method: 'GET', url: `${ORIGIN}/contact/card.php?action=create&socid=1` }, '/contact/card.php?action=create&socid=1', false);
    expect(looked).toEqual([]);
    await leave({ via: 'form', method: 'POST', url: `${ORIGIN}/contact/card.php`, body: 'token=t&action=add&socid=1&backtopage=%2Fsociete%2Fcontact.php%3Fsocid%3D1&lastname=Kim&email=kim%40dealer.example' }, '/societe/contact.php?socid=1', true);
    expect(looked).toEqual([TAB]);
    await Promise.resolve();
    clock += 2_000;
    const check = await fromSidebar({ type: 'teach-check' });
    expect(check.response).toMatchObject({
      ok: true,
      data: {
        state: 'proposal',
        proposal: {
          summary: { backToPage: true, recordId: '1' },
          rule: { id: 'taught-contact-back', navigation: { marker: 'taught-contact-back-message' } },
          dom: [{ id: 'taught-contact-back-message', selector: 'div.jnotify.ok[role="status"]' }],
        },
      },
    });
  });

  it('says why it proposes nothing when the page names the new record nowhere it can read', async () => {
    await saveRules(database, NEW_APP);
    const tab = `${ORIGIN}/societe/contact.php?socid=1`;
    deps.inspectLanding = async () => ({ url: tab, links: [{ href: '/contact/card.php?id=1', anchor: { tag: 'a', classes: [] }, holders: [{ tag: 'li', classes: [] }] }] });
    pageUrl = `${ORIGIN}/contact/card.php?action=create&socid=1`;
    await fromPage({ type: 'page-plan' });
    await fromSidebar({ type: 'teach-start', step: 'create', intent: { kind: 'contact' } });
    await leave({ via: 'form', method: 'POST', url: `${ORIGIN}/contact/card.php`, body: 'action=add&socid=1&backtopage=x&lastname=Kim&email=' }, '/societe/contact.php?socid=1', true);
    await Promise.resolve();
    clock += 2_000;
    expect((await fromSidebar({ type: 'teach-check' })).response).toMatchObject({ ok: true, data: { state: 'waiting', hint: 'no-record-named' } });
  });
});
