import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DetectedRecord } from '@/lib/crm/record';

/**
 * Route changes only suggest a create; the page's own request proves it and names the kind
 * (an Odoo partner saved as a company is an account, not a contact). So route records wait
 * this long and are dropped when a request already reported the same record id.
 */
const WEAK_SIGNAL_DELAY_MS = 1000;
/** At most this many records per message (the background's limit). */
const BATCH = 50;
/**
 * Attempts while the background does not answer (its worker stopped mid-message, or the
 * extension is updating). The wait doubles from 100 ms up to half a minute; after the last
 * attempt, about four minutes in all, the records are given up.
 */
const ATTEMPTS = 16;
const retryDelay = (attempt: number) => Math.min(100 * 2 ** attempt, 30_000);

export interface RecordSender {
  /** Records from the page's own requests and from success markers: sent at once. */
  strong(records: DetectedRecord[]): void;
  /** Records inferred from the URL alone: sent after a grace period unless a request covered them. */
  weak(records: DetectedRecord[]): void;
  /** Whether any signal reported a record with this id on this page. */
  knows(recordId: string): boolean;
}

/** Sends records to the background; resolves with its answer, rejects when none came. */
export type Deliver = (records: DetectedRecord[]) => Promise<unknown>;

/**
 * Delivers each record to the background until it answers. A record is marked as sent only
 * then; until then it is retried with a growing wait, which is safe because the background
 * counts each key once. A record seen again with more facts (an email, an amount) is sent again.
 */
export function createRecordSender(
  ctx: ContentScriptContext,
  deliver: Deliver = (records) => browser.runtime.sendMessage({ type: 'records-detected', records }),
): RecordSender {
  const sent = new Set<string>();
  const queued = new Map<string, DetectedRecord>();
  const provenIds = new Set<string>();
  const seenIds = new Set<string>();
  let pumping = false;

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    let attempt = 0;
    while (queued.size > 0 && ctx.isValid) {
      const batch = [...queued].slice(0, BATCH);
      const records = batch.map(([, record]) => record);
      // Any answer settles the batch: counted, already counted, held or kept for later (a refusal
      // means the records themselves were wrong; sending them again would not change it). No
      // answer (a stopped worker, a reloading extension, even a throw) means: try again later.
      const answered = await Promise.resolve(records)
        .then(deliver)
        .then(
          (answer) => !!answer,
          () => false,
        );
      if (answered || attempt >= ATTEMPTS) {
        for (const [key] of batch) {
          queued.delete(key);
          if (answered) sent.add(key);
        }
        attempt = 0;
        continue;
      }
      await new Promise<void>((resolve) => ctx.setTimeout(resolve, retryDelay(attempt++)));
    }
    pumping = false;
  };

  const post = (records: DetectedRecord[]) => {
    for (const record of records) {
      seenIds.add(record.recordId);
      const key = [record.kind, record.recordId, record.hasEmail, record.amount, record.amountWithTax, record.currency, record.accountId].join('|');
      if (!sent.has(key)) queued.set(key, record);
    }
    if (queued.size > 0) void pump();
  };

  return {
    strong(records) {
      for (const record of records) provenIds.add(record.recordId);
      post(records);
    },
    weak(records) {
      if (records.length === 0) return;
      for (const record of records) seenIds.add(record.recordId);
      ctx.setTimeout(() => post(records.filter((record) => !provenIds.has(record.recordId))), WEAK_SIGNAL_DELAY_MS);
    },
    knows: (recordId) => seenIds.has(recordId),
  };
}
