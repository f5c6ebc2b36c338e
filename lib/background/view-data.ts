import { recentEvents, visitorsForMonth, type CountEvent, type KpiDatabase } from '../db';
import { loadSettings } from '../db/settings';
import { periodRange } from '../kpi/periods';
import type { Settings } from '../kpi/settings';
import type { Snapshot } from '../kpi/snapshot-types';
import { loadSnapshot } from './snapshot';
import { listParked } from './parked';

/**
 * Everything the popup and the sidebar need for their first paint, in one answer: the pages then
 * need neither the database nor the calendar code to show the six KPIs.
 */
export interface ViewData {
  snapshot: Snapshot;
  /** The settings a view formats and exports with. */
  timeZone: string;
  /** JS day number the rep's week starts on. */
  weekStart: number;
  currency: string;
  repName: string;
  /** The calendar month of "now" in the rep's time zone, for the visitors figure. */
  month: { key: string; start: number; end: number };
  /** The visitors figure entered for that month, if any. */
  visitorsThisMonth?: number;
  /** The last counted events, newest first. */
  recent: CountEvent[];
  /** Counts kept aside because the browser's storage is full; written as soon as there is room. */
  waiting?: number;
}

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
