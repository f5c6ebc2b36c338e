import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage, type HandlerDeps } from '@/lib/background/handle';
import { writeViewCache } from '@/lib/background/view-cache';
import { loadLiveView, loadViewData, viewAfterStored } from '@/lib/background/view-data';
import { loadSnapshot } from '@/lib/background/snapshot';
import { readChangedNotice } from '@/lib/view/changed-notice';
import { looksLikeViewData, readViewCache } from '@/lib/view/view-cache';
import { startView } from '@/lib/view/view-client';
import type { ViewData } from '@/lib/view/view-data';
import { VIEW_CACHE_KEY } from '@/lib/view/view-keys';
import { adapterById } from '@/lib/crm/adapters';
import { KpiDatabase, type CountEvent } from '@/lib/db';
import { saveSettings } from '@/lib/db/settings';
import { ChangedNoticeSchema } from '@/lib/messages/schemas';

let database: KpiDatabase;
// 23:30 UTC on 30 November is already 1 December in Berlin.
const NOW = Date.UTC(2026, 10, 30, 23, 30);
const deps: HandlerDeps = { now: () => NOW, newId: () => crypto.randomUUID(), adapterById, acceptRecords: true };

beforeEach(async () => {
  fakeBrowser.reset();
  database = new KpiDatabase(`v-${crypto.randomUUID()}`);
  await database.open();
  await saveSettings(database, { timeZone: 'Europe/Berlin', weekStart: 0, currency: 'EUR', repName: 'Anna' });
});

async function addContacts(count: number) {
  for (let i = 0; i < count; i += 1) {
    await database.events.add({ key: `manual:contacts:${i}`, kpi: 'contacts', at: NOW - (count - i) * 60_000, source: 'manual' });
  }
}

describe('loadViewData', () => {
  it('carries the snapshot with the month, visitors figure and settings a view paints with', async () => {
    await database.visitors.put({ month: '2026-12', value: 90, updatedAt: NOW });
    await database.visitors.put({ month: '2026-11', value: 400, updatedAt: NOW });
    await addContacts(2);
    const view = await loadViewData(database, NOW, 5);
    expect(view).toMatchObject({ timeZone: 'Europe/Berlin', weekStart: 0, currency: 'EUR', repName: 'Anna', visitorsThisMonth: 90 });
    expect(view.month.key).toBe('2026-12');
    expect(view.month.start).toBe(Date.UTC(2026, 10, 30, 23));
    expect(view.month.end).toBe(Date.UTC(2026, 11, 31, 23));
    expect(view.snapshot.kpis).toHaveLength(6);
    expect(view.recent.map((e) => e.key)).toEqual(['manual:contacts:1', 'manual:contacts:0']);
  });

  it('leaves the visitors figure out when none is entered, and keeps to the recent limit', async () => {
    await addContacts(8);
    const view = await loadViewData(database, NOW, 3);
    expect('visitorsThisMonth' in view).toBe(false);
    expect(view.recent).toHaveLength(3);
    expect(view.recent[0]?.key).toBe('manual:contacts:7');
  });

  it('is what the background answers to view-data, with the snapshot the badge is drawn from', async () => {
    await addContacts(1);
    const view = await handleMessage(database, { type: 'view-data', recent: 2 }, 'extension-page', deps);
    expect(view.response.ok).toBe(true);
    if (!view.response.ok) return;
    expect((view.response.data as ViewData).snapshot).toEqual(await loadSnapshot(database, NOW));
    expect((view.response.data as ViewData).recent).toHaveLength(1);
    expect(looksLikeViewData(view.response.data)).toBe(true);
  });

  it('is not answered to a web page or with a bad limit', async () => {
    expect((await handleMessage(database, { type: 'view-data', recent: 2 }, 'content-script', deps)).response.ok).toBe(false);
    expect((await handleMessage(database, { type: 'view-data', recent: 0 }, 'extension-page', deps)).response.ok).toBe(false);
    expect((await handleMessage(database, { type: 'view-data' }, 'extension-page', deps)).response.ok).toBe(false);
  });
});

describe('view cache', () => {
  it('round-trips through session storage and ignores what is not view data', async () => {
    const view = await loadViewData(database, NOW, 5);
    expect(await readViewCache()).toBeUndefined();
    await writeViewCache(view);
    expect(await readViewCache()).toEqual(view);
    await fakeBrowser.storage.session.set({ [VIEW_CACHE_KEY]: { snapshot: { kpis: 'no' } } });
    expect(await readViewCache()).toBeUndefined();
    for (const junk of [null, 1, 'x', [], { ...view, month: undefined }, { ...view, recent: null }]) expect(looksLikeViewData(junk)).toBe(false);
  });
});

