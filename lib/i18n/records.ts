import type { Translate } from './messages';

/** The message key of a record kind: `deal-won` → `kind_dealWon`. */
function kindKey(kind: string): string {
  return `kind_${kind.replace(/[-_.]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase())}`;
}

/**
 * A record kind in the rep's language ("Quote", "КП"). Kinds of the rep's own adapters have no
 * translation and keep the name the rep gave them.
 */
export function kindLabel(kind: string, t: Translate): string {
  const key = kindKey(kind);
  const text = t(key);
  return text === key || text === '' ? kind : text;
}

/** Which record: its kind and number, e.g. "Quote 5512" / "КП 5512". */
export function recordLabel(record: { kind?: string; recordId?: string }, t: Translate): string | undefined {
  if (record.recordId === undefined) return undefined;
  return record.kind === undefined ? record.recordId : t('record_label', [kindLabel(record.kind, t), record.recordId]);
}

/** A link back to the record only when it is a web address: nothing else is made clickable. */
export function safeRecordUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
