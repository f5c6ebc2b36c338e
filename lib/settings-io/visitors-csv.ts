import Papa from 'papaparse';
import { MonthSchema } from '../db/events';

export interface VisitorsFigure {
  month: string;
  value: number;
}

export type VisitorsCsvResult = { ok: true; rows: VisitorsFigure[] } | { ok: false; errors: string[] };

const MAX_ROWS = 600;
const MAX_VISITORS = 1e9;

/** YYYY-MM, or a real day YYYY-MM-DD of that month (analytics exports often give the first day). */
export function monthOfCell(cell: string): string | undefined {
  const m = /^(\d{4}-\d{2})(?:-(\d{2}))?$/.exec(cell);
  if (!m || !MonthSchema.safeParse(m[1]).success) return undefined;
  if (m[2] !== undefined) {
    const [year, month] = (m[1] as string).split('-').map(Number) as [number, number];
    const day = Number(m[2]);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < 1 || day > daysInMonth) return undefined;
  }
  return m[1];
}

/**
 * Reads a CSV with `month` and `visitors` columns (header names in any case, comma or semicolon).
 * Months may be YYYY-MM or YYYY-MM-DD (analytics exports often give the month's first day); a
 * month after `currentMonth` (the rep's month now, YYYY-MM) has no figure yet and is refused.
 * Any bad row refuses the whole file, naming the line, so nothing is half imported.
 */
export function parseVisitorsCsv(text: string, currentMonth: string): VisitorsCsvResult {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('month') || !fields.includes('visitors')) {
    return { ok: false, errors: ['the file needs a "month" and a "visitors" column'] };
  }
  if (parsed.data.length > MAX_ROWS) return { ok: false, errors: [`more than ${MAX_ROWS} rows`] };
  const errors: string[] = [];
  const byMonth = new Map<string, number>();
  parsed.data.forEach((row, i) => {
    const line = i + 2;
    const monthText = monthOfCell((row.month ?? '').trim());
    const valueText = (row.visitors ?? '').trim().replace(/[\s,_]/g, '');
    if (monthText === undefined) {
      errors.push(`line ${line}: month "${(row.month ?? '').slice(0, 20)}" is not YYYY-MM`);
      return;
    }
    if (monthText > currentMonth) {
      errors.push(`line ${line}: month ${monthText} has not started yet`);
      return;
    }
    const value = /^\d+$/.test(valueText) ? Number(valueText) : NaN;
    if (!Number.isSafeInteger(value) || value > MAX_VISITORS) {
      errors.push(`line ${line}: visitors "${(row.visitors ?? '').slice(0, 20)}" is not a whole number`);
      return;
    }
    byMonth.set(monthText, value);
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 20) };
  if (byMonth.size === 0) return { ok: false, errors: ['no rows'] };
  return { ok: true, rows: [...byMonth].map(([month, value]) => ({ month, value })).sort((a, b) => a.month.localeCompare(b.month)) };
}
