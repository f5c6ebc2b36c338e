import { beforeEach, describe, expect, it } from 'vitest';
import { handleMessage, type HandlerDeps } from '@/lib/background/handle';
import { NUDGES_SENT_KEY } from '@/lib/background/nudges';
import { listParked, park } from '@/lib/background/parked';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { adapterById } from '@/lib/crm/adapters';
import { KpiDatabase } from '@/lib/db';
import { loadSettings, saveSettings } from '@/lib/db/settings';
import { loadRules } from '@/lib/overrides';

let database: KpiDatabase;
let clock: number;
const deps: HandlerDeps = { now: () => clock, newId: () => crypto.randomUUID(), adapterById, acceptRecords: true };
const page = (message: unknown) => handleMessage(database, message, 'extension-page', deps);

beforeEach(async () => {
  database = new KpiDatabase(`o-${crypto.randomUUID()}`);
  await database.open();
  clock = Date.UTC(2026, 10, 25, 12);
  await saveSettings(database, { timeZone: 'Europe/Berlin' });
});

const detected = (kind: string, recordId: string, adapter = 'hubspot') => ({
  type: 'record-detected',
  record: { adapter, kind, recordId, hasEmail: true, rule: 'test-rule' },
});

describe('settings and rules through the background', () => {
  it('saves valid settings and announces the change; refuses invalid ones untouched', async () => {
    const saved = await page({ type: 'save-settings', settings: { ...(await loadSettings(database)), teamSize: 7 } });
    expect(saved.response.ok).toBe(true);
    expect(saved.changed?.type).toBe('kpi-changed');
    expect((await loadSettings(database)).teamSize).toBe(7);
    const refused = await page({ type: 'save-settings', settings: { teamSize: 0 } });
    expect(refused.response.ok).toBe(false);
    expect((await loadSettings(database)).teamSize).toBe(7);
  });

  it('imports settings and rules together or not at all', async () => {
    const settings = { ...(await loadSettings(database)), repName: 'Imported' };
    const bad = await page({ type: 'import-data', settings, rules: { sites: [{ pattern: 'nope', adapter: 'odoo' }] } });
    expect(bad.response.ok).toBe(false);
    expect((await loadSettings(database)).repName).toBe('');
    const good = await page({ type: 'import-data', settings, rules: { disabledAdapters: ['zoho'] } });
    expect(good.response.ok).toBe(true);
    expect((await loadSettings(database)).repName).toBe('Imported');
    expect((await loadRules(database)).disabledAdapters).toEqual(['zoho']);
  });

  it('counts a mapped custom object and stops counting an unmapped default', async () => {
    await page({ type: 'save-rules', rules: { mappings: [{ adapter: 'hubspot', object: '2-1234', kpis: ['devices'] }, { adapter: 'hubspot', object: 'quote', kpis: [] }] } });
    const device = await handleMessage(database, detected('obj-2-1234', '5'), 'extension-page', deps);
    expect(device.changed?.counted).toEqual([{ key: 'hubspot:obj-2-1234:5', kpi: 'devices', kind: 'obj-2-1234' }]);
    const quote = await handleMessage(database, detected('quote', '6'), 'extension-page', deps);
    expect(quote.response.ok).toBe(true);
    expect(await database.events.count()).toBe(1);
  });

  it('ignores detections for an adapter the rep turned off', async () => {
    await page({ type: 'save-rules', rules: { disabledAdapters: ['hubspot'] } });
    const result = await handleMessage(database, detected('contact', '1'), 'extension-page', deps);
    expect(result.response.ok).toBe(false);
    expect(await database.events.count()).toBe(0);
  });
});

describe('evidence log: not a new record', () => {
  it('removes the event and never counts its key again', async () => {
    await handleMessage(database, detected('contact', '9'), 'extension-page', deps);
    const marked = await page({ type: 'not-new-record', key: 'hubspot:contact:9' });
    expect(marked.changed?.removed).toEqual(['hubspot:contact:9']);
    expect(await database.events.count()).toBe(0);
    const again = await handleMessage(database, detected('contact', '9'), 'extension-page', deps);
    expect(again.response).toMatchObject({ ok: true, data: { counted: [] } });
    // Nothing stored, so nothing announced.
    expect(again.changed).toBeUndefined();
    expect(await database.events.count()).toBe(0);
    // Other records still count.
    await handleMessage(database, detected('contact', '10'), 'extension-page', deps);
    expect(await database.events.count()).toBe(1);
  });

  it('is refused from a web page', async () => {
    const result = await handleMessage(database, { type: 'not-new-record', key: 'x' }, 'content-script', deps);
    expect(result.response.ok).toBe(false);
    const restore = await handleMessage(database, { type: 'restore-record', key: 'x' }, 'content-script', deps);
    expect(restore.response.ok).toBe(false);
  });

  it('can be reversed: the same count comes back once and the record counts again', async () => {
    await handleMessage(database, detected('contact', '9'), 'extension-page', deps);
    const [original] = await database.events.toArray();
    await page({ type: 'not-new-record', key: 'hubspot:contact:9' });
    expect((await database.blocked.get('hubspot:contact:9'))?.event).toEqual(original);

    clock += 60_000;
    const restored = await page({ type: 'restore-record', key: 'hubspot:contact:9' });
    expect(restored.response).toEqual({ ok: true, data: { restored: true, unblocked: 'hubspot:contact:9' } });
    expect(restored.changed?.type).toBe('kpi-changed');
    expect(await database.events.toArray()).toEqual([original]);
    expect(await database.blocked.count()).toBe(0);

    // Restoring twice, or the record seen again, never counts it twice.
    expect((await page({ type: 'restore-record', key: 'hubspot:contact:9' })).response).toMatchObject({ ok: true, data: { restored: false } });
    await handleMessage(database, detected('contact', '9'), 'extension-page', deps);
    expect(await database.events.count()).toBe(1);
  });

  it('reversed for a key marked before counts were kept: the record may count again', async () => {
    await database.blocked.put({ key: 'hubspot:contact:7', at: clock });
    expect((await page({ type: 'restore-record', key: 'hubspot:contact:7' })).response).toMatchObject({ ok: true, data: { restored: false } });
    await handleMessage(database, detected('contact', '7'), 'extension-page', deps);
    expect(await database.events.count()).toBe(1);
  });
});

