import { db } from '@/lib/db/database';
import { loadSettings } from '@/lib/db/settings';
import { exportFilename, exportReport, exportWeeks, monthRows, reportCsv, reportTables, toJson, writeXlsx, XLSX_MIME_TYPE, type CsvDialect } from '@/lib/export';
import { t } from '@/lib/i18n/messages';
import { downloadBlob, downloadText } from './download';

/**
 * The export itself: the database, the writers and papaparse. Loaded after the popup has painted,
 * never on its start path; the .xlsx writer loads later still, on the first workbook export.
 */

let opened: Promise<unknown> | undefined;

/** Opens the database ahead of the rep's click, so the export does not wait for it. */
export function prepareExport(): Promise<unknown> {
  opened ??= loadSettings(db()).catch(() => undefined);
  return opened;
}

export type ExportFormat = 'xlsx' | 'csv' | 'json';

export interface ExportRequest {
  format: ExportFormat;
  /** [from, to) of whole weeks in the rep's calendar, and their labels for the file name. */
  from: number;
  to: number;
  firstLabel: string;
  lastLabel: string;
  /** The moment of the export: decides which period is still running and its pace. */
  now: number;
  /** The rep's locale: dates in CSV, date and month formats in the workbook. */
  locale: string;
  csvDialect: CsvDialect;
}

/** Writes the counts of the range and downloads them; returns how many weeks were written. */
export async function runExport(request: ExportRequest): Promise<{ rows: number; filename: string }> {
  const database = db();
  // Read now, not when the popup opened: the rep may have changed them in the options meanwhile.
  const settings = await loadSettings(database);
  const filename = exportFilename(settings.repName, request.firstLabel, request.lastLabel, request.format);
  if (request.format === 'json') {
    // The machine format for the team page: one row per week, and the calendar months the
    // spreadsheet report has, so monthly KPIs read the same from either file.
    const [rows, report] = await Promise.all([
      exportWeeks(database, settings, request.from, request.to),
      exportReport(database, settings, request.from, request.to, request.now),
    ]);
    const meta = { exportedAt: request.now, rep: settings.repName, currency: settings.currency };
    downloadText(filename, toJson(rows, meta, monthRows(report)), 'application/json');
    return { rows: rows.length, filename };
  }
  const report = await exportReport(database, settings, request.from, request.to, request.now);
  const tables = reportTables(report, t);
  if (request.format === 'csv') {
    downloadText(filename, reportCsv(tables, { dialect: request.csvDialect, locale: request.locale }), 'text/csv;charset=utf-8');
  } else {
    downloadBlob(filename, new Blob([await writeXlsx(tables, { locale: request.locale })], { type: XLSX_MIME_TYPE }));
  }
  return { rows: report.weeks.length, filename };
}
