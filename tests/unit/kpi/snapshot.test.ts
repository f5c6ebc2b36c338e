import { describe, expect, it } from 'vitest';
import type { KpiId } from '@/lib/kpi/definitions';
import { defaultSettings, type Settings } from '@/lib/kpi/settings';
import { badgeFor } from '@/lib/background/badge';
import { computeSnapshot, convertRevenue, snapshotQueries } from '@/lib/kpi/snapshot';
import type { KpiProgress, PaceStatus, Snapshot } from '@/lib/kpi/snapshot-types';

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
      // Visitors are judged on the last complete month.
      { kpi: 'visitors', from: at('2026-02-01T00:00:00+01:00'), to: at('2026-03-01T00:00:00+01:00'), months: ['2026-02'] },
      { kpi: 'revenue', from: at('2026-01-01T00:00:00+01:00'), to: at('2027-01-01T00:00:00+01:00') },
    ]);
  });

  it('judges visitors on the last complete month whatever their target period', () => {
    const settings: Settings = { ...berlin, targets: { visitors: { target: 750, period: 'quarter' } } };
    const visitors = snapshotQueries(settings, wednesdayNoon).find((q) => q.kpi === 'visitors');
    expect(visitors).toEqual({
      kpi: 'visitors',
      from: at('2026-02-01T00:00:00+01:00'),
      to: at('2026-03-01T00:00:00+01:00'),
      months: ['2026-02'],
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
  });

  it('carries the header fields', () => {
    expect(snapshot.at).toBe(wednesdayNoon);
    expect(snapshot.repName).toBe('North');
  });

  // Working hours 09:00–18:00: Monday and Tuesday (18 h) and Wednesday 09:00–12:00 (3 h) of 45 h.
  it('weekly KPIs pace over 21 of 45 working hours', () => {
    const contacts = byKpi(snapshot, 'contacts');
    expect(contacts).toEqual({
      kpi: 'contacts',
      period: 'week',
      periodStart: at('2026-03-23T00:00:00+01:00'),
      periodEnd: at('2026-03-30T00:00:00+02:00'),
      periodLabel: '2026-W13',
      value: 2,
      target: 5,
      pace: (5 * 21) / 45,
      status: 'on-track', // 2 of 2.33: not a whole item short
      stillNeeded: 3,
      // Wednesday afternoon, Thursday and Friday: 3 more, about 1 a day.
      outlook: { remaining: 3, workingDaysLeft: 3, perDay: 1 },
      teamYearProjection: 1040,
    });
    const equotes = byKpi(snapshot, 'equotes');
    // 0.93 due: the first quote is not due yet, and one is counted.
    expect([equotes.pace, equotes.status, equotes.stillNeeded]).toEqual([(2 * 21) / 45, 'ahead', 1]);
  });

  it('monthly KPIs pace over 17 working days and 3 hours of 22 in March 2026', () => {
    const share = (17 * 9 + 3) / (22 * 9);
    const ecustomers = byKpi(snapshot, 'ecustomers');
    expect(ecustomers.periodLabel).toBe('2026-03');
    expect(ecustomers.pace).toBeCloseTo(2 * share, 12);
    expect(ecustomers.status).toBe('met');
    expect(ecustomers.stillNeeded).toBe(0);
    expect(ecustomers.teamYearProjection).toBe(96);

    const devices = byKpi(snapshot, 'devices');
    expect(devices.pace).toBeCloseTo(20 * share, 12); // 15.76; 15 is less than a whole item short
    expect(devices.status).toBe('on-track');
  });

  it('visitors show the last complete month against the monthly target', () => {
    const visitors = byKpi(snapshot, 'visitors');
    expect(visitors).toMatchObject({ value: 100, target: 250, status: 'behind', periodLabel: '2026-02' });
    expect(visitors.judgedMonth).toEqual({ key: '2026-02', start: at('2026-02-01T00:00:00+01:00'), end: at('2026-03-01T00:00:00+01:00') });
    expect(visitors.teamYearProjection).toBe(3000);
    const missing = computeSnapshot({ settings: berlin, now: wednesdayNoon, counts: {}, revenue: [], visitors: undefined });
    expect(byKpi(missing, 'visitors')).toMatchObject({ status: 'not-due', figureMissing: true });
    const met = computeSnapshot({ settings: berlin, now: wednesdayNoon, counts: {}, revenue: [], visitors: 250 });
    expect(byKpi(met, 'visitors').status).toBe('met');
  });

  it('revenue converts what it can and paces over 59 working days and 3 hours of 261', () => {
    const revenue = byKpi(snapshot, 'revenue');
    expect(revenue.periodLabel).toBe('2026');
    expect(revenue.currency).toBe('USD');
    expect(revenue.value).toBeCloseTo(15_500, 9);
    expect(revenue.unconverted).toEqual([{ currency: 'GBP', amount: 2_000 }]);
    expect(revenue.target).toBe(100_000);
    expect(revenue.pace).toBeCloseTo((100_000 * (59 * 9 + 3)) / (261 * 9), 6);
    expect(revenue.status).toBe('behind');
    expect(revenue.stillNeeded).toBeCloseTo(84_500, 9);
    expect(revenue.teamYearProjection).toBe(400_000);
    expect(byKpi(snapshot, 'contacts')).not.toHaveProperty('currency');
  });

  it('summarises on-pace count and worst status', () => {
    expect(snapshot.kpis.map((k) => k.status)).toEqual(['on-track', 'ahead', 'met', 'on-track', 'behind', 'behind']);
    expect(snapshot.onPace).toBe(4);
    expect(snapshot.worst).toBe('behind');
  });

  it('nothing is due yet at the very start of a week', () => {
    const mondayMidnight = at('2026-03-23T00:00:00+01:00');
    const start = computeSnapshot({ settings: berlin, now: mondayMidnight, counts: {}, revenue: [], visitors: undefined });
    const contacts = byKpi(start, 'contacts');
    expect([contacts.value, contacts.pace, contacts.status]).toEqual([0, 0, 'not-due']);
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
    expect(contacts.status).toBe('not-due');
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
    return {
      at: 0,
      repName: '',
      kpis,
      onPace: statuses.filter((s) => s !== 'behind').length,
      worst: statuses.includes('behind') ? 'behind' : 'on-track',
    };
  }

  it('red with any KPI behind', () => {
    const badge = badgeFor(snapshotWith(['behind', 'ahead', 'ahead', 'on-track', 'behind', 'ahead']), labels);
    expect(badge.text).toBe('4/6');
    expect(badge.color).toBe('#C62828');
  });

  it('green whenever nothing is behind: on track, at risk, not due yet and met included', () => {
    const badge = badgeFor(snapshotWith(['on-track', 'at-risk', 'not-due', 'met', 'ahead', 'at-risk']), labels);
    expect(badge).toMatchObject({ text: '6/6', color: '#2E7D32' });
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
    const words: Record<PaceStatus, string> = { ahead: 'ahead', 'on-track': 'on track', 'at-risk': 'at risk', behind: 'behind', 'not-due': 'not due yet', met: 'met' };
    const badge = badgeFor(snapshot, labels, (n) => format.format(n), (status) => words[status]);
    expect(badge.title).toBe(
      [
        'Contacts: 2/5 — on track',
        'E-quotes: 1/2 — ahead',
        'E-customers: 2/2 — met',
        'Devices: 15/20 — on track',
        'Visitors: 100/250 — behind',
        'Revenue: 12.346/100.000 — behind',
      ].join('\n'),
    );
    expect(badge.text).toBe('4/6');
    expect(badge.color).toBe('#C62828');
  });

  it('passes the KPI to the formatter so revenue can be shown as money', () => {
    const snapshot = snapshotWith(['ahead', 'ahead', 'ahead', 'ahead', 'ahead', 'ahead']);
    const badge = badgeFor(snapshot, labels, (n, kpi) => (kpi === 'revenue' ? `$${n}` : String(n)));
    expect(badge.title.split('\n')[5]).toBe('Revenue: $5/$15');
  });
});
