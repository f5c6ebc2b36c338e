import Papa from 'papaparse';
import { WEEKLY_COLUMNS, WeeklyRowSchema, type WeeklyRow } from '../../export/schema';
import { MAX_IMPORT_CHARS, TeamImportError } from './errors';

/**
 * Rows of the weekly CSV as the export writes it today (lib/export/csv.ts): a UTF-8 BOM, the
 * header in WEEKLY_COLUMNS order, one row per week. Kept apart from the JSON reader so it can
 * follow the CSV format on its own when that changes.
 */
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
  if (!header || header.length !== WEEKLY_COLUMNS.length || header.some((name, i) => name.trim() !== WEEKLY_COLUMNS[i])) {
    throw new TeamImportError('wrong-columns');
  }
  if (parsed.errors.length > 0) throw new TeamImportError('invalid-value', { row: (parsed.errors[0]!.row ?? 0) + 1 });
  return lines.map((cells, index) => {
    const row = index + 1;
    if (cells.length !== WEEKLY_COLUMNS.length) throw new TeamImportError('invalid-value', { row });
    const record = Object.fromEntries(WEEKLY_COLUMNS.map((column, i) => [column, cellValue(column, cells[i] ?? '')]));
    const result = WeeklyRowSchema.safeParse(record);
    if (!result.success) {
      const column = result.error.issues[0]?.path[0];
      throw new TeamImportError('invalid-value', { row, ...(column !== undefined && { column: String(column) }) });
    }
    return result.data;
  });
}
