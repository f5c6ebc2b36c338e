import { browser } from 'wxt/browser';

/** A message lookup: the browser's in the extension, a fake one in tests and previews. */
export type Translate = (key: string, substitutions?: string | readonly string[]) => string;

/**
 * The localised string for `key` from public/_locales. Falls back to the key itself when the
 * message is missing (or the i18n API is unavailable), so a forgotten string shows up on screen
 * and in tests instead of rendering as an empty gap.
 */
export const t: Translate = (key, substitutions) => {
  let message = '';
  try {
    const subs = substitutions === undefined ? undefined : typeof substitutions === 'string' ? substitutions : [...substitutions];
    // Keys are often built at run time (`kpi_${id}`), so look them up as plain strings.
    const i18n = browser.i18n as unknown as { getMessage(name: string, subs?: string | string[]): string };
    message = i18n.getMessage(key, subs);
  } catch {
    message = '';
  }
  return message === '' ? key : message;
};

/** The browser UI language as a BCP 47 tag (e.g. "en-US", "ru"); "en" when it cannot be read. */
export function uiLocale(): string {
  try {
    const language = browser.i18n.getUILanguage();
    return language ? language.replace('_', '-') : 'en';
  } catch {
    return 'en';
  }
}
