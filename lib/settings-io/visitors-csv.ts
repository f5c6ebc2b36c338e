import Papa from 'papaparse';
import { MonthSchema } from '@/lib/db/events';

export interface VisitorsFigure {
  month: string;
  value: number;
}

/** What is wrong with a file, as data: the options page words it in the rep's language. */
export type VisitorsCsvProblem =
  | { problem: 'columns' }
  | { problem: 'tooManyRows'; max: number }
  | { problem: 'empty' }
  | { problem: 'month' | 'future' | 'visitors'; line: number; text: string };

export type VisitorsCsvResult = { ok: true; rows: VisitorsFigure[] } | { ok: false; errors: VisitorsCsvProblem[] };

const MAX_ROWS = 600;
/** Column names a Russian rep may write instead of the English ones. */
const HEADER_ALIASES: Readonly<Record<string, string>> = { месяц: 'month', посетители: 'visitors' };
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
/**
 * Reads a CSV with `month` and `visitors` columns (header names in any case, also `месяц` and
 * `посетители`, comma or semicolon). Months may be YYYY-MM or YYYY-MM-DD (analytics exports often
 * give the month's first day); a month after `currentMonth` (the rep's month now, YYYY-MM) has no
 * figure yet and is refused.
 * Any bad row refuses the whole file, naming the line, so nothing is half imported.
 */
export function parseVisitorsCsv(text: string, currentMonth: string): VisitorsCsvResult {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => {
      const name = h.trim().toLowerCase();
      return HEADER_ALIASES[name] ?? name;
    },
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('month') || !fields.includes('visitors')) {
    return { ok: false, errors: [{ problem: 'columns' }] };
  }
  if (parsed.data.length > MAX_ROWS) return { ok: false, errors: [{ problem: 'tooManyRows', max: MAX_ROWS }] };
  const errors: VisitorsCsvProblem[] = [];
  const byMonth = new Map<string, number>();
  parsed.data.forEach((row, i) => {
    const line = i + 2;
    const monthText = monthOfCell((row.month ?? '').trim());
    const valueText = (row.visitors ?? '').trim().replace(/[\s,_]/g, '');
    if (monthText === undefined) {
      errors.push({ problem: 'month', line, text: (row.month ?? '').slice(0, 20) });
      return;
    }
    if (monthText > currentMonth) {
      errors.push({ problem: 'future', line, text: monthText });
      return;
    }
    const value = /^\d+$/.test(valueText) ? Number(valueText) : NaN;
    if (!Number.isSafeInteger(value) || value > MAX_VISITORS) {
      errors.push({ problem: 'visitors', line, text: (row.visitors ?? '').slice(0, 20) });
      return;
    }
    byMonth.set(monthText, value);
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 20) };
  if (byMonth.size === 0) return { ok: false, errors: [{ problem: 'empty' }] };
  return { ok: true, rows: [...byMonth].map(([month, value]) => ({ month, value })).sort((a, b) => a.month.localeCompare(b.month)) };
}

/** One problem as a sentence; `t` is the page's message lookup. */
export function visitorsCsvProblemText(p: VisitorsCsvProblem, t: (key: string, subs?: string | readonly string[]) => string): string {
  switch (p.problem) {
    case 'columns':
      return t('options_csvColumns');
    case 'tooManyRows':
      return t('options_csvTooManyRows', String(p.max));
    case 'empty':
      return t('options_csvEmpty');
    case 'month':
      return t('options_csvBadMonth', [String(p.line), p.text]);
    case 'future':
      return t('options_csvFutureMonth', [String(p.line), p.text]);
    case 'visitors':
      return t('options_csvBadVisitors', [String(p.line), p.text]);
  }
}
