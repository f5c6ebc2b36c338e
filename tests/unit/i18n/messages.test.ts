import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { t, uiLocale } from '@/lib/i18n/messages';
import { getMessageFrom, readMessages } from './locale-messages';

function useLocale(locale: 'en' | 'ru', uiLanguage: string = locale) {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(getMessageFrom(readMessages(locale)) as never);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(uiLanguage);
}

afterEach(() => vi.restoreAllMocks());

describe('t', () => {
  it('returns the English and Russian strings, with substitutions', () => {
    useLocale('en');
    expect(t('kpi_contacts')).toBe('New contacts with email');
    expect(t('popup_ofTarget', '5')).toBe('of 5');
    expect(t('popup_progressLabel', ['Contacts', '3', '5', '2.4'])).toBe('Contacts: 3 of 5, expected by now 2.4');
    expect(t('format_quarter', ['4', '2026'])).toBe('Q4 2026');

    vi.restoreAllMocks();
    useLocale('ru');
    expect(t('kpi_contacts')).toBe('Новые контакты с email');
    expect(t('popup_ofTarget', '5')).toBe('из 5');
    expect(t('format_quarter', ['4', '2026'])).toBe('4 кв. 2026');
  });

  it('shows the key itself when a message is missing, so the gap is visible', () => {
    useLocale('en');
    expect(t('popup_noSuchMessage')).toBe('popup_noSuchMessage');
  });

  it('shows the key when the i18n API is not available at all', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(() => {
      throw new Error('no i18n here');
    });
    expect(t('kpi_contacts')).toBe('kpi_contacts');
  });
});

describe('uiLocale', () => {
  it('is the browser UI language as a BCP 47 tag', () => {
    useLocale('ru', 'ru');
    expect(uiLocale()).toBe('ru');
    vi.restoreAllMocks();
    useLocale('en', 'en_GB');
    expect(uiLocale()).toBe('en-GB');
  });

  it('falls back to English when the language cannot be read', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockImplementation(() => {
      throw new Error('unavailable');
    });
    expect(uiLocale()).toBe('en');
  });
});

describe('locale files', () => {
  const en = readMessages('en');
  const ru = readMessages('ru');

  it('have the same keys in English and Russian', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it('give each translation the same placeholders', () => {
    for (const [key, entry] of Object.entries(en)) {
      const placeholders = (m: typeof entry | undefined) => Object.keys(m?.placeholders ?? {}).sort();
      expect(placeholders(ru[key]), key).toEqual(placeholders(entry));
      // Every declared placeholder is used in the message, in both languages.
      for (const name of placeholders(entry)) {
        expect(entry.message.toLowerCase(), `${key} (en)`).toContain(`$${name}$`);
        expect(ru[key]!.message.toLowerCase(), `${key} (ru)`).toContain(`$${name}$`);
      }
    }
  });

  it('use lowerCamelCase keys with an area prefix', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[a-z][a-zA-Z0-9]*(_[a-z][a-zA-Z0-9]*)*$/);
  });

  it('speak of recommended targets, never of "the article"', () => {
    for (const [key, entry] of Object.entries(en)) expect(entry.message, key).not.toMatch(/\barticle/i);
    for (const [key, entry] of Object.entries(ru)) expect(entry.message, key).not.toMatch(/стать[яеиюё]/i);
  });
});
