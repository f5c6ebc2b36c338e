import { beforeEach, describe, expect, it } from 'vitest';
import { handleMessage, type HandlerDeps } from '@/lib/background/handle';
import { adapterById } from '@/lib/crm/adapters';
import { countBetween, KpiDatabase, type CountEvent } from '@/lib/db';
import { saveSettings } from '@/lib/db/settings';
import { BurstGuard } from '@/lib/background/burst';
import { listParked, park } from '@/lib/background/parked';
import type { Snapshot } from '@/lib/kpi';

let database: KpiDatabase;
let clock: number;
let ids: number;
const deps: HandlerDeps = { now: () => clock, newId: () => `id${++ids}`, adapterById, acceptRecords: true };

beforeEach(async () => {
  database = new KpiDatabase(`h-${crypto.randomUUID()}`);
  await database.open();
  clock = Date.UTC(2026, 10, 25, 12); // Wednesday
  ids = 0;
  await saveSettings(database, { timeZone: 'Europe/Berlin' });
});

const contact = (recordId: string, hasEmail = true) => ({
  type: 'record-detected',
  record: { adapter: 'hubspot', kind: 'contact', recordId, hasEmail, rule: 'hubspot-object-builder-create' },
});

describe('handleMessage', () => {
  it('refuses malformed and unknown messages with a reason and writes nothing', async () => {
    for (const bad of [null, 42, 'x', {}, { type: 'nope' }, { type: 'add-manual', kpi: 'bogus' }, { type: 'record-detected', record: { adapter: 'hubspot' } }]) {
      const { response, changed } = await handleMessage(database, bad, 'extension-page', deps);
      expect(response.ok).toBe(false);
      if (!response.ok) expect(response.error).toMatch(/Invalid message/);
      expect(changed).toBeUndefined();
    }
    expect(await database.events.count()).toBe(0);
    expect(await database.health.count()).toBe(0);
  });

  it('lets a content script only say what its page showed, never claim a record', async () => {
    const { response } = await handleMessage(database, { type: 'view-data', recent: 1 }, 'content-script', deps);
    expect(response).toEqual({ ok: false, error: '"view-data" is not allowed from a web page.' });
    const undo = await handleMessage(database, { type: 'undo', key: 'x' }, 'content-script', deps);
    expect(undo.response.ok).toBe(false);
    const claimed = await handleMessage(database, contact('1'), 'content-script', deps);
    expect(claimed.response).toEqual({ ok: false, error: '"record-detected" is not allowed from a web page.' });
    // Only a test build takes a reported record, and only from its own pages.
    const release = await handleMessage(database, contact('1'), 'extension-page', { ...deps, acceptRecords: false });
    expect(release.response.ok).toBe(false);
    expect(await database.events.count()).toBe(0);
    const detected = await handleMessage(database, contact('1'), 'extension-page', deps);
    expect(detected.response.ok).toBe(true);
  });

  it('counts a detected record once however often it is reported, and announces it once', async () => {
    const first = await handleMessage(database, contact('7'), 'extension-page', deps);
    const again = await handleMessage(database, contact('7'), 'extension-page', deps);
    expect(first.changed?.counted).toEqual([{ key: 'hubspot:contact:7', kpi: 'contacts', kind: 'contact' }]);
    expect(again.response).toMatchObject({ ok: true, data: { counted: [], alreadyCounted: ['hubspot:contact:7'] } });
    // Nothing was stored the second time: no change notice, so no view refreshes for it.
    expect(again.changed).toBeUndefined();
    expect(await database.events.count()).toBe(1);
    expect((await database.health.get(['hubspot', 'hubspot-object-builder-create']))?.count).toBe(2);
  });

  it('does not count a contact without an email', async () => {
    await handleMessage(database, contact('8', false), 'extension-page', deps);
    expect(await database.events.count()).toBe(0);
  });

  it('refuses a record from an adapter it does not know', async () => {
    const bad = { type: 'record-detected', record: { adapter: 'nosuchcrm', kind: 'contact', recordId: '1', hasEmail: true, rule: 'r' } };
    const { response } = await handleMessage(database, bad, 'extension-page', deps);
    expect(response).toEqual({ ok: false, error: 'Unknown adapter "nosuchcrm".' });
  });

  it('stores revenue in the CRM currency, or the rep currency when the CRM does not say', async () => {
    await handleMessage(database, { type: 'record-detected', record: { adapter: 'hubspot', kind: 'order', recordId: 'o1', amount: 250, currency: 'EUR', rule: 'r' } }, 'extension-page', deps);
    await handleMessage(database, { type: 'record-detected', record: { adapter: 'hubspot', kind: 'order', recordId: 'o2', amount: 100, rule: 'r' } }, 'extension-page', deps);
    const events = await database.events.toArray();
    const revenue = events.filter((e) => e.kpi === 'revenue').map((e) => [e.recordId, e.amount, e.currency]);
    expect(revenue.sort()).toEqual([
      ['o1', 250, 'EUR'],
      ['o2', 100, 'USD'],
    ]);
  });

  it('adds manual entries marked as manual, and undoes them', async () => {
    const { response } = await handleMessage(database, { type: 'add-manual', kpi: 'equotes' }, 'extension-page', deps);
    expect(response.ok).toBe(true);
    const event = (response as { data: CountEvent }).data;
    expect(event).toMatchObject({ kpi: 'equotes', source: 'manual', at: clock, key: 'manual:equotes:id1' });
    const undo = await handleMessage(database, { type: 'undo', key: event.key }, 'extension-page', deps);
    expect(undo.changed?.removed).toEqual([event.key]);
    expect(await database.events.count()).toBe(0);
  });

  it('needs an amount for manual revenue and refuses one elsewhere', async () => {
    expect((await handleMessage(database, { type: 'add-manual', kpi: 'revenue' }, 'extension-page', deps)).response.ok).toBe(false);
    expect((await handleMessage(database, { type: 'add-manual', kpi: 'contacts', amount: 5 }, 'extension-page', deps)).response.ok).toBe(false);
    const ok = await handleMessage(database, { type: 'add-manual', kpi: 'revenue', amount: 99.5 }, 'extension-page', deps);
    expect((ok.response as { data: CountEvent }).data).toMatchObject({ amount: 99.5, currency: 'USD' });
  });

  it('answers a snapshot that reflects writes, visitors included', async () => {
    await handleMessage(database, contact('1'), 'extension-page', deps);
    await handleMessage(database, contact('2'), 'extension-page', deps);
    // Visitors are judged on the last complete month.
    await handleMessage(database, { type: 'set-visitors', month: '2026-10', value: 180 }, 'extension-page', deps);
    const { response } = await handleMessage(database, { type: 'view-data', recent: 1 }, 'extension-page', deps);
    const snap = (response as { data: { snapshot: Snapshot } }).data.snapshot;
    const byKpi = Object.fromEntries(snap.kpis.map((k) => [k.kpi, k]));
    expect(byKpi.contacts?.value).toBe(2);
    expect(byKpi.contacts?.periodLabel).toBe('2026-W48');
    expect(byKpi.visitors?.value).toBe(180);
    expect(snap.kpis).toHaveLength(6);
  });
});

