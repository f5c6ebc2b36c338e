import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DetectedRecord } from '@/lib/crm/record';

/**
 * Sends each record to the background once per page. A record seen again with more facts
 * (an email, an amount) is sent again; the background's unique keys settle it.
 */
export function createRecordSender(ctx: ContentScriptContext): (records: DetectedRecord[]) => void {
  const sent = new Set<string>();
  return (records) => {
    for (const record of records) {
      const key = [record.kind, record.recordId, record.hasEmail, record.amount, record.currency, record.accountId].join('|');
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
}