describe('startView', () => {
  const session = () => fakeBrowser.storage.session.get(VIEW_CACHE_KEY);

  it('paints from the cache first and still delivers the fresh answer', async () => {
    const cached = await loadViewData(database, NOW, 5);
    await writeViewCache(cached);
    await addContacts(1);
    const fresh = await loadViewData(database, NOW, 5);
    let answer!: (value: unknown) => void;
    const start = startView(5, { cached: session(), answer: new Promise((resolve) => (answer = resolve)) });
    expect((await start.first).view).toEqual(cached);
    answer({ ok: true, data: fresh });
    expect(await start.fresh).toEqual(fresh);
  });

  it('waits for the background when nothing is cached, and reports its refusal', async () => {
    const start = startView(5, { cached: session(), answer: Promise.resolve({ ok: false, error: 'no' }) });
    expect(await start.first).toEqual({ error: 'no' });
    await expect(start.fresh).rejects.toThrow('no');
    const silent = startView(5, { cached: Promise.reject(new Error('no session storage')), answer: Promise.resolve(undefined) });
    expect((await silent.first).error).toMatch(/did not answer/);
  });

  it('takes the fresh answer when it comes before the cache', async () => {
    const fresh = await loadViewData(database, NOW, 5);
    const start = startView(5, { cached: new Promise(() => undefined), answer: Promise.resolve({ ok: true, data: fresh }) });
    expect((await start.first).view).toEqual(fresh);
  });

  it('falls back to the cache when the background fails first', async () => {
    const cached = await loadViewData(database, NOW, 5);
    await writeViewCache(cached);
    const cachedRead = new Promise<Record<string, unknown>>((resolve) => setTimeout(() => void session().then(resolve), 10));
    const start = startView(5, { cached: cachedRead, answer: Promise.reject(new Error('gone')) });
    expect((await start.first).view).toEqual(cached);
  });
});

describe('readChangedNotice', () => {
  const samples: unknown[] = [
    { type: 'kpi-changed', counted: [{ key: 'a', kpi: 'contacts', kind: 'contact' }], removed: ['b'] },
    { type: 'kpi-changed' },
    { type: 'kpi-changed', counted: [{ key: 'a', kpi: 'revenue' }] },
    { type: 'kpi-changed', counted: [{ key: 'a', kpi: 'bogus' }] },
    { type: 'kpi-changed', counted: [{ key: 1, kpi: 'contacts' }] },
    { type: 'kpi-changed', counted: [{ key: 'a', kpi: 'contacts', kind: 3 }] },
    { type: 'kpi-changed', counted: 'x' },
    { type: 'kpi-changed', removed: [1] },
    { type: 'kpi-changed', removed: null },
    { type: 'kpi-changed', counted: null },
    { type: 'kpi-changed', counted: [{ key: 'a', kpi: 'devices', extra: 1 }], removed: [], more: true },
    { type: 'record-detected' },
    null,
    'kpi-changed',
    [],
  ];
  it('accepts and reads exactly what the notice schema does', () => {
    for (const sample of samples) {
      const parsed = ChangedNoticeSchema.safeParse(sample);
      expect(readChangedNotice(sample), JSON.stringify(sample)).toEqual(parsed.success ? parsed.data : undefined);
    }
  });
});

describe('the view moved by a write', () => {
  const later = NOW + 5 * 60_000;

  it('equals the view read afresh after a detected create, a revenue record and a manual count', async () => {
    await addContacts(3);
    await database.events.add({ key: 'manual:revenue:old', kpi: 'revenue', at: NOW - 3_600_000, source: 'manual', amount: 100.1, currency: 'EUR' });
    const live = await loadLiveView(database, NOW, 5);
    const written: CountEvent[] = [
      { key: 'hubspot:contact:7', kpi: 'contacts', at: later, source: 'detected', adapter: 'hubspot', kind: 'contact', recordId: '7' },
      { key: 'odoo:sale:9', kpi: 'revenue', at: later, source: 'detected', amount: 0.2, currency: 'EUR' },
      { key: 'odoo:sale:10', kpi: 'revenue', at: later, source: 'detected', amount: 5, currency: 'USD' },
      { key: 'manual:devices:1', kpi: 'devices', at: later, source: 'manual' },
    ];
    await database.events.bulkAdd(written);
    const moved = viewAfterStored(database, live, written, later);
    expect(moved).toBeDefined();
    const fresh = await loadViewData(database, later, 5);
    expect(moved!.view).toEqual(fresh);
    expect(moved!.view.snapshot.kpis.find((k) => k.kpi === 'contacts')?.value).toBe(4);
  });

  it('is not told when the month turned over or a sum is not kept: the view is read again', async () => {
    const live = await loadLiveView(database, NOW, 5);
    expect(viewAfterStored(database, live, [], live.view.month.end)).toBeUndefined();
    database.periodSums.invalidate();
    expect(viewAfterStored(database, live, [], later)).toBeUndefined();
  });
});
