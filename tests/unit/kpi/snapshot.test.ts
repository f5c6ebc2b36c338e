import { describe, expect, it } from 'vitest';
import type { KpiId } from '../../../lib/kpi/definitions';
import { defaultSettings, type Settings } from '../../../lib/kpi/settings';
import { badgeFor, computeSnapshot, convertRevenue, snapshotQueries } from '../../../lib/kpi/snapshot';
import type { KpiProgress, PaceStatus, Snapshot } from '../../../lib/kpi/snapshot-types';

const at = (iso: string) => Date.parse(iso);
const berlin: Settings = { ...defaultSettings({ timeZone: 'Europe/Berlin' }), repName: 'North' };
// Wednesday of 2026-W13, half way through the working day count (Mon, Tue and half of Wed gone).
const wednesdayNoon = at('2026-03-25T12:00:00+01:00');

const labels: Record<KpiId, string> = {
  contacts: 'Contacts',
  equotes: 'E-quotes',
  ecustomers: 'E-customers',
  devices: 'Devices',
  visitors: 'Visitors',
  revenue: 'Revenue',
};

function byKpi(snapshot: Snapshot, kpi: KpiId): KpiProgress {
  const progress = snapshot.kpis.find((k) => k.kpi === kpi);
  if (!progress) throw new Error(`missing ${kpi}`);
  return progress;
}

describe('snapshotQueries', () => {
  it('asks for each KPI over its current period in the rep time zone', () => {
    const queries = snapshotQueries(berlin, wednesdayNoon);
    expect(queries.map((q) => q.kpi)).toEqual(['contacts', 'equotes', 'ecustomers', 'devices', 'visitors', 'revenue']);
    const week = { from: at('2026-03-23T00:00:00+01:00'), to: at('2026-03-30T00:00:00+02:00') };
    const month = { from: at('2026-03-01T00:00:00+01:00'), to: at('2026-04-01T00:00:00+02:00') };
    expect(queries).toEqual([
      { kpi: 'contacts', ...week },
      { kpi: 'equotes', ...week },
      { kpi: 'ecustomers', ...month },
      { kpi: 'devices', ...month },
      { kpi: 'visitors', ...month, month: '2026-03', months: ['2026-03'] },
      { kpi: 'revenue', from: at('2026-01-01T00:00:00+01:00'), to: at('2027-01-01T00:00:00+01:00') },
    ]);
  });

  it('lists every month of a quarterly visitors target', () => {
    const settings: Settings = { ...berlin, targets: { visitors: { target: 750, period: 'quarter' } } };
    const visitors = snapshotQueries(settings, wednesdayNoon).find((q) => q.kpi === 'visitors');
    expect(visitors).toEqual({
      kpi: 'visitors',
      from: at('2026-01-01T00:00:00+01:00'),
      to: at('2026-04-01T00:00:00+02:00'),
      month: '2026-03',
      months: ['2026-01', '2026-02', '2026-03'],
    });
  });
});

describe('convertRevenue', () => {
  it('sums the rep currency, converts rated currencies, keeps the rest apart', () => {
    const result = convertRevenue(
      [
        { currency: 'USD', amount: 10_000 },
        { currency: 'EUR', amount: 5_000 },
        { currency: 'GBP', amount: 2_000 },
        { currency: 'usd', amount: 500 },
        { currency: 'JPY', amount: 100_000 },
        { currency: 'GBP', amount: 250 },
      ],
      'USD',
      { EUR: 1.1 },
    );
    expect(result.value).toBeCloseTo(16_000, 9);
    expect(result.unconverted).toEqual([
      { currency: 'GBP', amount: 2_250 },
      { currency: 'JPY', amount: 100_000 },
    ]);
  });

  it('ignores a rate given for the rep currency itself', () => {
    expect(convertRevenue([{ currency: 'EUR', amount: 100 }], 'EUR', { EUR: 2 })).toEqual({
      value: 100,
      unconverted: [],
    });
  });
});

