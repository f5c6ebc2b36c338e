import type { Translate } from '../i18n/messages';

/** The background's refusal when the browser has no room left to store a count. */
export const STORAGE_FULL = 'storage-full';

/** What to show the rep for a failed write: plain words for the failures they can act on. */
export function errorText(t: Translate, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message === STORAGE_FULL ? t('delivery_manualStorageFull') : message;
}
