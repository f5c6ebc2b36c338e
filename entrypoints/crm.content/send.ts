import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DetectedRecord } from '@/lib/crm/record';

/**
 * Route changes only suggest a create; the page's own request proves it and names the kind
 * (an Odoo partner saved as a company is an account, not a contact). So route records wait
 * this long and are dropped when a request already reported the same record id.
 */
const WEAK_SIGNAL_DELAY_MS = 1000;

export interface RecordSender {
  /** Records from the page's own requests and from success markers: sent at once. */
  strong(records: DetectedRecord[]): void;
  /** Records inferred from the URL alone: sent after a grace period unless a request covered them. */
  weak(records: DetectedRecord[]): void;
  /** Whether any signal reported a record with this id on this page. */
  knows(recordId: string): boolean;
}

/**
 * Sends each record to the background once per page. A record seen again with more facts
 * (an email, an amount) is sent again; the background's unique keys settle it.
 */
export function createRecordSender(ctx: ContentScriptContext): RecordSender {
  const sent = new Set<string>();
  const provenIds = new Set<string>();
  const seenIds = new Set<string>();

  const post = (records: DetectedRecord[]) => {
    for (const record of records) {
      seenIds.add(record.recordId);
      const key = [record.kind, record.recordId, record.hasEmail, record.amount, record.amountWithTax, record.currency, record.accountId].join('|');
      if (sent.has(key)) continue;
      sent.add(key);
      if (ctx.isInvalid) return;
      try {
        void browser.runtime.sendMessage({ type: 'record-detected', record }).catch(() => {});
      } catch {
        // The extension was reloaded or removed: the page carries on.
      }
    }
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