describe('computeSnapshot', () => {
  const snapshot = computeSnapshot({
    settings: { ...berlin, rates: { EUR: 1.1 } },
    now: wednesdayNoon,
    counts: { contacts: 2, equotes: 1, ecustomers: 2, devices: 15 },
    revenue: [
      { currency: 'USD', amount: 10_000 },
      { currency: 'EUR', amount: 5_000 },
      { currency: 'GBP', amount: 2_000 },
    ],
    visitors: 100,
    locale: 'de',
  });

  it('carries the header fields', () => {
    expect(snapshot.at).toBe(wednesdayNoon);
    expect(snapshot.repName).toBe('North');
    expect(snapshot.locale).toBe('de');
  });

  it('weekly KPIs pace over 2.5 of 5 working days', () => {
    const contacts = byKpi(snapshot, 'contacts');
    expect(contacts).toEqual({
      kpi: 'contacts',
      period: 'week',
      periodStart: at('2026-03-23T00:00:00+01:00'),
      periodEnd: at('2026-03-30T00:00:00+02:00'),
      periodLabel: '2026-W13',
      value: 2,
      target: 5,
      pace: 2.5,
      status: 'behind', // 2 < 2.25
      stillNeeded: 3,
      teamYearProjection: 1040,
    });
    const equotes = byKpi(snapshot, 'equotes');
    expect([equotes.pace, equotes.status, equotes.stillNeeded]).toEqual([1, 'on-track', 1]);
  });

  it('monthly KPIs pace over 17.5 of 22 weekdays in March 2026', () => {
    const ecustomers = byKpi(snapshot, 'ecustomers');
    expect(ecustomers.periodLabel).toBe('2026-03');
    expect(ecustomers.pace).toBeCloseTo((2 * 17.5) / 22, 12);
    expect(ecustomers.status).toBe('ahead');
    expect(ecustomers.stillNeeded).toBe(0);
    expect(ecustomers.teamYearProjection).toBe(96);

    const devices = byKpi(snapshot, 'devices');
    expect(devices.pace).toBeCloseTo((20 * 17.5) / 22, 12); // 15.91; 15 is within 10%
    expect(devices.status).toBe('on-track');

    const visitors = byKpi(snapshot, 'visitors');
    expect(visitors.value).toBe(100);
    expect(visitors.pace).toBeCloseTo((250 * 17.5) / 22, 12);
    expect(visitors.status).toBe('behind');
    expect(visitors.teamYearProjection).toBe(3000);
  });

  it('revenue converts what it can and paces over 59.5 of 261 weekdays', () => {
    const revenue = byKpi(snapshot, 'revenue');
    expect(revenue.periodLabel).toBe('2026');
    expect(revenue.currency).toBe('USD');
    expect(revenue.value).toBeCloseTo(15_500, 9);
    expect(revenue.unconverted).toEqual([{ currency: 'GBP', amount: 2_000 }]);
    expect(revenue.target).toBe(100_000);
    expect(revenue.pace).toBeCloseTo((100_000 * 59.5) / 261, 6);
    expect(revenue.status).toBe('behind');
    expect(revenue.stillNeeded).toBeCloseTo(84_500, 9);
    expect(revenue.teamYearProjection).toBe(400_000);
    expect(byKpi(snapshot, 'contacts')).not.toHaveProperty('currency');
  });

  it('summarises on-pace count and worst status', () => {
    expect(snapshot.kpis.map((k) => k.status)).toEqual(['behind', 'on-track', 'ahead', 'on-track', 'behind', 'behind']);
    expect(snapshot.onPace).toBe(3);
    expect(snapshot.worst).toBe('behind');
  });

  it('is on track at the very start of a week with nothing done', () => {
    const mondayMidnight = at('2026-03-23T00:00:00+01:00');
    const start = computeSnapshot({ settings: berlin, now: mondayMidnight, counts: {}, revenue: [], visitors: undefined });
    const contacts = byKpi(start, 'contacts');
    expect([contacts.value, contacts.pace, contacts.status]).toEqual([0, 0, 'on-track']);
    expect(byKpi(start, 'visitors').value).toBe(0);
  });

  it('uses the rep week start and EUR default target', () => {
    const settings: Settings = {
      ...defaultSettings({ timeZone: 'America/New_York' }),
      weekStart: 0,
      currency: 'EUR',
    };
    // Sunday 2026-03-08 is a non-working day, so nothing is due yet on Monday morning at 00:00.
    const monday = at('2026-03-09T00:00:00-04:00');
    const result = computeSnapshot({ settings, now: monday, counts: { contacts: 0 }, revenue: [], visitors: 0 });
    const contacts = byKpi(result, 'contacts');
    expect([contacts.periodStart, contacts.periodEnd, contacts.periodLabel]).toEqual([
      at('2026-03-08T00:00:00-05:00'),
      at('2026-03-15T00:00:00-04:00'),
      '2026-W11',
    ]);
    expect(contacts.pace).toBe(0);
    expect(byKpi(result, 'revenue').target).toBe(93_500);
    expect(byKpi(result, 'revenue').currency).toBe('EUR');
  });
});

