import { browser } from 'wxt/browser';
import { ask, BackgroundError } from '@/lib/messages/client';
import type { Request, Response } from '@/lib/messages/schemas';
import { viewFromStorage } from './view-cache';
import type { ViewData } from './view-data';
import { createViewFeed, reason, type ViewFeed, type ViewSources } from './view-feed';
import { VIEW_CACHE_KEY } from './view-keys';

export type { ViewFeed, ViewFeedHandlers, ViewSources } from './view-feed';

/** Asks the background for fresh view data (one round trip, computed from the database). */
export function fetchViewData(recent: number): Promise<ViewData> {
  return ask<ViewData>({ type: 'view-data', recent });
}

/** Data to paint with, or why there is none. */
export interface ViewFirst {
  view?: ViewData;
  error?: string;
}

const browserSources = (): ViewSources => ({ storage: browser.storage, runtime: browser.runtime, fetch: fetchViewData });

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
