import { KPI_IDS, effectiveTarget, periodRange, type Settings } from '@/lib/kpi';

/** The next moment any KPI's period ends, when the badge must be recomputed for the new period. */
export function nextRolloverAt(settings: Settings, now: number): number {
  const calendar = { timeZone: settings.timeZone, weekStart: settings.weekStart };
  return Math.min(...KPI_IDS.map((kpi) => periodRange(effectiveTarget(settings, kpi).period, now, calendar).end));
}
