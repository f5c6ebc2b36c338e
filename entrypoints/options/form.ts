import type { z } from 'zod';
import { SettingsSchema, type Settings } from '../../lib/kpi/settings';

/** Zod issues keyed by their field path (`teamSize`, `targets.contacts.target`). */
export function fieldErrors(error: z.ZodError | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Checks a settings draft the way the background will: the same schema on both sides. */
export function checkSettings(draft: unknown): { settings?: Settings; errors: Record<string, string> } {
  const result = SettingsSchema.safeParse(draft);
  return result.success ? { settings: result.data, errors: {} } : { errors: fieldErrors(result.error) };
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
