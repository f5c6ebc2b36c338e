import Papa from 'papaparse';
import { WeeklyRowSchema, type WeeklyRow } from '@/lib/export/schema';
import { MAX_IMPORT_CHARS, TeamImportError } from './errors';

/**
 * Rows of the one-row-per-week CSV that KPI Pacer 0.1 exported (managers keep those files): a UTF-8
 * BOM, a header with the weekly row's fields in schema order, one row per week. Today's CSV export
 * is the spreadsheet report, read by report-csv-reader.ts. Kept apart from the JSON reader so the
 * formats can change on their own.
 */
export const WEEKLY_CSV_COLUMNS = Object.keys(WeeklyRowSchema.shape) as (keyof WeeklyRow)[];

// Numeric columns are those whose schema takes a number; the row schema stays the one source.
const NUMBER_COLUMNS: ReadonlySet<string> = new Set(
  Object.entries(WeeklyRowSchema.shape)
    .filter(([, schema]) => schema.safeParse(1).success)
    .map(([column]) => column),
);
const NULLABLE_COLUMNS: ReadonlySet<string> = new Set(['visitors_month']);

/** The export prefixes text that would start a formula with a quote; this takes it off again. */
function textCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function cellValue(column: string, raw: string): string | number | null {
  if (NULLABLE_COLUMNS.has(column) && raw === '') return null;
  if (NUMBER_COLUMNS.has(column)) {
    // Only plain decimal numbers: "1e3", "0x10" or an empty cell are not what the export writes.
    return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  }
  return textCell(raw);
}

export function readWeeklyCsv(text: string): WeeklyRow[] {
  if (text.length > MAX_IMPORT_CHARS) throw new TeamImportError('too-large');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...lines] = parsed.data;
  if (!header || header.length !== WEEKLY_CSV_COLUMNS.length || header.some((name, i) => name.trim() !== WEEKLY_CSV_COLUMNS[i])) {
    throw new TeamImportError('wrong-columns');
  }
  if (parsed.errors.length > 0) throw new TeamImportError('invalid-value', { row: (parsed.errors[0]!.row ?? 0) + 1 });
  return lines.map((cells, index) => {
    const row = index + 1;
    if (cells.length !== WEEKLY_CSV_COLUMNS.length) throw new TeamImportError('invalid-value', { row });
    const record = Object.fromEntries(WEEKLY_CSV_COLUMNS.map((column, i) => [column, cellValue(column, cells[i] ?? '')]));
    const result = WeeklyRowSchema.safeParse(record);
    if (!result.success) {
      const column = result.error.issues[0]?.path[0];
      throw new TeamImportError('invalid-value', { row, ...(column !== undefined && { column: String(column) }) });
    }
    return result.data;
  });
}
