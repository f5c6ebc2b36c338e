import { browser } from 'wxt/browser';
import { ask, BackgroundError } from '@/lib/messages/client';
import type { ChangedNotice, Request, Response } from '@/lib/messages/schemas';
import { readChangedNotice } from './changed-notice';
import { onViewCached, viewFromStorage, type StorageEvents } from './view-cache';
import type { ViewData } from './view-data';
import { VIEW_CACHE_KEY } from './view-keys';

/** Asks the background for fresh view data (one round trip, computed from the database). */
export function fetchViewData(recent: number): Promise<ViewData> {
  return ask<ViewData>({ type: 'view-data', recent });
}

/** Data to paint with, or why there is none. */
export interface ViewFirst {
  view?: ViewData;
  error?: string;
}

/** What a page hears from the extension: cached copies and change notices. */
export interface ViewSources {
  storage: StorageEvents;
  runtime: {
    onMessage: { addListener(listener: (message: unknown) => void): void; removeListener(listener: (message: unknown) => void): void };
  };
  /** Asks the background for fresh view data. */
  fetch(recent: number): Promise<ViewData>;
}

const browserSources = (): ViewSources => ({ storage: browser.storage, runtime: browser.runtime, fetch: fetchViewData });

/** Who wants the data a feed delivers. */
export interface ViewFeedHandlers {
  onView(view: ViewData): void;
  onError(message: string): void;
  /** Every change notice, for what the cached data does not carry (a count's confirmation). */
  onNotice?(notice: ChangedNotice): void;
}

/**
 * A page's view data as it changes. After every write the background computes the view data once
 * and caches it in `storage.session`; a page that can read that storage takes each new copy as it
 * is written and asks the background nothing. A page that cannot (Firefox's sidebar frame inside a
 * CRM page) asks for fresh data on each change notice instead.
 */
export interface ViewFeed {
  /** Hands the newest data so far to `handlers`, then each newer one; returns how to stop. */
  follow(handlers: ViewFeedHandlers): () => void;
  /** Asks the background now (a retry button, or after a write where the cache cannot be followed). */
  refresh(): void;
  /** After the page's own write: nothing to do where the cached copy follows it, else asks. */
  afterWrite(): void;
  /** Stops listening (a page simply closes; tests stop their feeds). */
  close(): void;
}

/** A page's first look at the data: the cached copy and the background's answer, both under way. */
export interface ViewStart {
  /** The first of the two to arrive with data; `error` only when neither has any. */
  first: Promise<ViewFirst>;
  /** The background's answer, which replaces a cached first paint. */
  fresh: Promise<ViewData>;
  /** The data from then on, listened for from the start so no change is missed before the first render. */
  feed: ViewFeed;
}

/** The data of an answer envelope, or its refusal as an error (as `ask` does). */
async function unwrap(answer: Promise<unknown>): Promise<ViewData> {
  const response = (await answer) as Response<ViewData> | undefined;
  if (!response) throw new BackgroundError('The background did not answer.');
  if (!response.ok) throw new BackgroundError(response.error);
  return response.data;
}

/** The two reads under way: `storage.session` and the background's answer envelope. */
export interface ViewReads {
  cached: Promise<Record<string, unknown>>;
  answer: Promise<unknown>;
}

function startReads(recent: number): ViewReads {
  const request: Request = { type: 'view-data', recent };
  // Async wrappers turn a missing API (no session storage in an older browser) into a rejection.
  const cached = (async () => browser.storage.session.get(VIEW_CACHE_KEY))();
  // With a cached copy to paint, the background is asked only after that paint, so its work does
  // not compete with the page's start; without one it is asked at once.
  const answer = viewFromStorage(cached)
    .then((view) => view && new Promise((resolve) => setTimeout(resolve, 0)))
    .then(async () => browser.runtime.sendMessage(request));
  return { cached, answer };
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Starts reading the cached copy and asking the background at once, says which comes first with
 * data, and starts following. Called as a page's script starts, before its first render.
 */
export function startView(recent: number, reads: ViewReads = startReads(recent), sources: ViewSources = browserSources()): ViewStart {
  const fresh = unwrap(reads.answer);
  // Handled here too, so a failure that only the cached path sees is not reported as unhandled.
  fresh.catch(() => undefined);
  const fromFresh = fresh.then(
    (view): ViewFirst => ({ view }),
    (err: unknown): ViewFirst => ({ error: reason(err) }),
  );
  const fromCache = viewFromStorage(reads.cached).then((view): ViewFirst | Promise<ViewFirst> => (view ? { view } : fromFresh));
  const first = Promise.race([fromCache, fromFresh]).then((one) => (one.view ? one : fromCache));
  // A read that fails means no session storage here: the feed asks on notices instead.
  const followsCache = reads.cached.then(
    () => true,
    () => false,
  );
  return { first, fresh, feed: createViewFeed(recent, fresh, followsCache, sources) };
}

/**
 * The feed behind `startView`. Of several answers under way the last one started wins; a cached
 * copy, always the newest the background computed, wins over every answer asked for before it.
 */
export function createViewFeed(recent: number, fresh: Promise<ViewData>, followsCache: Promise<boolean>, sources: ViewSources): ViewFeed {
  let handlers: ViewFeedHandlers | undefined;
  let latest: ViewFirst = {};
  let run = 0;
  // Until the cached read says otherwise, notices are answered by asking: never left stale.
  let follows = false;
  void followsCache.then((yes) => (follows = yes));

  const deliver = (view: ViewData) => {
    latest = { view };
    handlers?.onView(view);
  };
  // A failed answer keeps the data there is: the page shows it with the reason.
  const fail = (error: string) => {
    latest = { ...latest, error };
    handlers?.onError(error);
  };
  const settle = (answer: Promise<ViewData>, mine: number) =>
    answer.then(
      (view) => mine === run && deliver(view),
      (err: unknown) => mine === run && fail(reason(err)),
    );
  const refresh = () => void settle(sources.fetch(recent), ++run);

  // The answer started with the page replaces a cached first paint, unless newer data came since.
  void settle(fresh, run);
  const stopCache = onViewCached((view) => {
    run += 1;
    deliver(view);
  }, sources.storage);
  const onMessage = (message: unknown) => {
    const notice = readChangedNotice(message);
    if (!notice) return;
    handlers?.onNotice?.(notice);
    if (!follows) refresh();
    // Returning nothing leaves the message for other listeners to answer.
  };
  sources.runtime.onMessage.addListener(onMessage);

  return {
    follow(next) {
      handlers = next;
      if (latest.view) next.onView(latest.view);
      if (latest.error !== undefined) next.onError(latest.error);
      return () => {
        if (handlers === next) handlers = undefined;
      };
    },
    refresh,
    afterWrite: () => {
      if (!follows) refresh();
    },
    close() {
      handlers = undefined;
      stopCache();
      sources.runtime.onMessage.removeListener(onMessage);
    },
  };
}
