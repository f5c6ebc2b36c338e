import { db } from '../../lib/db/database';
import { loadSettings } from '../../lib/db/settings';
import { exportFilename, exportWeeks, toCsv, toJson } from '../../lib/export';
import { downloadText } from './download';
import { now as clockNow } from '../../lib/clock';

/**
 * The export itself: the database, the writers and papaparse. Loaded after the popup has painted,
 * never on its start path.
 */

let opened: Promise<unknown> | undefined;

/** Opens the database ahead of the rep's click, so the export does not wait for it. */
export function prepareExport(): Promise<unknown> {
  opened ??= loadSettings(db()).catch(() => undefined);
  return opened;
}

export interface ExportRequest {
  format: 'csv' | 'json';
  /** [from, to) of whole weeks in the rep's calendar, and their labels for the file name. */
  from: number;
  to: number;
  firstLabel: string;
  lastLabel: string;
}

/** Writes the weekly counts of the range and downloads them; returns what was written. */
export async function runExport(request: ExportRequest): Promise<{ rows: number; filename: string }> {
  const database = db();
  // Read now, not when the popup opened: the rep may have changed them in the options meanwhile.
  const settings = await loadSettings(database);
  const rows = await exportWeeks(database, settings, request.from, request.to);
  const filename = exportFilename(settings.repName, request.firstLabel, request.lastLabel, request.format);
  if (request.format === 'csv') downloadText(filename, toCsv(rows), 'text/csv;charset=utf-8');
  else
    downloadText(
      filename,
      toJson(rows, { exportedAt: clockNow(), rep: settings.repName, currency: settings.currency }),
      'application/json',
    );
  return { rows: rows.length, filename };
}
