import { FILE_DEVICE, repKey, teamMonthFromRow, teamWeekFromRow, type TeamMonth, type TeamWeek } from '@/lib/team/week';
import { readWeeklyCsv } from './csv-reader';
import { readWeeklyJson } from './json-reader';
import { isReportCsv, readReportCsv } from './report-csv-reader';
import { TeamImportError } from './errors';

export { TeamImportError, type TeamImportProblem } from './errors';

/** What one file gives the team page: weeks, and calendar months where the file has them. */
export interface TeamFile {
  weeks: TeamWeek[];
  months: TeamMonth[];
}

function readAnyFormat(text: string, body: string): TeamFile {
  if (body.startsWith('{')) {
    const file = readWeeklyJson(text);
    return {
      weeks: file.weeks.map((row) => teamWeekFromRow(row, FILE_DEVICE)),
      months: (file.months ?? []).map((row) => teamMonthFromRow(row, file.rep, file.currency, FILE_DEVICE)),
    };
  }
  // The one-row-per-week CSV of version 0.1, which managers may still have.
  if (body.startsWith('rep,')) return { weeks: readWeeklyCsv(text).map((row) => teamWeekFromRow(row, FILE_DEVICE)), months: [] };
  if (isReportCsv(body)) return readReportCsv(text);
  throw new TeamImportError('unknown-format');
}

/**
 * The weeks and months of one dropped file: the JSON export, the CSV report or the weekly CSV of
 * version 0.1 (told apart by content, not by name: a renamed file still reads). Throws
 * TeamImportError when any part of it does not validate.
 */
export function readTeamFile(text: string): TeamFile {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body === '') throw new TeamImportError('empty');
  const file = readAnyFormat(text, body);
  if (file.weeks.length === 0) throw new TeamImportError('empty');
  const seen = new Set<string>();
  file.weeks.forEach((week, index) => {
    if (week.rep.trim() === '') throw new TeamImportError('no-rep-name', { row: index + 1 });
    const key = `${repKey(week.rep)}|${week.week}`;
    // Two rows for one rep and week would make "which one counts" a guess.
    if (seen.has(key)) throw new TeamImportError('duplicate-week', { row: index + 1 });
    seen.add(key);
  });
  if (file.months.some((month) => month.rep.trim() === '')) throw new TeamImportError('no-rep-name');
  const months = new Set(file.months.map((month) => `${repKey(month.rep)}|${month.month}`));
  if (months.size !== file.months.length) throw new TeamImportError('duplicate-week');
  return file;
}
