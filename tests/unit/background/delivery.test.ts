import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BURST_LIMIT, BURST_WINDOW_MS, BurstGuard } from '@/lib/background/burst';
import { handleMessage, retryWaiting, type HandlerDeps, type RequestOrigin } from '@/lib/background/handle';
import { PageDetection } from '@/lib/background/page-detection';
import { listParked } from '@/lib/background/parked';
import { adapterById } from '@/lib/crm/adapters';
import { KpiDatabase } from '@/lib/db';
import { STORAGE_FULL } from '@/lib/messages/errors';

let database: KpiDatabase;
let clock: number;
let deps: HandlerDeps;

beforeEach(async () => {
  fakeBrowser.reset();
  database = new KpiDatabase(`d-${crypto.randomUUID()}`);
  await database.open();
  clock = Date.UTC(2026, 10, 25, 12);
  let ids = 0;
  deps = { now: () => clock, newId: () => `id${++ids}`, adapterById, burst: new BurstGuard(), pages: new PageDetection(fakeBrowser.storage.session) };
});

const PAGE = 'https://acme.pipedrive.com/persons/list';
/** Pipedrive's answer to a person created with an email, as the page hook forwards it. */
const contact = (recordId: string) => ({
  kind: 'exchange',
  pageUrl: PAGE,
  exchange: {
    method: 'POST',
    url: 'https://acme.pipedrive.com/api/v1/persons',
    status: 201,
    requestBody: JSON.stringify({ name: 'x', email: [{ value: 'x@example.com' }] }),
    responseBody: JSON.stringify({ success: true, data: { id: Number(recordId), email: [{ value: 'x@example.com' }] } }),
  },
});
const batch = (...ids: string[]) => ({ type: 'page-signals', signals: ids.map(contact) });
const tab = (tabId: number): RequestOrigin => ({ tabId, url: PAGE });

function quotaError(): Error {
  const error = new Error('The quota has been exceeded.');
  error.name = 'QuotaExceededError';
  return error;
}

describe('burst guard', () => {
  it('admits up to the limit per tab and minute, then holds and takes back the burst', () => {
    const guard = new BurstGuard();
    for (let i = 0; i < BURST_LIMIT; i += 1) expect(guard.admit(1, 1000 + i, [`k${i}`]).admit).toBe(true);
    const over = guard.admit(1, 2000, ['k30']);
    expect(over.admit).toBe(false);
    expect(over.takeBack).toHaveLength(BURST_LIMIT);
    expect(guard.admit(1, 2001, ['k31'])).toEqual({ admit: false, takeBack: [] });
    // Another tab, and the rep's own pages, are not affected.
    expect(guard.admit(2, 2002, ['x']).admit).toBe(true);
    expect(guard.admit(undefined, 2003, ['y']).admit).toBe(true);
    // A minute below the limit later, the tab counts again.
    expect(guard.admit(1, 2001 + BURST_WINDOW_MS, ['k40']).admit).toBe(true);
  });
});

describe('page signals', () => {
  it('counts each record once however often a batch is retried, and announces only the first', async () => {
    const first = await handleMessage(database, batch('1', '2'), 'content-script', deps, tab(7));
    const again = await handleMessage(database, batch('1', '2'), 'content-script', deps, tab(7));
    expect(first.changed?.counted.map((c) => c.key)).toEqual(['pipedrive:contact:1', 'pipedrive:contact:2']);
    expect(again.response).toMatchObject({ ok: true, data: { counted: [], alreadyCounted: ['pipedrive:contact:1', 'pipedrive:contact:2'] } });
    // Nothing was stored: no view is told to refresh.
    expect(again.changed).toBeUndefined();
    expect(await database.events.count()).toBe(2);
  });

  it('skips a signal that does not validate and counts the rest', async () => {
    const { response } = await handleMessage(database, { type: 'page-signals', signals: [{ kind: 'exchange', pageUrl: PAGE }, contact('3')] }, 'content-script', deps, tab(7));
    expect(response).toMatchObject({ ok: true, data: { refused: 1 } });
    expect(await database.events.count()).toBe(1);
  });

  it('holds a burst from one tab, asks once, and counts or discards all of it', async () => {
    const ids = Array.from({ length: 41 }, (_, i) => String(100 + i));
    for (const id of ids) await handleMessage(database, batch(id), 'content-script', deps, tab(9));
    expect(await database.events.count()).toBe(0);
    const listed = await handleMessage(database, { type: 'held-records', action: 'list' }, 'extension-page', deps, { tabId: 9 });
    expect(listed.response).toEqual({ ok: true, data: { total: 41, byKpi: { contacts: 41 } } });
    // Another tab sees none of them and still counts at once.
    const other = await handleMessage(database, { type: 'held-records', action: 'list' }, 'extension-page', deps, { tabId: 10 });
    expect(other.response).toEqual({ ok: true, data: { total: 0, byKpi: {} } });
    await handleMessage(database, batch('999'), 'content-script', deps, tab(10));
    expect(await database.events.count()).toBe(1);
    // A retried delivery of a held record stays held, not counted.
    await handleMessage(database, batch('100'), 'content-script', deps, tab(9));
    expect(await database.events.count()).toBe(1);

    const counted = await handleMessage(database, { type: 'held-records', action: 'count' }, 'extension-page', deps, { tabId: 9 });
    expect(counted.changed?.counted).toHaveLength(41);
    expect(await database.events.count()).toBe(42);
    expect(await listParked('burst')).toEqual([]);
  });

  it('keeps counts the database has no room for and writes them once there is room', async () => {
    const add = vi.spyOn(database.events, 'add').mockRejectedValue(quotaError());
    const { response, changed } = await handleMessage(database, batch('5', '6'), 'content-script', deps, tab(3));
    expect(response.ok).toBe(true);
    expect(changed?.waiting).toBe(2);
    expect((await listParked('storage-full')).map((p) => p.event.key)).toEqual(['pipedrive:contact:5', 'pipedrive:contact:6']);
    // A manual entry is not kept behind the rep's back: it is refused in words the views translate.
    const manual = await handleMessage(database, { type: 'add-manual', kpi: 'contacts' }, 'extension-page', deps);
    expect(manual.response).toEqual({ ok: false, error: STORAGE_FULL });

    add.mockRestore();
    expect((await retryWaiting(database)).map((e) => e.key)).toEqual(['pipedrive:contact:5', 'pipedrive:contact:6']);
    expect(await listParked('storage-full')).toEqual([]);
    expect(await database.events.count()).toBe(2);
  });
});
