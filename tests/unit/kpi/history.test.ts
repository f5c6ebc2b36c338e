import { afterEach, describe, expect, it } from 'vitest';
import { KpiDatabase } from '@/lib/db/database';
import { loadHistory } from '@/lib/background/history';
import { bestOf, HISTORY_LENGTH, streakOf, type HistoryPoint, type KpiHistory } from '@/lib/kpi/history';
import { periodRange } from '@/lib/kpi/periods';
import { BERLIN, countEvent, local, revenueEvent, settingsFor } from '@/tests/unit/export/helpers';

let database: KpiDatabase | undefined;
afterEach(async () => {
  await database?.delete();
  database = undefined;
});
function openDatabase(): KpiDatabase {
  database = new KpiDatabase(`history-test-${Math.random().toString(36).slice(2)}`);
  return database;
}

const point = (value: number | null, extra: Partial<HistoryPoint> = {}): HistoryPoint => ({
  first: '2026-11-02',
  last: '2026-11-08',
  value,
  target: 5,
  met: value !== null && value >= 5,
  partial: false,
  off: false,
  ...extra,
});

describe('streaks', () => {
  it('counts closed periods met back from the latest, stopping at the first miss', () => {
    expect(streakOf([point(5), point(4), point(5), point(6)])).toBe(2);
    expect(streakOf([point(4)])).toBe(0);
    expect(streakOf([])).toBe(0);
  });

  it('counts the running period only once it is met, and a running miss does not break the streak', () => {
    expect(streakOf([point(5), point(5), point(2, { partial: true })])).toBe(2);
    expect(streakOf([point(5), point(5), point(5, { partial: true })])).toBe(3);
  });

  it('skips a period without working time (days off) instead of breaking on it', () => {
    expect(streakOf([point(5), point(0, { off: true }), point(5)])).toBe(2);
    expect(streakOf([point(5), point(0, { off: false }), point(5)])).toBe(1);
  });

  it('breaks on a month without a visitors figure', () => {
    expect(streakOf([point(5), point(null), point(5)])).toBe(1);
  });
});

describe('bests', () => {
  it('is the highest figure, the most recent among equals, none without any figure', () => {
    const a = point(7, { first: '2026-10-05' });
    const b = point(7, { first: '2026-10-12' });
    expect(bestOf([point(3), a, b, point(6)])).toBe(b);
    expect(bestOf([point(0), point(null)])).toBeNull();
  });
});

// The clock matrix: mid-week, the first and the last minute of a week, both sides of a year end,
// a leap day, in zones east and west of UTC and with a Sunday week start.
const MATRIX = [
  { name: 'Wednesday afternoon, Berlin', zone: BERLIN, weekStart: 1, at: [2026, 11, 25, 15, 0] },
  { name: 'Monday 00:00, Berlin', zone: BERLIN, weekStart: 1, at: [2026, 11, 23, 0, 0] },
  { name: 'Sunday 23:59, Moscow', zone: 'Europe/Moscow', weekStart: 1, at: [2026, 11, 29, 23, 59] },
  { name: 'New Year 00:00, Berlin', zone: BERLIN, weekStart: 1, at: [2027, 1, 1, 0, 0] },
  { name: 'New Year\'s Eve 23:59, Los Angeles, Sunday weeks', zone: 'America/Los_Angeles', weekStart: 0, at: [2026, 12, 31, 23, 59] },
  { name: 'leap day, Berlin', zone: BERLIN, weekStart: 1, at: [2028, 2, 29, 10, 0] },
] as const;

function byKpi(history: KpiHistory[], kpi: string): KpiHistory {
  return history.find((h) => h.kpi === kpi)!;
}

