import type { ExportReport } from './report';
import { WEEKLY_EXPORT_SCHEMA_ID, WeeklyExportSchema, type MonthRow, type WeeklyExport, type WeeklyRow } from './schema';

export interface ExportMeta {
  /** Epoch ms of the export. */
  exportedAt: number;
  rep: string;
  currency: string;
}

/**
 * The calendar months of the spreadsheet report as JSON rows: the same figures the CSV and the
 * workbook show in their Months and Year tables, month by month.
 */
export function monthRows(report: ExportReport): MonthRow[] {
  const byMonth = new Map<string, MonthRow>();
  const row = (first: string): MonthRow => {
    const month = first.slice(0, 7);
    let found = byMonth.get(month);
    if (!found) {
      found = { month, ecustomers: null, devices: null, visitors: null, revenue: null, revenue_other: '' };
      byMonth.set(month, found);
    }
    return found;
  };
  for (const month of report.year) Object.assign(row(month.first), { revenue: month.revenue, revenue_other: month.otherCurrencies });
  for (const month of report.months) {
    Object.assign(row(month.first), { ecustomers: month.kpis.ecustomers.value, devices: month.kpis.devices.value, visitors: month.kpis.visitors.value });
  }
  return [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export function toJson(rows: readonly WeeklyRow[], meta: ExportMeta, months?: readonly MonthRow[]): string {
  const document: WeeklyExport = {
    schema: WEEKLY_EXPORT_SCHEMA_ID,
    version: 1,
    exportedAt: new Date(meta.exportedAt).toISOString(),
    rep: meta.rep,
    currency: meta.currency,
    weeks: [...rows],
    ...(months && { months: [...months] }),
  };
  return JSON.stringify(document, null, 2);
}

export class WeeklyExportError extends Error {
  override name = 'WeeklyExportError';
}

/** Exports are a few hundred KB at most; anything far larger is not one of ours. */
const MAX_EXPORT_CHARS = 5_000_000;
const MAX_REPORTED_ISSUES = 3;

/**
 * Reads a weekly JSON export back, e.g. for a team import. Throws WeeklyExportError saying what
 * is wrong (not JSON, another file, which field is invalid) instead of accepting half a file.
 */
export function parseWeeklyExport(text: string): WeeklyExport {
  if (text.length > MAX_EXPORT_CHARS) throw new WeeklyExportError('The file is too large to be a KPI Pacer weekly export.');
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new WeeklyExportError('The file is not valid JSON.');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { schema?: unknown }).schema !== WEEKLY_EXPORT_SCHEMA_ID) {
    throw new WeeklyExportError(`The file is not a KPI Pacer weekly export (expected schema "${WEEKLY_EXPORT_SCHEMA_ID}").`);
  }
  const result = WeeklyExportSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
      const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
      return `${path.replace(/^\./, '') || '(root)'}: ${issue.message}`;
    });
    const more = result.error.issues.length > MAX_REPORTED_ISSUES ? ` (and ${result.error.issues.length - MAX_REPORTED_ISSUES} more)` : '';
    throw new WeeklyExportError(`The weekly export is invalid: ${issues.join('; ')}${more}.`);
  }
  return result.data;
}