describe('badgeFor', () => {
  function snapshotWith(statuses: PaceStatus[]): Snapshot {
    const ids: KpiId[] = ['contacts', 'equotes', 'ecustomers', 'devices', 'visitors', 'revenue'];
    const kpis = statuses.map((s, i) => ({
      kpi: ids[i] as KpiId,
      period: 'week' as const,
      periodStart: 0,
      periodEnd: 1,
      periodLabel: '2026-W13',
      value: i,
      target: 10 + i,
      pace: 5,
      status: s,
      stillNeeded: 10,
      teamYearProjection: 0,
    }));
    const rank = { ahead: 0, 'on-track': 1, behind: 2 } as const;
    return {
      at: 0,
      repName: '',
      kpis,
      onPace: statuses.filter((s) => s !== 'behind').length,
      worst: statuses.reduce<PaceStatus>((w, s) => (rank[s] > rank[w] ? s : w), 'ahead'),
    };
  }

  it('red with any KPI behind', () => {
    const badge = badgeFor(snapshotWith(['behind', 'ahead', 'ahead', 'on-track', 'behind', 'ahead']), labels);
    expect(badge.text).toBe('4/6');
    expect(badge.color).toBe('#C62828');
  });

  it('amber when the worst is on track', () => {
    const badge = badgeFor(snapshotWith(['ahead', 'on-track', 'ahead', 'ahead', 'ahead', 'ahead']), labels);
    expect(badge).toMatchObject({ text: '6/6', color: '#F9A825' });
  });

  it('green when all are ahead', () => {
    const badge = badgeFor(snapshotWith(['ahead', 'ahead', 'ahead', 'ahead', 'ahead', 'ahead']), labels);
    expect(badge).toMatchObject({ text: '6/6', color: '#2E7D32' });
    expect(badge.text.length).toBeLessThanOrEqual(4);
  });

  it('titles every KPI with localised labels and numbers', () => {
    const snapshot = computeSnapshot({
      settings: berlin,
      now: wednesdayNoon,
      counts: { contacts: 2, equotes: 1, ecustomers: 2, devices: 15 },
      revenue: [{ currency: 'USD', amount: 12_345.6 }],
      visitors: 100,
    });
    const format = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
    const badge = badgeFor(snapshot, labels, (n) => format.format(n));
    expect(badge.title).toBe(
      [
        'Contacts: 2/5',
        'E-quotes: 1/2',
        'E-customers: 2/2',
        'Devices: 15/20',
        'Visitors: 100/250',
        'Revenue: 12.346/100.000',
      ].join('\n'),
    );
    expect(badge.text).toBe('3/6');
  });

  it('passes the KPI to the formatter so revenue can be shown as money', () => {
    const snapshot = snapshotWith(['ahead', 'ahead', 'ahead', 'ahead', 'ahead', 'ahead']);
    const badge = badgeFor(snapshot, labels, (n, kpi) => (kpi === 'revenue' ? `$${n}` : String(n)));
    expect(badge.title.split('\n')[5]).toBe('Revenue: $5/$15');
  });
});
