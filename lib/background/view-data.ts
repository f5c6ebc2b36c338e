import { recentEvents, visitorsForMonth, type KpiDatabase } from '@/lib/db';
import { loadSettings } from '@/lib/db/settings';
import { periodRange } from '@/lib/kpi/periods';
import type { Settings } from '@/lib/kpi/settings';
import type { ViewData } from '@/lib/view/view-data';
import { loadSnapshot } from './snapshot';
import { listParked } from './parked';

/** The largest number of recent events a view may ask for. */
export const VIEW_RECENT_MAX = 20;

/** Reads the snapshot and what goes with it; `settings` saves a read when the caller has them. */
export async function loadViewData(database: KpiDatabase, now: number, recent: number, settings?: Settings): Promise<ViewData> {
  const rep = settings ?? (await loadSettings(database));
  const month = periodRange('month', now, { timeZone: rep.timeZone, weekStart: rep.weekStart });
  const [snapshot, visitorsThisMonth, events, waiting] = await Promise.all([
    loadSnapshot(database, now, rep),
    visitorsForMonth(database, month.label),
    recentEvents(database, { limit: Math.min(Math.max(recent, 1), VIEW_RECENT_MAX) }),
    listParked('storage-full').then((parked) => parked.length, () => 0),
  ]);
  return {
    snapshot,
    timeZone: rep.timeZone,
    weekStart: rep.weekStart,
    currency: rep.currency,
    repName: rep.repName,
    month: { key: month.label, start: month.start, end: month.end },
    ...(visitorsThisMonth !== undefined && { visitorsThisMonth }),
    recent: events,
    ...(waiting > 0 && { waiting }),
  };
}
