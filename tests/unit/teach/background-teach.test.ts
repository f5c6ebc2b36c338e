import { beforeEach, describe, expect, it } from 'vitest';
import type { HandlerDeps } from '@/lib/background/handle';
import { TEACH_WINDOW_MS } from '@/lib/background/teach-sessions';
import { KpiDatabase } from '@/lib/db';
import { loadRules, saveRules } from '@/lib/overrides/store';
import type { SidebarTabMessage } from '@/lib/page/sidebar-host/tab-messages';
import { restContactWindow, sameEndpointWindows, taughtExchange } from '@/tests/fixtures/teach-synthetic';
import type { TaughtExchange } from '@/lib/teach';
import { lessonBackground, lessonSenders } from './lesson-background';

const TAB = 7;
let database: KpiDatabase;
let clock: number;
let pageUrl: string;
let told: SidebarTabMessage[];
let deps: HandlerDeps;

beforeEach(async () => {
  clock = Date.UTC(2026, 10, 25, 12);
  told = [];
  pageUrl = 'https://crm.resty.test/contacts/new';
  ({ database, deps } = await lessonBackground({ now: () => clock, pageUrl: () => pageUrl }, told));
});

const { fromPage, fromSidebar } = lessonSenders(TAB, () => ({ database, deps, pageUrl }));

/** What the tab's content script forwards for these exchanges. */
function signalsOf(window: TaughtExchange[]) {
  return window.map(({ at: _at, pageUrlBefore, pageUrlAfter, ...exchange }) => ({ kind: 'exchange', exchange, pageUrl: pageUrlAfter ?? pageUrlBefore, pageUrlBefore }));
}

async function forward(window: TaughtExchange[]) {
  for (let i = 0; i < window.length; i += 40) {
    const answer = await fromPage({ type: 'page-signals', signals: signalsOf(window.slice(i, i + 40)) });
    expect(answer.response.ok).toBe(true);
  }
}