describe('CRM access', () => {
  const granted = (origins: string[]) => ({
    contains: async ({ origins: asked = [] }: { origins?: string[] }) => asked.every((o) => origins.includes(o)),
  });
  const ask = (permissions: ReturnType<typeof granted>) =>
    handleMessage(database, { type: 'crm-access' }, 'extension-page', { ...deps, permissions }).then((r) => r.response);

  it('lists every CRM that is on without access, and exactly the hosts to ask for', async () => {
    const hubspot = adapterById('hubspot')!;
    const pipedrive = adapterById('pipedrive')!;
    const others = ['salesforce', 'zoho', 'dynamics', 'odoo'];
    await page({ type: 'save-rules', rules: { disabledAdapters: others, sites: [{ pattern: 'https://crm.dealer.example/*', adapter: 'odoo' }] } });
    expect(await ask(granted([...hubspot.hosts]))).toEqual({
      ok: true,
      data: {
        crms: [{ id: 'pipedrive', name: pipedrive.name }],
        sites: ['https://crm.dealer.example/*'],
        origins: [...pipedrive.hosts, 'https://crm.dealer.example/*'],
      },
    });
    expect(await ask(granted([...hubspot.hosts, ...pipedrive.hosts, 'https://crm.dealer.example/*']))).toEqual({
      ok: true,
      data: { crms: [], sites: [], origins: [] },
    });
  });

  it('after a skipped onboarding, every shipped CRM is missing', async () => {
    const answer = await ask(granted([]));
    expect(answer.ok && (answer.data as { crms: unknown[] }).crms).toHaveLength(6);
  });

  it('is refused from a web page', async () => {
    const result = await handleMessage(database, { type: 'crm-access' }, 'content-script', { ...deps, permissions: granted([]) });
    expect(result.response.ok).toBe(false);
  });
});

describe('delete all data', () => {
  it('needs the confirmation word and then empties every table', async () => {
    await handleMessage(database, detected('contact', '1'), 'extension-page', deps);
    await page({ type: 'set-visitors', month: '2026-11', value: 10 });
    expect((await page({ type: 'delete-all-data' })).response.ok).toBe(false);
    expect(await database.events.count()).toBe(1);
    expect((await page({ type: 'delete-all-data', confirm: 'delete' })).response.ok).toBe(true);
    for (const table of [database.events, database.visitors, database.health, database.kv, database.blocked]) {
      expect(await table.count()).toBe(0);
    }
  });

  it('also drops counts kept aside and the record of reminders sent, and keeps the sidebar layout', async () => {
    await park([{ key: 'hubspot:contact:9', kpi: 'contacts', at: 1, source: 'detected' }], 'burst', 4);
    await park([{ key: 'hubspot:contact:10', kpi: 'contacts', at: 2, source: 'detected' }], 'storage-full');
    await fakeBrowser.storage.local.set({ [NUDGES_SENT_KEY]: { sent: { 'contacts:2026-W48': 1 }, lastDay: {} }, sidebarPrefs: { kept: true } });
    expect((await page({ type: 'delete-all-data', confirm: 'delete' })).response.ok).toBe(true);
    expect(await listParked('burst')).toEqual([]);
    expect(await listParked('storage-full')).toEqual([]);
    const left = await fakeBrowser.storage.local.get(null);
    expect(left[NUDGES_SENT_KEY]).toBeUndefined();
    expect(left.sidebarPrefs).toEqual({ kept: true });
  });
});

describe('page plan for content scripts', () => {
  it('answers by the sender URL: custom domains, shipped hosts, or null', async () => {
    await page({ type: 'save-rules', rules: { sites: [{ pattern: 'https://crm.dealer.example/*', adapter: 'odoo' }] } });
    const ask = (url?: string) => handleMessage(database, { type: 'page-plan' }, 'content-script', deps, { url, tabId: 3 });
    const rulesOf = (id: string) => (adapterById(id)?.network ?? []).map((rule) => ({ methods: rule.methods, url: rule.url }));
    expect((await ask('https://crm.dealer.example/odoo/contacts/new')).response).toMatchObject({ ok: true, data: { plan: { hook: { rules: rulesOf('odoo') } } } });
    expect((await ask('https://acme.hubspot.com/contacts/1')).response).toMatchObject({ ok: true, data: { plan: { hook: { rules: rulesOf('hubspot') } } } });
    expect((await ask('https://elsewhere.example/')).response).toEqual({ ok: true, data: { plan: null } });
    expect((await ask(undefined)).response).toEqual({ ok: true, data: { plan: null } });
  });
});
