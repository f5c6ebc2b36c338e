import { beforeEach, describe, expect, it } from 'vitest';
import type { HandlerDeps } from '@/lib/background/handle';
import { TeachSessions } from '@/lib/background/teach-sessions';
import { KpiDatabase } from '@/lib/db';
import { loadRules, saveRules } from '@/lib/overrides/store';
import { lessonBackground, lessonSenders } from './lesson-background';

/**
 * A lesson on a server-rendered app through the background: the page forwards the native form it
 * submits, the next page of the tab says where it landed (redirected or not), and the session
 * turns the two into the save; after saving the rule, the engine counts the next such post.
 */

const TAB = 9;
const ORIGIN = 'https://erp.dealer.test';
let database: KpiDatabase;
let clock: number;
let pageUrl: string;
let told: unknown[];
let deps: HandlerDeps;

beforeEach(async () => {
  clock = Date.UTC(2026, 10, 25, 12);
  told = [];
  pageUrl = `${ORIGIN}/contact/card.php?action=create`;
  ({ database, deps } = await lessonBackground({ now: () => clock, pageUrl: () => pageUrl }, told));
});

const { fromPage, fromSidebar } = lessonSenders(TAB, () => ({ database, deps, pageUrl }));

/** The rep submits the contact form; the browser lands on `landed` (redirected or not). */
async function submit(fields: Record<string, string>, landed: string, redirected: boolean, action = `${ORIGIN}/contact/card.php`) {
  const body = new URLSearchParams(fields).toString();
  const sent = await fromPage({ type: 'page-signals', signals: [{ kind: 'navigation', via: 'form', method: 'POST', url: action, body, pageUrl }] });
  expect(sent.response.ok).toBe(true);
  clock += 300;
  pageUrl = `${ORIGIN}${landed}`;
  return fromPage({ type: 'page-plan', ...(redirected && { redirected: true }) });
}

/** A new app as Options adds it: an adapter of its own that counts nothing yet. */
const NEW_APP = {
  adapters: [{ id: 'erp-dealer-test-own', name: 'erp.dealer.test', hosts: [`${ORIGIN}/*`], kinds: { record: {} } }],
  sites: [{ pattern: `${ORIGIN}/*`, adapter: 'erp-dealer-test-own' }],
};

const contact = (lastname: string, email: string) => ({ token: 'f00d', action: 'add', lastname, email });

describe('teaching a form post answered by a redirect, through the background', () => {
  it('a failed save (shown again, no redirect) is not the save; the redirected one is, and the rule counts the next', async () => {
    await saveRules(database, NEW_APP);
    const start = await fromSidebar({ type: 'teach-start', step: 'create', intent: { kind: 'contact', email: 'ada@dealer.example' } });
    expect(start.response.ok).toBe(true);

    await submit(contact('', 'ada@dealer.example'), '/contact/card.php', false);
    clock += 5_000;
    expect((await fromSidebar({ type: 'teach-check' })).response).toMatchObject({ ok: true, data: { state: 'waiting' } });

    pageUrl = `${ORIGIN}/contact/card.php`;
    await submit(contact('Ada', 'ada@dealer.example'), '/contact/card.php?id=57', true);
    clock += 2_000;
    const check = await fromSidebar({ type: 'teach-check' });
    expect(check.response).toMatchObject({
      ok: true,
      data: {
        state: 'proposal',
        proposal: {
          summary: { method: 'POST', path: '/contact/card.php', recordId: '57', call: { type: 'field', name: 'action=add' } },
          record: { recordId: '57', hasEmail: true },
          rule: { format: 'form', navigation: { landing: expect.stringContaining('(?<id>') }, createIf: [{ path: 'action', op: 'eq', value: 'add' }] },
        },
      },
    });
    expect(JSON.stringify(check.response)).not.toContain('ada@dealer.example');
    expect((await fromSidebar({ type: 'teach-save' })).response.ok).toBe(true);
    const rules = await loadRules(database);
    expect(rules.adapters[0]?.network.at(-1)).toMatchObject({ id: 'taught-contact', navigation: {} });
    await fromSidebar({ type: 'teach-cancel' });

    // The next create counts once; an edit (action=update) and a failed save do not.
    pageUrl = `${ORIGIN}/contact/card.php?action=create`;
    await fromPage({ type: 'page-plan' });
    const next = await submit(contact('Ben', 'ben@dealer.example'), '/contact/card.php?id=58', true);
    expect(next.changed?.counted).toEqual([expect.objectContaining({ key: `${rules.adapters[0]!.id}:contact:58`, kpi: 'contacts' })]);
    pageUrl = `${ORIGIN}/contact/card.php?id=58&action=edit`;
    const edit = await submit({ token: 'f00d', action: 'update', id: '58', lastname: 'Ben B', email: 'ben@dealer.example' }, '/contact/card.php?id=58', true, `${ORIGIN}/contact/card.php?id=58`);
    expect(edit.changed).toBeUndefined();
    pageUrl = `${ORIGIN}/contact/card.php?action=create`;
    const failed = await submit(contact('', 'x@dealer.example'), '/contact/card.php', false);
    expect(failed.changed).toBeUndefined();
    expect(await database.events.count()).toBe(1);
  });

  it('keeps a submission only until the next page of the tab, and only on the page\'s own site', () => {
    const sessions = new TeachSessions();
    const form = `${ORIGIN}/contact/card.php?action=create`;
    sessions.start(TAB, { kind: 'contact' }, {}, form, clock);
    const navigation = (url: string) => ({ kind: 'navigation', via: 'form', method: 'POST', url, body: 'action=add&lastname=A', pageUrl: form });
    // Posted to another site: not this app's save.
    sessions.take(TAB, [navigation('https://elsewhere.test/contact/card.php')], clock);
    sessions.landed(TAB, 'https://elsewhere.test/contact/card.php?id=5', true, clock + 100);
    // Landed only after a minute: the page between went unseen.
    sessions.take(TAB, [navigation(`${ORIGIN}/contact/card.php`)], clock);
    sessions.landed(TAB, `${ORIGIN}/contact/card.php?id=5`, true, clock + 61_000);
    // The landing is used once: a second page of the tab adds nothing.
    sessions.landed(TAB, `${ORIGIN}/contact/card.php?id=6`, true, clock + 61_500);
    expect(sessions.check(TAB, clock + 70_000)).toMatchObject({ state: 'waiting', seen: 0 });
  });

  it('outside a lesson a page\'s form submission teaches nothing', async () => {
    await saveRules(database, NEW_APP);
    await submit(contact('Ada', 'ada@dealer.example'), '/contact/card.php?id=57', true);
    expect((await fromSidebar({ type: 'teach-check' })).response).toMatchObject({ ok: true, data: { state: 'none' } });
  });
});
