import { defaultSettings, parseSettings, type Settings } from '@/lib/kpi/settings';
import type { KpiDatabase } from './database';
import { getKv, setKv } from './queries';

export const SETTINGS_KEY = 'settings';

/**
 * The rep's settings, defaults filled in. A stored value that no longer validates (an older
 * version, a hand-edited profile) falls back to defaults field by field rather than failing.
 */
export async function loadSettings(database: KpiDatabase): Promise<Settings> {
  return settingsFromStored(await getKv<unknown>(database, SETTINGS_KEY));
}

/** Settings from what the kv table holds under SETTINGS_KEY, as loadSettings reads them. */
export function settingsFromStored(stored: unknown): Settings {
  if (stored === undefined) return defaultSettings();
  try {
    return parseSettings(stored);
  } catch {
    return mergeValidFields(stored);
  }
}

/** Validates before writing: invalid settings are refused with the zod error and nothing is stored. */
export async function saveSettings(database: KpiDatabase, settings: unknown): Promise<Settings> {
  const valid = parseSettings(settings);
  await setKv(database, SETTINGS_KEY, valid);
  return valid;
}

function mergeValidFields(stored: unknown): Settings {
  const base: Record<string, unknown> = { ...defaultSettings() };
  if (stored && typeof stored === 'object') {
    for (const [field, value] of Object.entries(stored)) {
      if (!Object.hasOwn(base, field)) continue;
      try {
        parseSettings({ ...base, [field]: value });
        base[field] = value;
      } catch {
        // keep the default for this field
      }
    }
  }
  return parseSettings(base);
}
