import type { KpiDatabase } from '../db/database';

/**
 * "Not a new record": the event is removed and its key remembered, so the same record reported
 * again (a later edit, a re-render, another signal) never counts. Both happen in one transaction.
 * Returns whether an event was removed.
 */
export async function markNotNewRecord(database: KpiDatabase, key: string, at: number): Promise<boolean> {
  return database.transaction('rw', database.events, database.blocked, async () => {
    const existing = await database.events.get(key);
    await database.blocked.put({ key, at });
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

/** Lets a blocked key count again. */
export async function unblockKey(database: KpiDatabase, key: string): Promise<void> {
  await database.blocked.delete(key);
}
