import { afterEach, describe, expect, it } from 'vitest';
import { KpiDatabase } from '@/lib/db/database';
import { exportReport } from '@/lib/export/export-report';
import { buildReport, judge, reportPeriods, targetPer } from '@/lib/export/report';
import { BERLIN, countEvent, local, revenueEvent, settingsFor } from './helpers';

let database: KpiDatabase | undefined;
afterEach(async () => {
  await database?.delete();
  database = undefined;
});

function openDatabase(): KpiDatabase {
  database = new KpiDatabase(`report-test-${Math.random().toString(36).slice(2)}`);
  return database;
}

// Wednesday 25 November 2026, 15:00 in Berlin: week 48 and November are still running.
const NOW = local(BERLIN, 2026, 11, 25, 15);

describe('reportPeriods', () => {
  it('covers the weeks, the whole months they touch and the year from January, nothing after now', () => {
    const settings = settingsFor();
    const periods = reportPeriods(settings, local(BERLIN, 2026, 10, 26, 0, 0), local(BERLIN, 2026, 12, 7, 0, 0), NOW);
    expect(periods.weeks.map((w) => w.label)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(periods.months.map((m) => m.label)).toEqual(['2026-10', '2026-11']);
    expect(periods.yearMonths.map((m) => m.label)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
  });

  it('starts the year table in the year of the first week, across a year end', () => {
    const settings = settingsFor();
    const periods = reportPeriods(settings, local(BERLIN, 2025, 12, 22), local(BERLIN, 2026, 1, 12), local(BERLIN, 2026, 1, 7));
    expect(periods.yearMonths[0]!.label).toBe('2025-01');
    expect(periods.yearMonths.at(-1)!.label).toBe('2026-01');
  });
});

describe('targets and status', () => {
  it('converts a target set for another period', () => {
    expect(targetPer(20, 'month', 'month')).toBe(20);
    expect(targetPer(20, 'month', 'year')).toBe(240);
    expect(targetPer(52, 'year', 'week')).toBe(1);
  });

  it('calls a closed period met or missed and a running one by its pace', () => {
    const closed = { partial: false, elapsedShare: 1 };
    expect(judge(5, 5, closed)).toBe('met');
    expect(judge(4, 5, closed)).toBe('missed');
    const halfway = { partial: true, elapsedShare: 0.5 };
    expect(judge(5, 5, halfway)).toBe('met');
    expect(judge(3, 5, halfway)).toBe('ahead');
    expect(judge(2.5, 5, halfway)).toBe('on-track');
    expect(judge(1, 5, halfway)).toBe('behind');
  });
});

describe('exportReport', () => {
  it('puts each KPI in the table of its period, visitors once per month, revenue month by month with a running total', async () => {
    const db = openDatabase();
    await db.events.bulkAdd([
      countEvent('contacts', local(BERLIN, 2026, 11, 16, 9)),
      countEvent('contacts', local(BERLIN, 2026, 11, 17, 9)),
      countEvent('contacts', local(BERLIN, 2026, 11, 24, 9)),
      countEvent('equotes', local(BERLIN, 2026, 11, 18, 9)),
      countEvent('equotes', local(BERLIN, 2026, 11, 18, 10)),
      countEvent('devices', local(BERLIN, 2026, 11, 3, 9)),
      countEvent('ecustomers', local(BERLIN, 2026, 10, 30, 9)),
      revenueEvent(local(BERLIN, 2026, 2, 10), 1000, 'EUR'),
      revenueEvent(local(BERLIN, 2026, 11, 20), 350000, 'EUR'),
      revenueEvent(local(BERLIN, 2026, 11, 20), 1000, 'EUR'),
      revenueEvent(local(BERLIN, 2026, 11, 21), 200, 'GBP'),
      // After now: not in any table.
      countEvent('contacts', local(BERLIN, 2026, 11, 30, 9)),
    ]);
    await db.visitors.bulkPut([
      { month: '2026-10', value: 199, updatedAt: 1 },
      { month: '2026-11', value: 300, updatedAt: 1 },
    ]);
    const settings = settingsFor({ repName: 'Анна Петрова', currency: 'EUR' });

    const report = await exportReport(db, settings, local(BERLIN, 2026, 11, 16, 0, 0), local(BERLIN, 2026, 11, 30, 0, 0), NOW);

    expect(report.rep).toBe('Анна Петрова');
    expect(report.weeks.map((w) => [w.first, w.last, w.isoWeek, w.partial, w.kpis.contacts.value, w.kpis.equotes.value])).toEqual([
      ['2026-11-16', '2026-11-22', 47, false, 2, 2],
      ['2026-11-23', '2026-11-29', 48, true, 1, 0],
    ]);
    expect(report.weeks[0]!.kpis.contacts).toEqual({ value: 2, target: 5, ratio: 0.4, status: 'missed' });
    expect(report.weeks[0]!.kpis.equotes).toEqual({ value: 2, target: 2, ratio: 1, status: 'met' });
    // Wednesday 15:00 of a Monday–Friday week: 2.67 of 5 days gone, so 1 of 5 is behind its pace.
    expect(report.weeks[1]!.kpis.contacts.status).toBe('behind');

    expect(report.months.map((m) => [m.first, m.partial, m.kpis.ecustomers.value, m.kpis.devices.value, m.kpis.visitors.value])).toEqual([
      ['2026-11-01', true, 0, 1, 300],
    ]);
    // A running month's visitors figure is not judged yet.
    expect(report.months[0]!.kpis.visitors.status).toBeNull();

    expect(report.year).toHaveLength(11);
    expect(report.year.map((m) => m.revenue)).toEqual([0, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 351000]);
    expect(report.year.map((m) => m.yearToDate).at(-1)).toBe(352000);
    expect(report.year.at(-1)!.otherCurrencies).toBe('200.00 GBP');
    expect(report.year.at(-1)!.partial).toBe(true);
    expect(report.year.at(-1)!.status).toBe('met');
    // The target to date grows with the year's working time: about a twelfth after January.
    expect(report.year[0]!.targetToDate).toBeGreaterThan(93500 / 13);
    expect(report.year[0]!.targetToDate).toBeLessThan(93500 / 11);
    expect(report.year[1]!.status).toBe('behind');
  });

  it('judges a closed month on visitors and on counts against the monthly targets', () => {
    const settings = settingsFor({ targets: { devices: { target: 60, period: 'quarter' } } });
    const periods = reportPeriods(settings, local(BERLIN, 2026, 10, 26), local(BERLIN, 2026, 11, 2), NOW);
    const report = buildReport({
      settings,
      now: NOW,
      periods,
      weekCounts: { contacts: [5, 0], equotes: [0, 0] },
      monthCounts: { ecustomers: [2, 0], devices: [19, 0] },
      visitorsByMonth: new Map([['2026-10', 199]]),
      yearRevenue: [],
    });
    const october = report.months[0]!;
    expect(october.partial).toBe(false);
    expect(october.kpis.ecustomers.status).toBe('met');
    expect(october.kpis.devices).toMatchObject({ value: 19, target: 20, status: 'missed' });
    expect(october.kpis.visitors).toMatchObject({ value: 199, target: 250, status: 'missed' });
    expect(report.months[1]!.kpis.visitors).toEqual({ value: null, target: 250, ratio: null, status: null });
  });
});
