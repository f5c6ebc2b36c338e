import type { Table } from 'dexie';
import type { KpiDatabase } from './database';
import { dayOf, daySumsOf, DAY_SUMS_ZONE_KEY, type DaySums, type DaySumsRow, type DaySumsZone } from './day-sums';
import type { CountEvent } from './events';

/**
 * The day sums of the local days of [from, to) in the time zone, oldest first. When they are kept
 * for another time zone (the rep changed it) or not kept at all, they are first built again from
 * the events, so the answer is always what counting the events would give.
 */
export async function daySumsIn(database: KpiDatabase, timeZone: string, from: number, to: number): Promise<DaySums[]> {
  if (!(to > from)) return [];
  const first = dayOf(from, timeZone);
  const last = dayOf(to - 1, timeZone);
  const read = () => database.daySums.where('day').between(first, last, true, true).toArray() as Promise<DaySums[]>;
  const kept = await database.transaction('r', database.daySums, async () =>
    (await keptZone(database.daySums)) === timeZone ? read() : undefined,
  );
  if (kept) return kept;
  return database.transaction('rw', database.events, database.daySums, async () => {
    // Another reader may have built them meanwhile.
    if ((await keptZone(database.daySums)) !== timeZone) await buildDaySums(database.events, database.daySums, timeZone);
    return read();
  });
}

async function keptZone(daySums: Table): Promise<string | undefined> {
  return ((await daySums.get(DAY_SUMS_ZONE_KEY)) as DaySumsZone | undefined)?.timeZone;
}

/** Replaces the day sums by those of every event in the time zone; run inside a write transaction on both tables. */
export async function buildDaySums(events: Table, daySums: Table, timeZone: string): Promise<void> {
  await daySums.clear();
  const zone: DaySumsZone = { day: DAY_SUMS_ZONE_KEY, timeZone };
  const rows: DaySumsRow[] = [...daySumsOf((await events.toArray()) as CountEvent[], timeZone), zone];
  await daySums.bulkPut(rows);
}
