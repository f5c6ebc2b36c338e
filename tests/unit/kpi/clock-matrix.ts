import { TZDate } from '@date-fns/tz';
import type { KpiId } from '@/lib/kpi/definitions';
import { defaultSettings, type Settings } from '@/lib/kpi/settings';
import { computeSnapshot, snapshotQueries } from '@/lib/kpi/snapshot';
import type { PaceStatus } from '@/lib/kpi/snapshot-types';

/**
 * Moments a rep looks at KPI Pacer that used to show red for no reason, as local wall-clock times.
 * The rep installs on Monday 30 November 2026 and counts from that day.
 */
export interface MatrixPoint {
  name: string;
  /** Local wall-clock time in the rep's zone: [year, month (1-12), day, hour, minute]. */
  wall: [number, number, number, number, number];
  /** Days off in force at that moment. */
  daysOff?: Settings['daysOff'];
}

export const MATRIX: MatrixPoint[] = [
  { name: 'install day, Mon 30 Nov 09:33', wall: [2026, 11, 30, 9, 33] },
  { name: 'Monday 08:40 (14 Dec)', wall: [2026, 12, 14, 8, 40] },
  { name: 'Monday 00:05 (14 Dec)', wall: [2026, 12, 14, 0, 5] },
  { name: 'Wednesday 11:00 (16 Dec)', wall: [2026, 12, 16, 11, 0] },
  { name: 'Friday 17:30 (18 Dec)', wall: [2026, 12, 18, 17, 30] },
  { name: 'Sunday 23:59 (20 Dec)', wall: [2026, 12, 20, 23, 59] },
  { name: 'day off, Thu 24 Dec 15:00 (24–25 Dec off)', wall: [2026, 12, 24, 15, 0], daysOff: [{ from: '2026-12-24', to: '2026-12-25' }] },
  { name: 'month and year end, Thu 31 Dec 17:00', wall: [2026, 12, 31, 17, 0] },
  { name: '1 January 11:00 (Fri)', wall: [2027, 1, 1, 11, 0] },
  { name: '4 January 08:40 (Mon)', wall: [2027, 1, 4, 8, 40] },
  { name: '4 January 08:40, 1 January entered as a day off', wall: [2027, 1, 4, 8, 40], daysOff: [{ from: '2027-01-01', to: '2027-01-01' }] },
  { name: 'spring DST day itself, Sun 14 Mar 2027 03:30 (NY skips 02:00–03:00)', wall: [2027, 3, 14, 3, 30] },
  { name: 'spring DST, Mon 15 Mar 2027 10:00 (NY changed Sun 14)', wall: [2027, 3, 15, 10, 0] },
  { name: 'spring DST day itself, Sun 28 Mar 2027 03:30 (Berlin skips 02:00–03:00)', wall: [2027, 3, 28, 3, 30] },
  { name: 'spring DST, Mon 29 Mar 2027 10:00 (Berlin changed Sun 28)', wall: [2027, 3, 29, 10, 0] },
  { name: 'autumn DST day itself, Sun 31 Oct 2027 12:00 (Berlin has 25 hours)', wall: [2027, 10, 31, 12, 0] },
  { name: 'autumn DST, Mon 1 Nov 2027 10:00 (Berlin changed Sun 31 Oct)', wall: [2027, 11, 1, 10, 0] },
  { name: 'autumn DST, Mon 8 Nov 2027 10:00 (NY changed Sun 7)', wall: [2027, 11, 8, 10, 0] },
];

export const ZONES = ['Europe/Berlin', 'America/New_York'] as const;

export const INSTALL_DAY = '2026-11-30';

export function instantOf(point: MatrixPoint, timeZone: string): number {
  const [y, mo, d, h, mi] = point.wall;
  return new TZDate(y, mo - 1, d, h, mi, timeZone).getTime();
}

