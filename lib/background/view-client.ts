import { browser } from 'wxt/browser';
import { ask, BackgroundError } from '../messages/client';
import type { Request, Response } from '../messages/schemas';
import { viewFromStorage } from './view-cache';
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

/** A page's first look at the data: the cached copy and the background's answer, both under way. */
export interface ViewStart {
  /** The first of the two to arrive with data; `error` only when neither has any. */
  first: Promise<ViewFirst>;
  /** The background's answer, which replaces a cached first paint. */
  fresh: Promise<ViewData>;
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
  return {
    cached: (async () => browser.storage.session.get(VIEW_CACHE_KEY))(),
    answer: (async () => browser.runtime.sendMessage(request))(),
  };
}

/**
 * Starts reading the cached copy and asking the background at once, and says which comes first
 * with data. Called as a page's script starts, before its first render.
 */
export function startView(recent: number, reads: ViewReads = startReads(recent)): ViewStart {
  const fresh = unwrap(reads.answer);
  // Handled here too, so a failure that only the cached path sees is not reported as unhandled.
  fresh.catch(() => undefined);
  const fromFresh = fresh.then(
    (view): ViewFirst => ({ view }),
    (err: unknown): ViewFirst => ({ error: err instanceof Error ? err.message : String(err) }),
  );
  const fromCache = viewFromStorage(reads.cached).then((view): ViewFirst | Promise<ViewFirst> => (view ? { view } : fromFresh));
  return { first: Promise.race([fromCache, fromFresh]).then((first) => (first.view ? first : fromCache)), fresh };
}
