import type { z } from 'zod';
import { t as browserT, uiLocale, type Translate } from '@/lib/i18n/messages';
import { explainIssues } from '@/lib/i18n/validation';
import { SettingsSchema, type Settings } from '@/lib/kpi/settings';

/** How a form says what is wrong: the rep's language and number format. */
export interface ErrorWording {
  t: Translate;
  locale: string;
}

/** Zod issues in plain words, keyed by their field path (`teamSize`, `targets.contacts.target`). */
export function fieldErrors(error: z.ZodError | undefined, wording: ErrorWording = { t: browserT, locale: uiLocale() }): Record<string, string> {
  return explainIssues(error?.issues ?? [], wording.t, wording.locale);
}

/** Checks a settings draft the way the background will: the same schema on both sides. */
export function checkSettings(draft: unknown, wording?: ErrorWording): { settings?: Settings; errors: Record<string, string> } {
  const result = SettingsSchema.safeParse(draft);
  return result.success ? { settings: result.data, errors: {} } : { errors: fieldErrors(result.error, wording) };
}

/** Day names in the page's language, Sunday = 0 as in the settings. */
export function weekdayNames(locale: string, width: 'long' | 'short' = 'long'): string[] {
  // 7 January 2024 was a Sunday.
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, day) => format.format(Date.UTC(2024, 0, 7 + day)));
}

/** Days listed from the rep's week start, so Monday-first weeks read Monday…Sunday. */
export function daysFrom(weekStart: number): number[] {
  return Array.from({ length: 7 }, (_, i) => (weekStart + i) % 7);
}

export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'JPY', 'INR', 'RUB'];

export function timeZoneList(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}
