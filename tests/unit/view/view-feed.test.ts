import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { writeViewCache } from '@/lib/background/view-cache';
import { startView, type ViewFeed, type ViewReads, type ViewSources } from '@/lib/view/view-client';
import type { ViewData } from '@/lib/view/view-data';
import { VIEW_CACHE_KEY } from '@/lib/view/view-keys';
import type { ChangedNotice } from '@/lib/messages/schemas';

/** View data whose one distinguishing figure is the contacts count. */
function view(contacts: number): ViewData {
  return {
    snapshot: { kpis: [{ kpi: 'contacts', value: contacts }] } as unknown as ViewData['snapshot'],
    timeZone: 'Europe/Berlin',
    weekStart: 1,
    currency: 'EUR',
    repName: 'Anna',
    month: { key: '2026-11', start: 0, end: 1 },
    recent: [],
  };
}
const contactsOf = (data: ViewData | undefined) => (data?.snapshot.kpis[0] as { value: number } | undefined)?.value;
const notice: ChangedNotice = { type: 'kpi-changed', counted: [{ key: 'hubspot:contact:1', kpi: 'contacts' }], removed: [] };

/** The page's side of the extension, with the background's answers under the test's control. */
function sources(answers: (() => Promise<ViewData>)[] = []) {
  const fetch = vi.fn((_recent: number) => answers.shift()?.() ?? Promise.reject(new Error('no answer')));
  const api: ViewSources = { storage: fakeBrowser.storage, runtime: fakeBrowser.runtime, fetch };
  return { api, fetch };
}

/** A page start where the cached read works (an extension page) or fails (Firefox's sidebar frame). */
function reads(cache: 'readable' | 'none', answer: Promise<unknown>): ViewReads {
  return {
    cached: cache === 'readable' ? fakeBrowser.storage.session.get(VIEW_CACHE_KEY) : Promise.reject(new Error('no storage.session here')),
    answer,
  };
}

/** Collects what a feed hands to a page. */
function watch(feed: ViewFeed) {
  const seen: { views: number[]; errors: string[]; notices: ChangedNotice[] } = { views: [], errors: [], notices: [] };
  feed.follow({
    onView: (data) => seen.views.push(contactsOf(data)!),
    onError: (message) => seen.errors.push(message),
    onNotice: (n) => seen.notices.push(n),
  });
  return seen;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const sendNotice = (message: unknown) => fakeBrowser.runtime.onMessage.trigger(message, {}, () => undefined);

beforeEach(() => {
  fakeBrowser.reset();
});

describe('a page that can read storage.session', () => {
  it('takes each copy the background caches and asks the background nothing after a change', async () => {
    await writeViewCache(view(1));
    const { api, fetch } = sources();
    const start = startView(5, reads('readable', Promise.resolve({ ok: true, data: view(1) })), api);
    expect(contactsOf((await start.first).view)).toBe(1);
    const seen = watch(start.feed);
    await settled();

    await sendNotice(notice);
    await writeViewCache(view(2));
    await settled();
    expect(seen.views.at(-1)).toBe(2);
    expect(seen.notices).toEqual([notice]);
    start.feed.afterWrite();
    expect(fetch).not.toHaveBeenCalled();
    start.feed.close();
  });

  it('does not let a slower first answer replace a newer cached copy', async () => {
    let answer!: (value: unknown) => void;
    const { api } = sources();
    const start = startView(5, reads('readable', new Promise((resolve) => (answer = resolve))), api);
    const seen = watch(start.feed);
    await writeViewCache(view(3));
    answer({ ok: true, data: view(2) });
    await settled();
    expect(seen.views).toEqual([3]);
    start.feed.close();
  });

  it('hands a copy cached before the page followed to the page when it does', async () => {
    const { api } = sources();
    const start = startView(5, reads('readable', Promise.resolve({ ok: true, data: view(1) })), api);
    await settled();
    await writeViewCache(view(4));
    const seen = watch(start.feed);
    expect(seen.views).toEqual([4]);
    start.feed.close();
  });

  it('ignores other keys, other areas and what is not view data', async () => {
    const { api } = sources();
    const start = startView(5, reads('readable', Promise.resolve({ ok: true, data: view(1) })), api);
    await settled();
    const seen = watch(start.feed);
    await fakeBrowser.storage.session.set({ other: view(9) });
    await fakeBrowser.storage.local.set({ [VIEW_CACHE_KEY]: view(9) });
    await fakeBrowser.storage.session.set({ [VIEW_CACHE_KEY]: { snapshot: 'no' } });
    expect(seen.views).toEqual([1]);
    start.feed.close();
  });

  it('stops hearing anything once closed', async () => {
    const { api } = sources();
    const start = startView(5, reads('readable', Promise.resolve({ ok: true, data: view(1) })), api);
    await settled();
    const seen = watch(start.feed);
    start.feed.close();
    await writeViewCache(view(5));
    await sendNotice(notice);
    expect(seen.views).toEqual([1]);
    expect(seen.notices).toEqual([]);
  });
});

describe('a page without storage.session (the sidebar frame in Firefox)', () => {
  it('asks the background on each change notice and takes its answer', async () => {
    const { api, fetch } = sources([() => Promise.resolve(view(2))]);
    const start = startView(1, reads('none', Promise.resolve({ ok: true, data: view(1) })), api);
    expect(contactsOf((await start.first).view)).toBe(1);
    const seen = watch(start.feed);
    await settled();
    await sendNotice(notice);
    await settled();
    expect(fetch).toHaveBeenCalledWith(1);
    expect(seen.views).toEqual([1, 2]);
    expect(seen.notices).toEqual([notice]);
    start.feed.close();
  });

  it('asks after its own write too, and keeps the data it has when an answer fails', async () => {
    const { api, fetch } = sources([() => Promise.reject(new Error('gone'))]);
    const start = startView(1, reads('none', Promise.resolve({ ok: true, data: view(1) })), api);
    await settled();
    const seen = watch(start.feed);
    start.feed.afterWrite();
    await settled();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(seen.views).toEqual([1]);
    expect(seen.errors).toEqual(['gone']);
    start.feed.close();
  });

  it('lets the last answer asked for win when two overlap', async () => {
    let slow!: (data: ViewData) => void;
    const { api } = sources([() => new Promise((resolve) => (slow = resolve)), () => Promise.resolve(view(3))]);
    const start = startView(1, reads('none', Promise.resolve({ ok: true, data: view(1) })), api);
    await settled();
    const seen = watch(start.feed);
    await sendNotice(notice);
    await sendNotice(notice);
    await settled();
    slow(view(2));
    await settled();
    expect(seen.views).toEqual([1, 3]);
    start.feed.close();
  });
});
