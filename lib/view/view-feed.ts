import type { ChangedNotice } from '@/lib/messages/schemas';
import { readChangedNotice } from './changed-notice';
import { onViewCached, type StorageEvents } from './view-cache';
import type { ViewData } from './view-data';

/** What a page hears from the extension: cached copies and change notices. */
export interface ViewSources {
  storage: StorageEvents;
  runtime: {
    onMessage: { addListener(listener: (message: unknown) => void): void; removeListener(listener: (message: unknown) => void): void };
  };
  /** Asks the background for fresh view data. */
  fetch(recent: number): Promise<ViewData>;
}

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

/** An error as the page shows it. */
export const reason = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The feed behind `startView`. Of several answers under way the last one started wins; a cached
 * copy, always the newest the background computed, wins over every answer asked for before it.
 */
export function createViewFeed(recent: number, fresh: Promise<ViewData>, followsCache: Promise<boolean>, sources: ViewSources): ViewFeed {
  let handlers: ViewFeedHandlers | undefined;
  let latest: { view?: ViewData; error?: string } = {};
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