describe.each(MATRIX)('history at $name', ({ zone, weekStart, at }) => {
  const now = local(zone, ...(at as unknown as [number, number, number, number, number]));
  const settings = settingsFor({ timeZone: zone, weekStart });
  const calendar = { timeZone: zone, weekStart };
  // Week starts, oldest first, ending with the running week.
  const weeks = Array.from({ length: HISTORY_LENGTH }, (_, i) => i).reduce<number[]>((starts) => {
    const before = starts.length === 0 ? periodRange('week', now, calendar).start : starts[0]! - 1;
    return [periodRange('week', before, calendar).start, ...starts];
  }, []);
  const months = Array.from({ length: HISTORY_LENGTH }).reduce<number[]>((starts) => {
    const before = starts.length === 0 ? periodRange('month', now, calendar).start : starts[0]! - 1;
    return [periodRange('month', before, calendar).start, ...starts];
  }, []);

  it('shows 12 weeks and 12 months, oldest first, the last one running, with streak and best', async () => {
    const db = openDatabase();
    // Contacts: 5 (met) in the four weeks before the running one, 3 five weeks back, 8 eight weeks back.
    const events = [];
    for (const back of [1, 2, 3, 4]) for (let i = 0; i < 5; i++) events.push(countEvent('contacts', weeks[11 - back]! + 3_600_000 * (i + 1)));
    for (let i = 0; i < 3; i++) events.push(countEvent('contacts', weeks[11 - 5]! + 3_600_000 * (i + 1)));
    for (let i = 0; i < 8; i++) events.push(countEvent('contacts', weeks[11 - 8]! + 3_600_000 * (i + 1)));
    // A contact a minute before the oldest week shown must not appear.
    events.push(countEvent('contacts', weeks[0]! - 60_000));
    // Devices: 20 (the default target) in each of the last two closed months.
    for (const back of [1, 2]) for (let i = 0; i < 20; i++) events.push(countEvent('devices', months[11 - back]! + 3_600_000 * (i + 1)));
    // Revenue: an amount the minute the year starts, and one the last minute of the year before.
    const yearStart = periodRange('year', now, calendar).start;
    events.push(revenueEvent(yearStart, 9000, 'EUR'), revenueEvent(yearStart - 60_000, 500, 'EUR'));
    if (now > yearStart) events.push(revenueEvent(now, 10, 'EUR'));
    await db.events.bulkAdd(events);

    const history = await loadHistory(db, now, settings);
    expect(history.map((h) => h.kpi)).toEqual(['contacts', 'equotes', 'ecustomers', 'devices', 'visitors', 'revenue']);

    const contacts = byKpi(history, 'contacts');
    expect(contacts.points).toHaveLength(12);
    expect(contacts.points.map((p) => p.partial)).toEqual([...Array(11).fill(false), true]);
    expect(contacts.points.map((p) => p.value)).toEqual([0, 0, 0, 8, 0, 0, 3, 5, 5, 5, 5, 0]);
    expect(contacts.points.every((p) => p.target === 5)).toBe(true);
    expect(contacts.streak).toBe(4);
    expect(contacts.best?.value).toBe(8);
    expect(contacts.best?.first).toBe(contacts.points[3]!.first);

    const devices = byKpi(history, 'devices');
    expect(devices.points).toHaveLength(12);
    expect(devices.points.at(-1)!.partial).toBe(true);
    expect(devices.points.map((p) => p.value)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 20, 0]);
    expect(devices.streak).toBe(2);

    // Revenue: the months of the running year only, so a year's first minute shows just January.
    const revenue = byKpi(history, 'revenue');
    expect(revenue.points[0]!.first.slice(5)).toBe('01-01');
    expect(revenue.points.at(-1)!.partial).toBe(true);
    expect(revenue.points[0]!.value).toBe(now > yearStart && revenue.points.length === 1 ? 9010 : 9000);
    expect(revenue.points.every((p) => Math.abs(p.target - 93_500 / 12) < 1e-9)).toBe(true);
    expect(revenue.points[0]!.met).toBe(true);
  });
});

describe('days off', () => {
  it('a vacation week missed keeps the streak going; a worked week missed breaks it', async () => {
    const now = local(BERLIN, 2026, 11, 25, 15);
    const calendar = { timeZone: BERLIN, weekStart: 1 };
    const running = periodRange('week', now, calendar).start;
    const weekBack = (n: number) => periodRange('week', running - 1 - (n - 1) * 7 * 86_400_000, calendar).start;
    const db = openDatabase();
    const events = [];
    for (const back of [1, 3, 4]) for (let i = 0; i < 5; i++) events.push(countEvent('contacts', weekBack(back) + 3_600_000 * (i + 10)));
    await db.events.bulkAdd(events);
    // Two weeks back (9–15 November) the rep was on vacation.
    const onVacation = settingsFor({ daysOff: [{ from: '2026-11-09', to: '2026-11-15' }] });
    const vacation = byKpi(await loadHistory(db, now, onVacation), 'contacts');
    expect(vacation.points.at(-3)!.off).toBe(true);
    expect(vacation.streak).toBe(3);
    const worked = byKpi(await loadHistory(db, now, settingsFor()), 'contacts');
    expect(worked.points.at(-3)!.off).toBe(false);
    expect(worked.streak).toBe(1);
  });
});
