import { countBetween, revenueBetween, visitorsForMonth, type KpiDatabase } from '@/lib/db';
import { loadSettings } from '@/lib/db/settings';
import { computeSnapshot, snapshotQueries, type Settings, type Snapshot, type SnapshotInput, type KpiId } from '@/lib/kpi';

/** Reads what the current periods need, from indexes only, and computes the snapshot. */
export async function loadSnapshot(database: KpiDatabase, now: number, settings?: Settings): Promise<Snapshot> {
  return computeSnapshot(await readSnapshotInput(database, now, settings));
}

/** What the snapshot at `now` is computed from: counts, revenue and visitors of the current periods. */
export async function readSnapshotInput(database: KpiDatabase, now: number, settings?: Settings): Promise<SnapshotInput> {
  const rep = settings ?? (await loadSettings(database));
  const queries = snapshotQueries(rep, now);
  const counts: Partial<Record<KpiId, number>> = {};
  let revenue: { currency: string; amount: number }[] = [];
  let visitors: number | undefined;

  await Promise.all(
    queries.map(async (q) => {
      if (q.kpi === 'revenue') {
        revenue = await revenueBetween(database, q.from, q.to);
      } else if (q.kpi === 'visitors') {
        const figures = await Promise.all((q.months ?? []).map((m) => visitorsForMonth(database, m)));
        const entered = figures.filter((f): f is number => f !== undefined);
        visitors = entered.length ? entered.reduce((a, b) => a + b, 0) : undefined;
      } else {
        counts[q.kpi] = await countBetween(database, q.kpi, q.from, q.to);
      }
    }),
  );
  return { settings: rep, now, counts, revenue, visitors };
}
