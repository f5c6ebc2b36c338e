import Papa from 'papaparse';
import { WEEKLY_COLUMNS, type WeeklyRow } from './schema';

/** Lets spreadsheet apps detect UTF-8 (Cyrillic names would be garbled in Excel without it). */
export const UTF8_BOM = '\uFEFF';

/** Cells a spreadsheet would run as a formula (or that hide one behind a tab or carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that would start a formula gets a leading quote, which spreadsheets show as plain text. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Text that would start a formula gets a leading quote; numbers are data and stay as they are. */
function cellText(value: string | number | null, column: keyof WeeklyRow): string {
  if (value === null) return '';
  if (typeof value === 'number') return column === 'revenue' ? value.toFixed(2) : String(value);
  return guardFormula(value);
}

/** RFC 4180 CSV of weekly rows (CRLF line ends, UTF-8 BOM), header first, every line ending in CRLF. */
export function toCsv(rows: readonly WeeklyRow[]): string {
  const data = rows.map((row) => WEEKLY_COLUMNS.map((column) => cellText(row[column], column)));
  // Neutralising happens above, per cell type; papaparse's own escapeFormulae would not know a
  // number written as "-5" from a formula.
  const body = Papa.unparse({ fields: [...WEEKLY_COLUMNS], data }, { newline: '\r\n', escapeFormulae: false });
  // papaparse ends a header-only file with a line break but not one with rows; end both the same way.
  return `${UTF8_BOM}${body.replace(/\r\n$/, '')}\r\n`;
}
