import { repKey, type TeamWeek } from './week';

/** Where a stored week came from: the file and when it was dropped. */
export interface ImportedWeek {
  week: TeamWeek;
  file: string;
  /** Epoch ms of the drop. */
  importedAt: number;
}

const slot = (week: TeamWeek): string => `${repKey(week.rep)}|${week.week}`;

/**
 * Stored weeks with a newly read file laid over them: a week of the same rep replaces the stored
 * one (never added to it), every other rep and week stays. Pure; the caller stores the result
 * only when the whole file was read.
 */
export function mergeImported(stored: readonly ImportedWeek[], incoming: readonly TeamWeek[], file: string, importedAt: number): ImportedWeek[] {
  const bySlot = new Map<string, ImportedWeek>();
  for (const entry of stored) bySlot.set(slot(entry.week), entry);
  for (const week of incoming) bySlot.set(slot(week), { week, file, importedAt });
  return [...bySlot.values()].sort((a, b) => a.week.rep.localeCompare(b.week.rep) || a.week.week.localeCompare(b.week.week));
}

/**
 * The weeks the team page adds up: every server week, and imported weeks only for a rep and week
 * the server does not have, so a rep who both syncs and sends files is never counted twice.
 */
export function combineSources(server: readonly TeamWeek[], imported: readonly ImportedWeek[]): TeamWeek[] {
  const onServer = new Set(server.map(slot));
  return [...server, ...imported.map((entry) => entry.week).filter((week) => !onServer.has(slot(week)))];
}
