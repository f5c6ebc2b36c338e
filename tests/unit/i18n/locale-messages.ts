import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { translatorFor, type ChromeMessage } from '@/lib/i18n/catalogue';

export type { ChromeMessage };

export function readMessages(locale: 'en' | 'ru'): Record<string, ChromeMessage> {
  const path = resolve(__dirname, '../../../public/_locales', locale, 'messages.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, ChromeMessage>;
}

/** getMessage as Chrome implements it for one locale's messages.json (see translatorFor). */
export const getMessageFrom = translatorFor;
