import { WEEKLY_EXPORT_SCHEMA_ID, WeeklyExportSchema, type WeeklyExport } from '@/lib/export/schema';
import { MAX_IMPORT_CHARS, TeamImportError } from './errors';

/**
 * A JSON weekly export (`kpi-pacer/weekly`): its weeks, and its calendar months when it has them. Throws TeamImportError naming the first
 * row and field that does not validate; nothing is accepted from a file with any bad part.
 */
export function readWeeklyJson(text: string): WeeklyExport {
  if (text.length > MAX_IMPORT_CHARS) throw new TeamImportError('too-large');
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new TeamImportError('not-json');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { schema?: unknown }).schema !== WEEKLY_EXPORT_SCHEMA_ID) {
    throw new TeamImportError('not-an-export');
  }
  const result = WeeklyExportSchema.safeParse(raw);
  if (!result.success) {
    const path = result.error.issues[0]?.path ?? [];
    const rowIndex = path[0] === 'weeks' && typeof path[1] === 'number' ? path[1] : undefined;
    const column = rowIndex !== undefined ? path[2] : path[0];
    throw new TeamImportError('invalid-value', {
      ...(rowIndex !== undefined && { row: rowIndex + 1 }),
      ...(column !== undefined && { column: String(column) }),
    });
  }
  return result.data;
}
