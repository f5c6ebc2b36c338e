import Papa from 'papaparse';
import type { WeeklyRow } from '@/lib/export/schema';
import { WEEKLY_CSV_COLUMNS } from '@/lib/team/import/csv-reader';

/** A weekly CSV as KPI Pacer 0.1 exported it (BOM, CRLF, one row per week), for the team page's tests. */
export function weeklyCsv(rows: readonly WeeklyRow[]): string {
  const cell = (value: string | number | null, column: keyof WeeklyRow) => {
    if (value === null) return '';
    if (typeof value === 'number') return column === 'revenue' ? value.toFixed(2) : String(value);
    return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  };
  const data = rows.map((row) => WEEKLY_CSV_COLUMNS.map((column) => cell(row[column], column)));
  const body = Papa.unparse({ fields: [...WEEKLY_CSV_COLUMNS], data }, { newline: '\r\n', escapeFormulae: false });
  return `\uFEFF${body.replace(/\r\n$/, '')}\r\n`;
}
