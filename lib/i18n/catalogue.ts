import type { Translate } from './messages';
import en from '@/public/_locales/en/messages.json';
import ru from '@/public/_locales/ru/messages.json';

export interface ChromeMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/**
 * getMessage as Chrome implements it for one locale's messages.json: named placeholders
 * ($NAME$, case-insensitive) resolve to their content, where $1…$9 are the substitutions.
 * Returns "" for an unknown key, like the browser.
 */
export function translatorFor(messages: Readonly<Record<string, ChromeMessage>>): Translate {
  return (name, substitutions) => {
    const entry = messages[name];
    if (!entry) return '';
    const subs: readonly string[] = substitutions === undefined ? [] : typeof substitutions === 'string' ? [substitutions] : substitutions;
    const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([key, value]) => [key.toLowerCase(), fill(value.content)]));
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, key: string) => placeholders[key.toLowerCase()] ?? whole).replace(/\$\$/g, '$');
  };
}

/**
 * Every language the extension speaks, whatever the browser's own: for reading files a rep
 * wrote in another language than the manager's (the CSV report's headers are in the rep's).
 */
export const CATALOGUES: Readonly<Record<'en' | 'ru', Translate>> = {
  en: translatorFor(en as Record<string, ChromeMessage>),
  ru: translatorFor(ru as Record<string, ChromeMessage>),
};