describe('a record held in a burst', () => {
  it('stores nothing and tells no view when it is reported again', async () => {
    await park([{ key: 'hubspot:contact:12', kpi: 'contacts', at: clock - 60_000, source: 'detected' }], 'burst', 3);
    const again = await handleMessage(database, contact('12'), 'extension-page', { ...deps, burst: new BurstGuard() }, { tabId: 3, crmTab: true });
    expect(again.response).toMatchObject({ ok: true, data: { counted: [], held: [], alreadyHeld: ['hubspot:contact:12'] } });
    expect(again.changed).toBeUndefined();
    expect(await database.events.count()).toBe(0);
    // Still held, for the rep to decide.
    expect((await listParked('burst', 3)).map((p) => p.event.key)).toEqual(['hubspot:contact:12']);
  });
});

describe('a record found new', () => {
  it('is in the period sums before its write, for the badge, and counted once when reported twice at once', async () => {
    const weekStart = Date.UTC(2026, 10, 23) - 3_600_000; // Monday 00:00 in Berlin
    const weekEnd = weekStart + 7 * 86_400_000;
    expect(await countBetween(database, 'contacts', weekStart, weekEnd)).toBe(0);
    const seen: { keys: string[]; sums: number | undefined; stored: number }[] = [];
    const watching: HandlerDeps = {
      ...deps,
      counting: (events) => {
        // Synchronous with the call: what the badge would draw from, and what the database holds.
        seen.push({ keys: events.map((e) => e.key), sums: database.periodSums.count('contacts', weekStart, weekEnd), stored: -1 });
        void database.events.count().then((n) => (seen[seen.length - 1]!.stored = n));
      },
    };
    const [first, second] = await Promise.all([
      handleMessage(database, contact('9'), 'extension-page', watching),
      handleMessage(database, contact('9'), 'extension-page', watching),
    ]);
    expect(first.changed?.counted.map((c) => c.key)).toEqual(['hubspot:contact:9']);
    expect(second.changed).toBeUndefined();
    // Counted in the sums while the database did not hold it yet.
    expect(seen).toEqual([{ keys: ['hubspot:contact:9'], sums: 1, stored: 0 }]);
    expect(await database.events.count()).toBe(1);
    expect(database.periodSums.count('contacts', weekStart, weekEnd)).toBe(1);
  });

  it('is taken back from the sums, and the view read again, when its write does not go through', async () => {
    const weekStart = Date.UTC(2026, 10, 23) - 3_600_000;
    const weekEnd = weekStart + 7 * 86_400_000;
    expect(await countBetween(database, 'contacts', weekStart, weekEnd)).toBe(0);
    const calls: [string[], readonly string[] | undefined][] = [];
    const failing = database.events.add.bind(database.events);
    database.events.add = (() => Promise.reject(new Error('disk error'))) as unknown as typeof database.events.add;
    try {
      const { response, changed } = await handleMessage(database, contact('10'), 'extension-page', { ...deps, counting: (events, notWritten) => calls.push([events.map((e) => e.key), notWritten]) });
      expect(response).toMatchObject({ ok: false });
      expect(changed).toBeUndefined();
    } finally {
      database.events.add = failing;
    }
    expect(calls).toEqual([
      [['hubspot:contact:10'], undefined],
      [[], ['hubspot:contact:10']],
    ]);
    expect(database.periodSums.count('contacts', weekStart, weekEnd)).toBe(0);
  });
});
