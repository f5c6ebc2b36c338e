import type { KpiDatabase } from '@/lib/db';
import { loadSettings, saveSettings } from '@/lib/db/settings';
import { localDateOf } from '@/lib/kpi/periods';
import { isStorageFull } from './parked';

/**
 * Makes sure the rep's counting start is stored: on install it is today; a profile from a version
 * before pro-rating gets the day of its first counted record, so nothing already counted falls
 * before it. Returns the date in force.
 */
export async function ensureCountingSince(database: KpiDatabase, now: number): Promise<string> {
  const settings = await loadSettings(database);
  if (settings.countingSince !== undefined) return settings.countingSince;
  const first = await database.events.orderBy('at').first();
  const since = localDateOf(Math.min(now, first?.at ?? now), settings.timeZone);
  // With no room left to store it, the date still holds for this view; it is stored next time.
  await saveSettings(database, { ...settings, countingSince: since }).catch((err: unknown) => {
    if (!isStorageFull(err)) throw err;
  });
  return since;
}
