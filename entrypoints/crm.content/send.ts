import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MAX_SIGNALS } from '@/lib/crm/page-plan';
import type { PageSignal } from '@/lib/crm/page-signals';

/**
 * Attempts while the background does not answer (its worker stopped mid-message, or the
 * extension is updating). The wait doubles from 100 ms up to half a minute; after the last
 * attempt, about four minutes in all, the signals are given up.
 */
const ATTEMPTS = 16;
const retryDelay = (attempt: number) => Math.min(100 * 2 ** attempt, 30_000);
/**
 * Signals waiting for the background. A flood of creates (an import the CRM runs from the page)
 * is held for the rep to confirm, so every one is kept; past this many a page is not a rep at
 * work, and the queue stops growing.
 */
const MAX_QUEUED = 5_000;

/** Sends signals to the background; resolves with its answer, rejects when none came. */
export type Deliver = (signals: PageSignal[]) => Promise<unknown>;

/**
 * Forwards what the page saw to the background, in order, at once. Signals are marked as sent
 * only when the background answers; until then they are retried with a growing wait, which is
 * safe because the background counts each record once.
 */
export function createSignalSender(
  ctx: ContentScriptContext,
  deliver: Deliver = (signals) => browser.runtime.sendMessage({ type: 'page-signals', signals }),
): (signal: PageSignal) => void {
  const queued: PageSignal[] = [];
  let pumping = false;

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    let attempt = 0;
    while (queued.length > 0 && ctx.isValid) {
      const batch = queued.slice(0, MAX_SIGNALS);
      // Any answer settles the batch: a refusal means the signals themselves were wrong, and
      // sending them again would not change it. No answer (even a throw) means: try again later.
      const answered = await Promise.resolve(batch)
        .then(deliver)
        .then(
          (answer) => !!answer,
          () => false,
        );
      if (answered || attempt >= ATTEMPTS) {
        queued.splice(0, batch.length);
        attempt = 0;
        continue;
      }
      await new Promise<void>((resolve) => ctx.setTimeout(resolve, retryDelay(attempt++)));
    }
    pumping = false;
  };

  return (signal) => {
    if (queued.length >= MAX_QUEUED) return;
    queued.push(signal);
    void pump();
  };
}
