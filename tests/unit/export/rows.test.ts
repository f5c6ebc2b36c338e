import { describe, expect, it } from 'vitest';
import { WeeklyRowSchema } from '@/lib/export/schema';
import { KPI_IDS } from '@/lib/kpi/definitions';
import { weeksBetween } from '@/lib/kpi/periods';
import { BERLIN, countEvent, local, revenueEvent, settingsFor, weeklyRows } from './helpers';

const calendar = { timeZone: BERLIN, weekStart: 1 };

describe('weeklyRows', () => {
  it('gives one valid row per week with counts, the week label and its first day', () => {
    const settings = settingsFor();
    const weeks = weeksBetween(local(BERLIN, 2026, 11, 16, 0, 0), local(BERLIN, 2026, 11, 30, 0, 0), calendar);
    const events = [
      countEvent('contacts', local(BERLIN, 2026, 11, 16, 9)),
      countEvent('contacts', local(BERLIN, 2026, 11, 22, 23, 59)),
      countEvent('equotes', local(BERLIN, 2026, 11, 23, 0, 1)),
      countEvent('devices', local(BERLIN, 2026, 11, 25)),
      countEvent('ecustomers', local(BERLIN, 2026, 11, 26)),
      // Outside the weeks: ignored.
      countEvent('contacts', local(BERLIN, 2026, 11, 15, 23, 59)),
      countEvent('contacts', local(BERLIN, 2026, 11, 30, 0, 0)),
    ];
    const rows = weeklyRows({ events, weeks, settings, visitorsByMonth: {} });
    expect(rows.map((r) => [r.week, r.week_start, r.contacts, r.equotes, r.ecustomers, r.devices])).toEqual([
      ['2026-W47', '2026-11-16', 2, 0, 0, 0],
      ['2026-W48', '2026-11-23', 0, 1, 1, 1],
    ]);
    for (const row of rows) expect(WeeklyRowSchema.safeParse(row).success).toBe(true);
  });

  it('buckets by the rep’s calendar across the autumn DST change', () => {
    const settings = settingsFor();
    // Berlin leaves summer time on Sunday 25 Oct 2026: that Sunday lasts 25 hours.
    const weeks = weeksBetween(local(BERLIN, 2026, 10, 19, 0, 0), local(BERLIN, 2026, 11, 2, 0, 0), calendar);
    const lastMinuteOfW43 = local(BERLIN, 2026, 10, 25, 23, 59);
    const firstMinuteOfW44 = local(BERLIN, 2026, 10, 26, 0, 1);
    // A week of fixed 7 × 24 h from Monday's midnight would end an hour early and misfile this event.
    expect(lastMinuteOfW43 - local(BERLIN, 2026, 10, 19, 0, 0)).toBeGreaterThanOrEqual(7 * 24 * 3_600_000);
    const rows = weeklyRows({
      events: [countEvent('contacts', lastMinuteOfW43), countEvent('contacts', firstMinuteOfW44)],
      weeks,
      settings,
      visitorsByMonth: {},
    });
    expect(rows.map((r) => [r.week, r.week_start, r.contacts])).toEqual([
      ['2026-W43', '2026-10-19', 1],
      ['2026-W44', '2026-10-26', 1],
    ]);
  });

  it('buckets across the spring DST change in another zone', () => {
    const zone = 'America/New_York';
    const settings = settingsFor({ timeZone: zone });
    // New York starts summer time on Sunday 8 Mar 2026 (a 23-hour day).
    const weeks = weeksBetween(local(zone, 2026, 3, 2, 0, 0), local(zone, 2026, 3, 16, 0, 0), { timeZone: zone, weekStart: 1 });
    const rows = weeklyRows({
      events: [countEvent('equotes', local(zone, 2026, 3, 8, 23, 30)), countEvent('equotes', local(zone, 2026, 3, 9, 0, 30))],
      weeks,
      settings,
      visitorsByMonth: {},
    });
    expect(rows.map((r) => [r.week, r.week_start, r.equotes])).toEqual([
      ['2026-W10', '2026-03-02', 1],
      ['2026-W11', '2026-03-09', 1],
    ]);
  });

  it('labels ISO week 53 and files the days after New Year into it', () => {
    const settings = settingsFor();
    const weeks = weeksBetween(local(BERLIN, 2026, 12, 21, 0, 0), local(BERLIN, 2027, 1, 11, 0, 0), calendar);
    const rows = weeklyRows({
      events: [countEvent('contacts', local(BERLIN, 2027, 1, 2)), countEvent('contacts', local(BERLIN, 2027, 1, 4, 8))],
      weeks,
      settings,
      visitorsByMonth: { '2026-12': 240, '2027-01': 275 },
    });
    expect(rows.map((r) => [r.week, r.week_start, r.contacts, r.visitors_month_key, r.visitors_month])).toEqual([
      ['2026-W52', '2026-12-21', 0, '2026-12', 240],
      // Thursday 31 Dec decides: week 53 belongs to December.
      ['2026-W53', '2026-12-28', 1, '2026-12', 240],
      ['2027-W01', '2027-01-04', 1, '2027-01', 275],
    ]);
  });

  it('takes the visitors figure of the month holding the week’s Thursday, null when none was entered', () => {
    const settings = settingsFor();
    // W44 runs Mon 26 Oct – Sun 1 Nov 2026: Thursday 29 Oct is in October.
    // W49 runs Mon 30 Nov – Sun 6 Dec 2026: Thursday 3 Dec is in December, which has no figure.
    const weeks = [
      ...weeksBetween(local(BERLIN, 2026, 10, 26, 0, 0), local(BERLIN, 2026, 11, 2, 0, 0), calendar),
      ...weeksBetween(local(BERLIN, 2026, 11, 30, 0, 0), local(BERLIN, 2026, 12, 7, 0, 0), calendar),
    ];
    const rows = weeklyRows({ events: [], weeks, settings, visitorsByMonth: new Map([['2026-10', 180], ['2026-11', 260]]) });
    expect(rows.map((r) => [r.week, r.visitors_month_key, r.visitors_month])).toEqual([
      ['2026-W44', '2026-10', 180],
      ['2026-W49', '2026-12', null],
    ]);
  });

  it('sums revenue in the rep’s currency, converts with set rates and keeps the rest apart', () => {
    const settings = settingsFor({ currency: 'EUR', rates: { USD: 0.9 } });
    const weeks = weeksBetween(local(BERLIN, 2026, 11, 23, 0, 0), local(BERLIN, 2026, 11, 30, 0, 0), calendar);
    const day = local(BERLIN, 2026, 11, 24);
    const rows = weeklyRows({
      events: [
        revenueEvent(day, 100.1, 'EUR'),
        revenueEvent(day, 200.2, 'EUR'),
        revenueEvent(day, 100, 'USD'),
        revenueEvent(day, 1200, 'SEK'),
        revenueEvent(day, 50, 'GBP'),
        revenueEvent(day, 0.1, 'GBP'),
        // No currency: cannot be attributed, as in the live snapshot.
        countEvent('revenue', day, { amount: 999 }),
      ],
      weeks,
      settings,
      visitorsByMonth: {},
    });
    expect(rows[0]).toMatchObject({ revenue: 390.3, revenue_other: '50.10 GBP; 1200.00 SEK', currency: 'EUR' });
  });

  it('adds many small amounts without float drift', () => {
    const settings = settingsFor();
    const weeks = weeksBetween(local(BERLIN, 2026, 11, 23, 0, 0), local(BERLIN, 2026, 11, 30, 0, 0), calendar);
    const events = Array.from({ length: 1000 }, () => revenueEvent(local(BERLIN, 2026, 11, 24), 0.1, 'EUR'));
    expect(weeklyRows({ events, weeks, settings, visitorsByMonth: {} })[0]!.revenue).toBe(100);
  });

  it('records the targets in force, the rep’s own where set', () => {
    const settings = settingsFor({ currency: 'USD', targets: { contacts: { target: 8, period: 'week' }, visitors: { target: 900, period: 'quarter' } } });
    const weeks = weeksBetween(local(BERLIN, 2026, 11, 23, 0, 0), local(BERLIN, 2026, 11, 30, 0, 0), calendar);
    const [row] = weeklyRows({ events: [], weeks, settings, visitorsByMonth: {} });
    expect(row).toMatchObject({
      rep: 'Anna',
      currency: 'USD',
      target_contacts: 8,
      target_contacts_period: 'week',
      target_equotes: 2,
      target_equotes_period: 'week',
      target_ecustomers: 2,
      target_ecustomers_period: 'month',
      target_devices: 20,
      target_devices_period: 'month',
      target_visitors: 900,
      target_visitors_period: 'quarter',
      target_revenue: 100000,
      target_revenue_period: 'year',
    });
  });

  it('counts two years of events (50,000, unsorted) into the right weeks in one pass', () => {
    const settings = settingsFor();
    const from = local(BERLIN, 2025, 1, 6, 0, 0);
    const weeks = weeksBetween(from, local(BERLIN, 2027, 1, 4, 0, 0), calendar);
    const span = weeks[weeks.length - 1]!.end - from;
    const counted = KPI_IDS.filter((k) => k !== 'visitors' && k !== 'revenue');
    // Deterministic pseudo-random spread, shuffled in time.
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const events = Array.from({ length: 50_000 }, (_, i) => countEvent(counted[i % counted.length]!, from + Math.floor(next() * span)));

    const rows = weeklyRows({ events, weeks, settings, visitorsByMonth: {} });

    expect(rows).toHaveLength(weeks.length);
    const total = rows.reduce((sum, r) => sum + r.contacts + r.equotes + r.ecustomers + r.devices, 0);
    expect(total).toBe(50_000);
    // Spot-check one week against a direct count.
    const probe = weeks[37]!;
    const expected = events.filter((e) => e.kpi === 'devices' && e.at >= probe.start && e.at < probe.end).length;
    expect(rows[37]!.devices).toBe(expected);
  });

  it('returns nothing for no weeks', () => {
    expect(weeklyRows({ events: [countEvent('contacts', 1)], weeks: [], settings: settingsFor(), visitorsByMonth: {} })).toEqual([]);
  });
});
