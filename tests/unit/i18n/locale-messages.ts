import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ChromeMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export function readMessages(locale: 'en' | 'ru'): Record<string, ChromeMessage> {
  const path = resolve(__dirname, '../../../public/_locales', locale, 'messages.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, ChromeMessage>;
}

/**
 * getMessage as Chrome implements it for one locale's messages.json: named placeholders
 * ($NAME$, case-insensitive) resolve to their content, where $1…$9 are the substitutions.
 * Returns "" for an unknown key, like the browser.
 */
export function getMessageFrom(messages: Record<string, ChromeMessage>) {
  return (name: string, substitutions?: string | readonly string[]): string => {
    const entry = messages[name];
    if (!entry) return '';
    const subs: readonly string[] = substitutions === undefined ? [] : typeof substitutions === 'string' ? [substitutions] : substitutions;
    const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    const placeholders = Object.fromEntries(
      Object.entries(entry.placeholders ?? {}).map(([key, value]) => [key.toLowerCase(), fill(value.content)]),
    );
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, key: string) => placeholders[key.toLowerCase()] ?? whole)
      .replace(/\$\$/g, '$');
  };
}
