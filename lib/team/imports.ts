import { mergeImported, mergeImportedMonths, type ImportedMonth, type ImportedWeek } from './merge';
import { readTeamFile, TeamImportError, type TeamImportProblem } from './import/read-file';
import { repKey } from './week';

export interface DroppedFile {
  name: string;
  text: string;
}

export type FileOutcome =
  | { file: string; ok: true; reps: string[]; weeks: number; replaced: number }
  | { file: string; ok: false; problem: TeamImportProblem; row?: number; column?: string };

/** Everything the dropped files gave: weeks, and calendar months where a file has them. */
export interface TeamImports {
  weeks: ImportedWeek[];
  months: ImportedMonth[];
}

/**
 * Lays dropped files over the stored weeks and months, one file at a time. A file is taken whole
 * or not at all: one that does not validate is refused with its reason and leaves the stored
 * figures as they were; the others still go in. Pure: the caller stores `stored`.
 */
export function importTeamFiles(stored: TeamImports, files: readonly DroppedFile[], importedAt: number): { stored: TeamImports; outcomes: FileOutcome[] } {
  let current: TeamImports = { weeks: [...stored.weeks], months: [...stored.months] };
  const outcomes = files.map((file): FileOutcome => {
    try {
      const { weeks, months } = readTeamFile(file.text);
      const before = new Set(current.weeks.map((entry) => `${repKey(entry.week.rep)}|${entry.week.week}`));
      const replaced = weeks.filter((week) => before.has(`${repKey(week.rep)}|${week.week}`)).length;
      current = {
        weeks: mergeImported(current.weeks, weeks, file.name, importedAt),
        months: mergeImportedMonths(current.months, months, file.name, importedAt),
      };
      return { file: file.name, ok: true, reps: [...new Set(weeks.map((w) => w.rep))], weeks: weeks.length, replaced };
    } catch (err) {
      if (err instanceof TeamImportError) return { file: file.name, ok: false, problem: err.problem, ...err.detail };
      return { file: file.name, ok: false, problem: 'unknown-format' };
    }
  });
  return { stored: current, outcomes };
}
