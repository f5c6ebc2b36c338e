import { FILE_DEVICE, repKey, teamWeekFromRow, type TeamWeek } from '../week';
import type { WeeklyRow } from '../../export/schema';
import { readWeeklyCsv } from './csv-reader';
import { readWeeklyJson } from './json-reader';
import { TeamImportError } from './errors';

export { TeamImportError, type TeamImportProblem } from './errors';

/**
 * The weeks of one dropped file, JSON or CSV (told apart by content, not by name: a renamed file
 * still reads). Throws TeamImportError when any part of it does not validate.
 */
export function readTeamFile(text: string): TeamWeek[] {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body === '') throw new TeamImportError('empty');
  const rows: WeeklyRow[] = body.startsWith('{') ? readWeeklyJson(text) : body.startsWith('rep,') ? readWeeklyCsv(text) : unknownFormat();
  if (rows.length === 0) throw new TeamImportError('empty');
  const seen = new Set<string>();
  return rows.map((row, index) => {
    if (row.rep.trim() === '') throw new TeamImportError('no-rep-name', { row: index + 1 });
    const key = `${repKey(row.rep)}|${row.week}`;
    // Two rows for one rep and week would make "which one counts" a guess.
    if (seen.has(key)) throw new TeamImportError('duplicate-week', { row: index + 1 });
    seen.add(key);
    return teamWeekFromRow(row, FILE_DEVICE);
  });
}

function unknownFormat(): never {
  throw new TeamImportError('unknown-format');
}
