import type { KpiDatabase } from '@/lib/db/database';
import { loadSettings } from '@/lib/db/settings';
import { exportReport } from '@/lib/export/export-report';
import { buildHistory, historyStart, type History } from '@/lib/kpi/history';
import { periodRange } from '@/lib/kpi/periods';
import type { Settings } from '@/lib/kpi/settings';

/**
 * The History section's figures: the manager's report over the last 12 weeks and months (read
 * from the same day sums as the export), summed up per KPI.
 */
export async function loadHistory(database: KpiDatabase, now: number, settings?: Settings): Promise<History> {
  const rep = settings ?? (await loadSettings(database));
  const weekEnd = periodRange('week', now, { timeZone: rep.timeZone, weekStart: rep.weekStart }).end;
  const report = await exportReport(database, rep, historyStart(rep, now), weekEnd, now);
  return buildHistory(report, rep, now);
}
