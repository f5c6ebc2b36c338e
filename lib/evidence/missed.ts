import { z } from 'zod';
import type { KpiDatabase } from '@/lib/db/database';
import { getKv, setKv } from '@/lib/db/queries';

/**
 * Misses a rep can see: a page on a granted site saved something that looked like a create (a
 * request answered with a new id, or a create form followed by a record page) and no rule counted
 * it. Only the site, the path with its ids replaced by {id}, the kind of signal and the time are
 * kept; never a body, a query string or page text.
 */
const KEY = 'missed-saves';
const MAX_NOTES = 30;

export const MissedSaveSchema = z.object({
  site: z.string().max(300),
  /** e.g. /api/printers/{id} */
  path: z.string().max(300),
  signal: z.enum(['request', 'route']),
  /** Epoch milliseconds of the last time it was seen. */
  at: z.number().int().nonnegative(),
  count: z.number().int().positive(),
});
export type MissedSave = z.infer<typeof MissedSaveSchema>;

/** Path segments that carry an id: numbers, UUIDs, long hex or mixed letter-digit tokens. */
const ID_SEGMENT = /^(?:\d+|[0-9a-f]{8}-[0-9a-f-]{27,}|[0-9a-f]{16,}|(?=[\w-]*\d)[\w-]{12,})$/i;

/** The path with ids replaced by {id}; query and fragment dropped. */
export function pathPattern(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  return bare
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
    .join('/')
    .slice(0, 300);
}

export async function loadMissedSaves(database: KpiDatabase): Promise<MissedSave[]> {
  const parsed = z.array(MissedSaveSchema).safeParse(await getKv(database, KEY));
  return parsed.success ? parsed.data : [];
}

/** Keeps one note per site, path pattern and signal, newest first, at most MAX_NOTES. */
export async function noteMissedSave(
  database: KpiDatabase,
  note: { site: string; path: string; signal: MissedSave['signal'] },
  at: number,
): Promise<MissedSave> {
  const path = pathPattern(note.path);
  return database.transaction('rw', database.kv, async () => {
    const notes = await loadMissedSaves(database);
    const same = (n: MissedSave) => n.site === note.site && n.path === path && n.signal === note.signal;
    const previous = notes.find(same);
    const saved: MissedSave = { site: note.site, path, signal: note.signal, at, count: (previous?.count ?? 0) + 1 };
    await setKv(database, KEY, [saved, ...notes.filter((n) => !same(n))].slice(0, MAX_NOTES));
    return saved;
  });
}

/** Notes from one site since a time (the sidebar's quiet hint). */
export function missedOnSite(notes: readonly MissedSave[], site: string, since: number): MissedSave[] {
  return notes.filter((n) => n.site === site && n.at >= since);
}

export async function clearMissedSaves(database: KpiDatabase): Promise<void> {
  await setKv(database, KEY, []);
}
