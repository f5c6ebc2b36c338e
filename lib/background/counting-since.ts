import type { KpiDatabase } from '@/lib/db';
import { loadSettings, saveSettings } from '@/lib/db/settings';
import { localDateOf } from '@/lib/kpi/periods';
import type { Settings } from '@/lib/kpi/settings';
import { isStorageFull } from './parked';

/**
 * Makes sure the rep's counting start is stored: on install it is today; a profile from a version
 * before pro-rating gets the day of its first counted record, so nothing already counted falls
 * before it. Returns the date in force.
 */
export async function ensureCountingSince(database: KpiDatabase, now: number): Promise<string> {
  return (await settingsCountingSince(database, now)).countingSince!;
}

/** The rep's settings with their counting start stored (see ensureCountingSince): one read when it is. */
export async function settingsCountingSince(database: KpiDatabase, now: number): Promise<Settings> {
  const settings = await loadSettings(database);
  if (settings.countingSince !== undefined) return settings;
  const first = await database.events.orderBy('at').first();
  const withSince = { ...settings, countingSince: localDateOf(Math.min(now, first?.at ?? now), settings.timeZone) };
  // With no room left to store it, the date still holds for this view; it is stored next time.
  await saveSettings(database, withSince).catch((err: unknown) => {
    if (!isStorageFull(err)) throw err;
  });
  return withSince;
}
