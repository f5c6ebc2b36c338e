import { afterEach, describe, expect, it } from 'vitest';
import { KpiDatabase } from '@/lib/db/database';
import { exportWeeks } from '@/lib/export/export-weeks';
import { toJson } from '@/lib/export/json';
import { readWeeklyJson as parseWeeklyExport } from '@/lib/team/import/json-reader';
import { KPI_IDS } from '@/lib/kpi/definitions';
import { weeksBetween } from '@/lib/kpi/periods';
import { BERLIN, countEvent, local, revenueEvent, settingsFor, weeklyRows } from './helpers';

let database: KpiDatabase | undefined;
afterEach(async () => {
  await database?.delete();
  database = undefined;
});

function openDatabase(): KpiDatabase {
  database = new KpiDatabase(`export-test-${Math.random().toString(36).slice(2)}`);
  return database;
}

describe('exportWeeks', () => {
  it('reads the events and visitors of the weeks from the database into weekly rows', async () => {
    const db = openDatabase();
    await db.events.bulkAdd([
      countEvent('contacts', local(BERLIN, 2026, 11, 2, 9), { source: 'manual' }),
      countEvent('contacts', local(BERLIN, 2026, 11, 10)),
      countEvent('equotes', local(BERLIN, 2026, 11, 10)),
      revenueEvent(local(BERLIN, 2026, 11, 12), 499.99, 'EUR'),
      revenueEvent(local(BERLIN, 2026, 11, 12), 20, 'USD'),
      // Before and after the range.
      countEvent('contacts', local(BERLIN, 2026, 11, 1, 23, 59)),
      countEvent('contacts', local(BERLIN, 2026, 11, 16, 0, 0)),
    ]);
    await db.visitors.bulkPut([
      { month: '2026-10', value: 199, updatedAt: 1 },
      { month: '2026-11', value: 264, updatedAt: 1 },
    ]);
    const settings = settingsFor({ repName: 'Анна', currency: 'EUR' });

    const rows = await exportWeeks(db, settings, local(BERLIN, 2026, 11, 2, 0, 0), local(BERLIN, 2026, 11, 16, 0, 0));

    expect(rows.map((r) => [r.week, r.week_start, r.contacts, r.equotes, r.revenue, r.revenue_other, r.visitors_month])).toEqual([
      ['2026-W45', '2026-11-02', 1, 0, 0, '', 264],
      ['2026-W46', '2026-11-09', 1, 1, 499.99, '20.00 USD', 264],
    ]);
    expect(rows.every((r) => r.rep === 'Анна')).toBe(true);
    // What it exports is what the import accepts.
    expect(parseWeeklyExport(toJson(rows, { exportedAt: 0, rep: 'Анна', currency: 'EUR' })).weeks).toEqual(rows);
  });

  it('widens a range that starts mid-week to the whole week', async () => {
    const db = openDatabase();
    await db.events.add(countEvent('devices', local(BERLIN, 2026, 11, 23, 8)));
    const rows = await exportWeeks(db, settingsFor(), local(BERLIN, 2026, 11, 26), local(BERLIN, 2026, 11, 27));
    expect(rows.map((r) => [r.week, r.devices])).toEqual([['2026-W48', 1]]);
  });

  it('agrees with the in-memory rows for the same events, across a DST change and a year end', async () => {
    const db = openDatabase();
    const settings = settingsFor({ rates: { USD: 0.9 } });
    const from = local(BERLIN, 2026, 10, 5, 0, 0);
    const to = local(BERLIN, 2027, 1, 11, 0, 0);
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const events = Array.from({ length: 2000 }, (_, i) => {
      const kpi = KPI_IDS[i % KPI_IDS.length]!;
      const at = from - 86_400_000 + Math.floor(next() * (to - from + 2 * 86_400_000));
      return kpi === 'revenue' ? revenueEvent(at, Math.round(next() * 100_000) / 100, i % 3 ? 'EUR' : 'USD') : countEvent(kpi, at);
    });
    await db.events.bulkAdd(events);
    await db.visitors.put({ month: '2026-12', value: 321, updatedAt: 1 });

    const fromDatabase = await exportWeeks(db, settings, from, to);
    const weeks = weeksBetween(from, to, { timeZone: BERLIN, weekStart: 1 });
    expect(fromDatabase).toEqual(weeklyRows({ events, weeks, settings, visitorsByMonth: { '2026-12': 321 } }));
    expect(fromDatabase.map((r) => r.week)).toContain('2026-W53');
  });

  it('returns no rows for an empty range', async () => {
    const db = openDatabase();
    expect(await exportWeeks(db, settingsFor(), 1000, 1000)).toEqual([]);
  });
});