describe('teaching a save through the background', () => {
  it('only an extension page opens a window or saves; a page cannot', async () => {
    for (const type of ['teach-start', 'teach-check', 'teach-save', 'teach-cancel']) {
      const answer = await fromPage({ type, step: 'create', intent: { kind: 'contact' } });
      expect(answer.response).toEqual({ ok: false, error: `"${type}" is not allowed from a web page.` });
    }
    expect(told).toEqual([]);
  });

  it('a tab KPI Pacer does not read cannot be taught', async () => {
    deps.askTab = async () => {
      throw new Error('no content script');
    };
    const answer = await fromSidebar({ type: 'teach-start', step: 'create', intent: { kind: 'contact' } });
    expect(answer.response).toEqual({ ok: false, error: 'teach-not-read' });
  });

  it('start → the save among noise → proposal → saved as the rep\'s adapter → the next save counts, the edit does not', async () => {
    // The rep's own domain, read so far by a built-in adapter that knows nothing of this app.
    await saveRules(database, { sites: [{ pattern: 'https://crm.resty.test/*', adapter: 'odoo' }] });
    const start = await fromSidebar({ type: 'teach-start', step: 'create', intent: { kind: 'contact', email: 'ann@copy.example' } });
    expect(start.response).toEqual({ ok: true, data: { endsAt: clock + TEACH_WINDOW_MS } });
    expect(told).toContainEqual({ type: 'teach-window', open: true });
    // The page plan of a tab reloaded meanwhile keeps the window open.
    const plan = await fromPage({ type: 'page-plan' });
    expect(plan.response).toMatchObject({ ok: true, data: { plan: { hook: { teach: true } } } });

    await forward(restContactWindow());
    clock += 500;
    expect((await fromSidebar({ type: 'teach-check' })).response).toMatchObject({ ok: true, data: { state: 'waiting', step: 'create' } });
    clock += 2_000;
    const check = await fromSidebar({ type: 'teach-check' });
    expect(check.response).toMatchObject({
      ok: true,
      data: {
        state: 'proposal',
        proposal: {
          summary: { kind: 'contact', method: 'POST', path: '/api/v2/accounts/…/contacts', recordId: '57' },
          record: { recordId: '57', hasEmail: true },
          events: [{ kpi: 'contacts' }],
          missing: [],
          rule: { methods: ['POST'], format: 'json', kind: 'contact' },
        },
      },
    });
    // The proposal carries no bodies: the email the rep typed is not in it.
    expect(JSON.stringify(check.response)).not.toContain('ann@copy.example');
    expect(told.at(-1)).toEqual({ type: 'teach-window', open: false });

    const saved = await fromSidebar({ type: 'teach-save' });
    expect(saved.response.ok).toBe(true);
    // A sidebar opened again (the page navigated) finds the lesson at its saved step.
    expect((await fromSidebar({ type: 'teach-check' })).response).toMatchObject({ ok: true, data: { state: 'saved', proposal: { summary: { recordId: '57' } } } });
    const rules = await loadRules(database);
    const adapter = rules.adapters[0]!;
    // A copy of the built-in adapter (its own rules stay) with the taught rule; the site reads with it now.
    expect(adapter.id).toBe('crm-resty-test-own');
    expect(adapter.network.at(-1)?.id).toBe('taught-contact');
    expect(adapter.network.some((rule) => rule.id === 'odoo-web-save-create')).toBe(true);
    expect(rules.sites).toEqual([{ pattern: 'https://crm.resty.test/*', adapter: 'crm-resty-test-own' }]);

    // The next real save on a fresh page: counted once, with its record page.
    pageUrl = 'https://crm.resty.test/contacts/new';
    await fromPage({ type: 'page-plan' });
    const next = taughtExchange(
      'POST',
      'https://crm.resty.test/api/v2/accounts/40/contacts',
      { contact: { name: 'Bea', email: 'bea@copy.example' }, account_id: 40 },
      { data: { id: 58, email: 'bea@copy.example' } },
      pageUrl,
      { status: 201 },
    );
    const counted = await fromPage({ type: 'page-signals', signals: signalsOf([next]) });
    expect(counted.changed?.counted).toEqual([{ key: 'crm-resty-test-own:contact:58', kpi: 'contacts', kind: 'contact' }]);
    // An edit, a failed save and a contact without email count nothing.
    const edit = taughtExchange('PATCH', 'https://crm.resty.test/api/v2/contacts/58', { contact: { phone: '1' } }, { data: { id: 58 } }, pageUrl);
    const failed = taughtExchange('POST', 'https://crm.resty.test/api/v2/accounts/40/contacts', { contact: { email: 'c@copy.example' } }, { error: 'invalid' }, pageUrl, { status: 422 });
    const noEmail = taughtExchange('POST', 'https://crm.resty.test/api/v2/accounts/40/contacts', { contact: { name: 'Dee' } }, { data: { id: 59 } }, pageUrl, { status: 201 });
    const rest = await fromPage({ type: 'page-signals', signals: signalsOf([edit, failed, noEmail]) });
    expect(rest.changed).toBeUndefined();
    expect(await database.events.count()).toBe(1);
  });

  it('the edit check narrows a saved rule when the app saves edits with the same call', async () => {
    pageUrl = 'https://api.single.test/people';
    const { create, edit } = sameEndpointWindows();
    await fromSidebar({ type: 'teach-start', step: 'create', intent: { kind: 'contact' } });
    await forward(create);
    clock += 2_000;
    expect((await fromSidebar({ type: 'teach-check' })).response).toMatchObject({ data: { state: 'proposal' } });
    await fromSidebar({ type: 'teach-save' });
    expect((await loadRules(database)).sites).toEqual([{ pattern: 'https://api.single.test/*', adapter: 'api-single-test-own' }]);

    expect((await fromSidebar({ type: 'teach-start', step: 'edit' })).response.ok).toBe(true);
    await forward(edit.map((e) => ({ ...e, at: clock })));
    clock += 2_000;
    const verdict = await fromSidebar({ type: 'teach-check' });
    expect(verdict.response).toMatchObject({ ok: true, data: { state: 'edit-checked', verdict: 'tightened', rule: { createIf: [{ path: 'id', op: 'empty' }] } } });
    expect((await loadRules(database)).adapters[0]?.network[0]?.createIf).toEqual([{ from: 'request', path: 'id', op: 'empty' }]);
    // Done: the lesson and what it kept of the save are gone; the narrowed rule stays.
    await fromSidebar({ type: 'teach-cancel' });
    expect((await fromSidebar({ type: 'teach-check' })).response).toEqual({ ok: true, data: { state: 'none' } });
    expect(told.at(-1)).toEqual({ type: 'teach-window', open: false });
  });

  it('a lesson nobody finishes is dropped a while after its window', async () => {
    pageUrl = 'https://api.single.test/people';
    await fromSidebar({ type: 'teach-start', step: 'create', intent: { kind: 'contact' } });
    await forward(sameEndpointWindows().create);
    clock += 2_000;
    expect((await fromSidebar({ type: 'teach-check' })).response).toMatchObject({ data: { state: 'proposal' } });
    clock += 2 * TEACH_WINDOW_MS;
    expect((await fromSidebar({ type: 'teach-check' })).response).toEqual({ ok: true, data: { state: 'none' } });
  });

  it('a window nobody saves in ends after its time, and what it saw is dropped', async () => {
    await fromSidebar({ type: 'teach-start', step: 'create', intent: { kind: 'contact' } });
    await forward(restContactWindow().filter((e) => !e.url.includes('/accounts/')));
    clock += TEACH_WINDOW_MS + 1;
    expect((await fromSidebar({ type: 'teach-check' })).response).toEqual({ ok: true, data: { state: 'expired', step: 'create' } });
    expect((await fromSidebar({ type: 'teach-check' })).response).toEqual({ ok: true, data: { state: 'none' } });
    expect((await fromSidebar({ type: 'teach-save' })).response).toEqual({ ok: false, error: 'teach-nothing-to-save' });
  });
});