export function settingsFor(point: MatrixPoint, timeZone: string, currency = 'USD'): Settings {
  return { ...defaultSettings({ timeZone }), currency, countingSince: INSTALL_DAY, daysOff: point.daysOff ?? [] };
}

/** A rep with nothing counted yet and no visitors figure entered. */
export function nothingCounted(point: MatrixPoint, timeZone: string): Record<KpiId, PaceStatus> {
  const now = instantOf(point, timeZone);
  const snapshot = computeSnapshot({ settings: settingsFor(point, timeZone), now, counts: {}, revenue: [], visitors: undefined });
  return Object.fromEntries(snapshot.kpis.map((k) => [k.kpi, k.status])) as Record<KpiId, PaceStatus>;
}

/** The queries a snapshot at this point makes, for checking which periods are read. */
export function queriesAt(point: MatrixPoint, timeZone: string) {
  return snapshotQueries(settingsFor(point, timeZone), instantOf(point, timeZone));
}

/** Counted events of a rep who works steadily from install day, as [kpi, at, amount?]. */
export interface SteadyEvents {
  counts: Partial<Record<KpiId, number>>;
  revenue: { currency: string; amount: number }[];
  /** The figure entered for the last complete month (entered once the month has closed). */
  lastMonthVisitors: number;
}

const WEEKDAY_NAMES = [0, 1, 2, 3, 4, 5, 6];

/**
 * A rep doing the plan, independent of any pace model: from install day, on every working day
 * that is not a day off, one contact at 10:00 and one monitored device at 10:00; an e-quote on
 * Tuesdays and Thursdays at 10:00; a new online customer every tenth working day; 400 USD of
 * revenue a working day. Their website had 260 visitors last month.
 */
export function steadyRep(point: MatrixPoint, timeZone: string): SteadyEvents {
  const settings = settingsFor(point, timeZone);
  const now = instantOf(point, timeZone);
  const periods = Object.fromEntries(queriesAt(point, timeZone).map((q) => [q.kpi, q])) as unknown as Record<KpiId, { from: number; to: number }>;
  const counts: Partial<Record<KpiId, number>> = {};
  const revenue: { currency: string; amount: number }[] = [];
  const offDays = new Set<string>();
  for (const range of settings.daysOff) {
    for (let d = new Date(`${range.from}T00:00:00Z`); d <= new Date(`${range.to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
      offDays.add(d.toISOString().slice(0, 10));
    }
  }
  let workingDay = 0;
  for (let d = new Date(`${INSTALL_DAY}T00:00:00Z`); ; d.setUTCDate(d.getUTCDate() + 1)) {
    const weekday = WEEKDAY_NAMES[d.getUTCDay()]!;
    const date = d.toISOString().slice(0, 10);
    if (!settings.workingDays.includes(weekday) || offDays.has(date)) continue;
    const at = new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 10, 0, timeZone).getTime();
    if (at > now) break;
    workingDay++;
    const within = (kpi: KpiId) => at >= periods[kpi].from && at < periods[kpi].to;
    const add = (kpi: KpiId) => within(kpi) && (counts[kpi] = (counts[kpi] ?? 0) + 1);
    add('contacts');
    add('devices');
    if (weekday === 2 || weekday === 4) add('equotes');
    if (workingDay % 10 === 5) add('ecustomers');
    if (within('revenue')) revenue.push({ currency: 'USD', amount: 400 });
  }
  return { counts, revenue, lastMonthVisitors: 260 };
}

export function steadyStatuses(point: MatrixPoint, timeZone: string): Record<KpiId, PaceStatus> {
  const events = steadyRep(point, timeZone);
  const snapshot = computeSnapshot({
    settings: settingsFor(point, timeZone),
    now: instantOf(point, timeZone),
    counts: events.counts,
    revenue: events.revenue,
    visitors: events.lastMonthVisitors,
  });
  return Object.fromEntries(snapshot.kpis.map((k) => [k.kpi, k.status])) as Record<KpiId, PaceStatus>;
}
