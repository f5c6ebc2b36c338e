import { recentEvents, visitorsForMonth, type CountEvent, type KpiDatabase } from '@/lib/db';
import { amountsFromCents } from '@/lib/db/period-sums';
import { loadSettings } from '@/lib/db/settings';
import { computeSnapshot, snapshotQueries, type KpiId, type Snapshot } from '@/lib/kpi';
import { periodRange } from '@/lib/kpi/periods';
import type { Settings } from '@/lib/kpi/settings';
import type { ViewData } from '@/lib/view/view-data';
import { readSnapshotInput } from './snapshot';
import { listParked } from './parked';

/** The largest number of recent events a view may ask for. */
export const VIEW_RECENT_MAX = 20;

/** Reads the snapshot and what goes with it; `settings` saves a read when the caller has them. */
export async function loadViewData(database: KpiDatabase, now: number, recent: number, settings?: Settings): Promise<ViewData> {
  return (await loadLiveView(database, now, recent, settings)).view;
}

/**
 * The view data the background last built, with what it was built from: the background moves it
 * by each write it makes instead of reading the database again (see viewAfterStored).
 */
export interface LiveView {
  view: ViewData;
  settings: Settings;
  /** How many recent events the view lists. */
  recent: number;
  /** The visitors figure the snapshot judged, and the months it was entered for. */
  visitors: { months: string; value: number | undefined };
}

export async function loadLiveView(database: KpiDatabase, now: number, recent: number, settings?: Settings): Promise<LiveView> {
  const rep = settings ?? (await loadSettings(database));
  const month = periodRange('month', now, { timeZone: rep.timeZone, weekStart: rep.weekStart });
  const limit = Math.min(Math.max(recent, 1), VIEW_RECENT_MAX);
  const [input, visitorsThisMonth, events, waiting] = await Promise.all([
    readSnapshotInput(database, now, rep),
    visitorsForMonth(database, month.label),
    recentEvents(database, { limit }),
    listParked('storage-full').then((parked) => parked.length, () => 0),
  ]);
  return {
    view: {
      snapshot: computeSnapshot(input),
      timeZone: rep.timeZone,
      weekStart: rep.weekStart,
      currency: rep.currency,
      repName: rep.repName,
      month: { key: month.label, start: month.start, end: month.end },
      ...(visitorsThisMonth !== undefined && { visitorsThisMonth }),
      recent: events,
      ...(waiting > 0 && { waiting }),
    },
    settings: rep,
    recent: limit,
    visitors: { months: visitorMonths(snapshotQueries(rep, now)), value: input.visitors },
  };
}

/**
 * The view after the background stored `stored` (and nothing else changed), built from what the
 * database keeps current in memory (its period sums) without a read: the badge and the open views
 * follow a create within a message round trip or two. Undefined when that cannot be told exactly
 * (a period or month turned over, or a sum is not kept): the caller then reads it all again.
 */
export function viewAfterStored(database: KpiDatabase, live: LiveView, stored: readonly CountEvent[], now: number): LiveView | undefined {
  const { settings, view } = live;
  if (now < view.month.start || now >= view.month.end) return undefined;
  const queries = snapshotQueries(settings, now);
  if (visitorMonths(queries) !== live.visitors.months) return undefined;
  const counts: Partial<Record<KpiId, number>> = {};
  let revenue: { currency: string; amount: number }[] = [];
  for (const query of queries) {
    if (query.kpi === 'visitors') continue;
    if (query.kpi === 'revenue') {
      const cents = database.periodSums.revenue(query.from, query.to);
      if (!cents) return undefined;
      revenue = amountsFromCents(cents);
    } else {
      const count = database.periodSums.count(query.kpi, query.from, query.to);
      if (count === undefined) return undefined;
      counts[query.kpi] = count;
    }
  }
  const snapshot: Snapshot = computeSnapshot({ settings, now, counts, revenue, visitors: live.visitors.value });
  // Newest first, as the database lists them: by time, then by key.
  const recent = [...stored, ...view.recent.filter((e) => !stored.some((s) => s.key === e.key))]
    .sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
    .slice(0, live.recent);
  return { ...live, view: { ...view, snapshot, recent } };
}

/** Which months' visitors figures the snapshot's queries judge. */
function visitorMonths(queries: ReturnType<typeof snapshotQueries>): string {
  return (queries.find((q) => q.kpi === 'visitors')?.months ?? []).join(',');
}
