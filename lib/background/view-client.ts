import { ask } from '../messages/client';
import { readViewCache } from './view-cache';
import type { ViewData } from './view-data';

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

/**
 * Starts both reads at once. Called as a page's script starts, before React loads, so the answer
 * is usually in by the time the first render can use it.
 */
export function startView(recent: number): ViewStart {
  const fresh = fetchViewData(recent);
  // Handled here too, so a failure that only the cached path sees is not reported as unhandled.
  fresh.catch(() => undefined);
  const fromFresh = fresh.then(
    (view): ViewFirst => ({ view }),
    (err: unknown): ViewFirst => ({ error: err instanceof Error ? err.message : String(err) }),
  );
  const fromCache = readViewCache().then((view): ViewFirst | Promise<ViewFirst> => (view ? { view } : fromFresh));
  return { first: Promise.race([fromCache, fromFresh]).then((first) => (first.view ? first : fromCache)), fresh };
}
