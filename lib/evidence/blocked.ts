import type { KpiDatabase } from '@/lib/db/database';
import type { BlockedRow } from '@/lib/db/events';

/**
 * "Not a new record": the event is removed and its key remembered, so the same record reported
 * again (a later edit, a re-render, another signal) never counts. Both happen in one transaction.
 * Returns whether an event was removed.
 */
export async function markNotNewRecord(database: KpiDatabase, key: string, at: number): Promise<boolean> {
  return database.transaction('rw', database.events, database.blocked, async () => {
    const existing = await database.events.get(key);
    await database.blocked.put({ key, at, ...(existing && { event: existing }) });
    if (!existing) return false;
    await database.events.delete(key);
    return true;
  });
}

/** The keys among `keys` the rep has blocked. */
export async function blockedAmong(database: KpiDatabase, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await database.blocked.bulkGet([...keys]);
  return new Set(rows.flatMap((row) => (row ? [row.key] : [])));
}


/**
 * Reverses "not a new record": the key may count again and the count it removed comes back, as
 * it was (a key counted again since cannot be, since it was blocked; a put would not double it).
 * Returns the restored event, if there was one to restore.
 */
export async function restoreRecord(database: KpiDatabase, key: string): Promise<BlockedRow['event'] | undefined> {
  return database.transaction('rw', database.events, database.blocked, async () => {
    const row = await database.blocked.get(key);
    if (!row) return undefined;
    await database.blocked.delete(key);
    if (!row.event || (await database.events.get(key))) return undefined;
    await database.events.add(row.event);
    return row.event;
  });
}

/** The excluded records, newest first. */
export async function excludedRecords(database: KpiDatabase, limit = 500): Promise<BlockedRow[]> {
  const rows = await database.blocked.toArray();
  return rows.sort((a, b) => b.at - a.at).slice(0, limit);
}
