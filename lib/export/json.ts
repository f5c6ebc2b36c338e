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
