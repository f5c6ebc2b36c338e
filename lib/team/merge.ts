import { repKey, type TeamMonth, type TeamWeek } from './week';

/** Where a stored week came from: the file and when it was dropped. */
export interface ImportedWeek {
  week: TeamWeek;
  file: string;
  /** Epoch ms of the drop. */
  importedAt: number;
}

/** Where a stored month came from. */
export interface ImportedMonth {
  month: TeamMonth;
  file: string;
  importedAt: number;
}

const slot = (week: TeamWeek): string => `${repKey(week.rep)}|${week.week}`;
const monthSlot = (month: Pick<TeamMonth, 'rep' | 'month'>): string => `${repKey(month.rep)}|${month.month}`;

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

const MONTH_FIGURES = ['ecustomers', 'devices', 'visitors', 'revenue'] as const;

/**
 * Stored months with a file's months laid over them, figure by figure: what the file gives for a
 * rep's month replaces the stored figure (a month total, never added to), and what it leaves
 * null (a month outside its weeks) keeps the stored one.
 */
export function mergeImportedMonths(stored: readonly ImportedMonth[], incoming: readonly TeamMonth[], file: string, importedAt: number): ImportedMonth[] {
  const bySlot = new Map<string, ImportedMonth>();
  for (const entry of stored) bySlot.set(monthSlot(entry.month), entry);
  for (const month of incoming) {
    const before = bySlot.get(monthSlot(month))?.month;
    const merged: TeamMonth = { ...month };
    if (before && before.currency === month.currency) {
      for (const figure of MONTH_FIGURES) if (merged[figure] === null) merged[figure] = before[figure];
      if (month.revenue === null) merged.revenueOther = before.revenueOther;
    }
    bySlot.set(monthSlot(month), { month: merged, file, importedAt });
  }
  return [...bySlot.values()].sort((a, b) => a.month.rep.localeCompare(b.month.rep) || a.month.month.localeCompare(b.month.month));
}

/**
 * The weeks the team page adds up: every server week, and imported weeks only for a rep and week
 * the server does not have, so a rep who both syncs and sends files is never counted twice.
 */
export function combineSources(server: readonly TeamWeek[], imported: readonly ImportedWeek[]): TeamWeek[] {
  const onServer = new Set(server.map(slot));
  return [...server, ...imported.map((entry) => entry.week).filter((week) => !onServer.has(slot(week)))];
}

/**
 * The imported months the team page uses: only for a rep and month the server has no week of,
 * as with weeks (the server's weeks hold every browser of the rep, a file only one).
 */
export function combineMonths(server: readonly TeamWeek[], imported: readonly ImportedMonth[]): TeamMonth[] {
  const onServer = new Set(server.map((week) => monthSlot(week)));
  return imported.map((entry) => entry.month).filter((month) => !onServer.has(monthSlot(month)));
}
