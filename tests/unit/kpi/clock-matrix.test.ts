import { describe, expect, it } from 'vitest';
import { outlookText } from '@/components/outlook-text';
import { KPI_IDS, type KpiId } from '@/lib/kpi/definitions';
import { badgeFor } from '@/lib/background/badge';
import { computeSnapshot } from '@/lib/kpi/snapshot';
import type { PaceStatus } from '@/lib/kpi/snapshot-types';
import { getMessageFrom, readMessages } from '@/tests/unit/i18n/locale-messages';
import { MATRIX, ZONES, instantOf, nothingCounted, settingsFor, steadyRep, steadyStatuses, type MatrixPoint } from './clock-matrix';

type Row = [contacts: PaceStatus, equotes: PaceStatus, ecustomers: PaceStatus, devices: PaceStatus, visitors: PaceStatus, revenue: PaceStatus];

/**
 * Expected statuses at each moment, the same in both time zones (the moments are local times).
 * `steady` is a rep doing the plan (one contact and one device a working day, e-quotes Tuesday and
 * Thursday, a customer every tenth working day, 400 USD a day, 260 visitors last month);
 * `nothing` is a rep with nothing counted and no visitors figure.
 */
const EXPECTED: Record<string, { steady: Row; nothing: Row }> = {
  'install day, Mon 30 Nov 09:33': {
    steady: ['not-due', 'not-due', 'not-due', 'not-due', 'met', 'not-due'],
    nothing: ['not-due', 'not-due', 'not-due', 'not-due', 'not-due', 'not-due'],
  },
  'Monday 08:40 (14 Dec)': {
    steady: ['not-due', 'not-due', 'ahead', 'ahead', 'met', 'ahead'],
    nothing: ['not-due', 'not-due', 'not-due', 'behind', 'not-due', 'behind'],
  },
  'Monday 00:05 (14 Dec)': {
    steady: ['not-due', 'not-due', 'ahead', 'ahead', 'met', 'ahead'],
    nothing: ['not-due', 'not-due', 'not-due', 'behind', 'not-due', 'behind'],
  },
  'Wednesday 11:00 (16 Dec)': {
    steady: ['ahead', 'ahead', 'ahead', 'ahead', 'met', 'ahead'],
    nothing: ['behind', 'not-due', 'not-due', 'behind', 'not-due', 'behind'],
  },
  'Friday 17:30 (18 Dec)': {
    steady: ['met', 'met', 'met', 'ahead', 'met', 'ahead'],
    nothing: ['behind', 'behind', 'behind', 'behind', 'not-due', 'behind'],
  },
  'Sunday 23:59 (20 Dec)': {
    steady: ['met', 'met', 'met', 'ahead', 'met', 'ahead'],
    nothing: ['behind', 'behind', 'behind', 'behind', 'not-due', 'behind'],
  },
  'day off, Thu 24 Dec 15:00 (24–25 Dec off)': {
    // Three working days this week: 3 contacts and 1 e-quote are the whole (reduced) target.
    steady: ['met', 'met', 'met', 'ahead', 'met', 'ahead'],
    nothing: ['behind', 'behind', 'behind', 'behind', 'not-due', 'behind'],
  },
  'month and year end, Thu 31 Dec 17:00': {
    steady: ['ahead', 'met', 'met', 'met', 'met', 'met'],
    nothing: ['behind', 'behind', 'behind', 'behind', 'not-due', 'behind'],
  },
  '1 January 11:00 (Fri)': {
    steady: ['met', 'met', 'ahead', 'ahead', 'met', 'ahead'],
    nothing: ['behind', 'behind', 'not-due', 'not-due', 'not-due', 'not-due'],
  },
  '4 January 08:40 (Mon)': {
    steady: ['not-due', 'not-due', 'ahead', 'ahead', 'met', 'ahead'],
    // 1 January counts as a working day unless entered as a day off: its revenue share was due.
    nothing: ['not-due', 'not-due', 'not-due', 'not-due', 'not-due', 'behind'],
  },
  '4 January 08:40, 1 January entered as a day off': {
    steady: ['not-due', 'not-due', 'not-due', 'not-due', 'met', 'not-due'],
    nothing: ['not-due', 'not-due', 'not-due', 'not-due', 'not-due', 'not-due'],
  },
  // Sundays are not worked: the week's full pace is due, whatever the clock jumped.
  'spring DST day itself, Sun 14 Mar 2027 03:30 (NY skips 02:00–03:00)': {
    steady: ['met', 'met', 'ahead', 'ahead', 'met', 'ahead'],
    nothing: ['behind', 'behind', 'not-due', 'behind', 'not-due', 'behind'],
  },
  'spring DST day itself, Sun 28 Mar 2027 03:30 (Berlin skips 02:00–03:00)': {
    steady: ['met', 'met', 'met', 'met', 'met', 'ahead'],
    nothing: ['behind', 'behind', 'behind', 'behind', 'not-due', 'behind'],
  },
  'autumn DST day itself, Sun 31 Oct 2027 12:00 (Berlin has 25 hours)': {
    steady: ['met', 'met', 'met', 'met', 'met', 'ahead'],
    nothing: ['behind', 'behind', 'behind', 'behind', 'not-due', 'behind'],
  },
  'spring DST, Mon 15 Mar 2027 10:00 (NY changed Sun 14)': {
    steady: ['ahead', 'not-due', 'ahead', 'ahead', 'met', 'ahead'],
    nothing: ['not-due', 'not-due', 'not-due', 'behind', 'not-due', 'behind'],
  },
  'spring DST, Mon 29 Mar 2027 10:00 (Berlin changed Sun 28)': {
    steady: ['ahead', 'not-due', 'met', 'met', 'met', 'ahead'],
    nothing: ['not-due', 'not-due', 'behind', 'behind', 'not-due', 'behind'],
  },
  'autumn DST, Mon 1 Nov 2027 10:00 (Berlin changed Sun 31 Oct)': {
    steady: ['ahead', 'not-due', 'not-due', 'ahead', 'met', 'ahead'],
    nothing: ['not-due', 'not-due', 'not-due', 'not-due', 'not-due', 'behind'],
  },
  'autumn DST, Mon 8 Nov 2027 10:00 (NY changed Sun 7)': {
    steady: ['ahead', 'not-due', 'ahead', 'ahead', 'met', 'ahead'],
    nothing: ['not-due', 'not-due', 'not-due', 'behind', 'not-due', 'behind'],
  },
};

const asRow = (statuses: Record<KpiId, PaceStatus>): Row => KPI_IDS.map((kpi) => statuses[kpi]) as Row;

describe.each(ZONES)('clock matrix in %s', (zone) => {
  it.each(MATRIX.map((point) => [point.name, point] as [string, MatrixPoint]))('%s', (name, point) => {
    const expected = EXPECTED[name];
    expect(expected, name).toBeDefined();
    expect(asRow(steadyStatuses(point, zone))).toEqual(expected!.steady);
    expect(asRow(nothingCounted(point, zone))).toEqual(expected!.nothing);
  });

  it('a rep doing the plan never sees red, and the badge stays green', () => {
    for (const point of MATRIX) {
      const events = steadyRep(point, zone);
      const snapshot = computeSnapshot({
        settings: settingsFor(point, zone),
        now: instantOf(point, zone),
        counts: events.counts,
        revenue: events.revenue,
        visitors: events.lastMonthVisitors,
      });
      const badge = badgeFor(snapshot, Object.fromEntries(KPI_IDS.map((k) => [k, k])) as Record<KpiId, string>);
      expect([point.name, badge.text, badge.color]).toEqual([point.name, '6/6', '#2E7D32']);
    }
  });
});

describe('the cases the old pace got wrong', () => {
  const berlin = 'Europe/Berlin';
  const point = (name: string) => MATRIX.find((p) => p.name === name)!;
  const snapshotAt = (name: string, counts: Partial<Record<KpiId, number>>, revenue: { currency: string; amount: number }[] = []) => {
    const p = point(name);
    return computeSnapshot({ settings: settingsFor(p, berlin), now: instantOf(p, berlin), counts, revenue, visitors: undefined });
  };
  const kpi = (snapshot: ReturnType<typeof computeSnapshot>, id: KpiId) => snapshot.kpis.find((k) => k.kpi === id)!;

  it('install day: the first periods are pro-rated from the counting start, nothing is red', () => {
    const snapshot = snapshotAt('install day, Mon 30 Nov 09:33', {});
    const revenue = kpi(snapshot, 'revenue');
    // 24 of 253 working days of 2026 remain from 30 November (253 weekdays in 2026 counted 9–18).
    expect(revenue.fullTarget).toBe(100_000);
    expect(revenue.target).toBeCloseTo((100_000 * 24) / 261, 6);
    expect(revenue.proratedFrom).toBe(instantOf({ name: '', wall: [2026, 11, 30, 0, 0] }, berlin));
    expect(revenue.pace).toBeLessThan(revenue.target / 24);
    // November: one working day of 21 is left, so 20 devices become 1, 2 customers become 0.
    expect([kpi(snapshot, 'devices').target, kpi(snapshot, 'ecustomers').target]).toEqual([1, 0]);
    // The week started on install day: nothing to pro-rate.
    expect(kpi(snapshot, 'contacts')).toMatchObject({ target: 5 });
    expect(kpi(snapshot, 'contacts').proratedFrom).toBeUndefined();
    expect(snapshot.onPace).toBe(6);
  });

  it('Friday 17:30 with 4 of 5 contacts is at risk, not behind', () => {
    const contacts = kpi(snapshotAt('Friday 17:30 (18 Dec)', { contacts: 4 }), 'contacts');
    expect(contacts.pace).toBeCloseTo((5 * 44.5) / 45, 9);
    expect(contacts.status).toBe('at-risk');
    expect(contacts.outlook).toEqual({ remaining: 1, workingDaysLeft: 1, perDay: 1 });
  });

  it('Monday 08:40: nothing is due before work starts', () => {
    const snapshot = snapshotAt('Monday 08:40 (14 Dec)', {});
    expect(kpi(snapshot, 'contacts')).toMatchObject({ pace: 0, status: 'not-due', outlook: { remaining: 5, workingDaysLeft: 5, perDay: 1 } });
  });

  it('Sunday 23:59: the week is over, nothing more is due and no working day is left', () => {
    const contacts = kpi(snapshotAt('Sunday 23:59 (20 Dec)', { contacts: 5 }), 'contacts');
    expect(contacts.status).toBe('met');
    const short = kpi(snapshotAt('Sunday 23:59 (20 Dec)', { contacts: 3 }), 'contacts');
    expect(short.outlook).toEqual({ remaining: 2, workingDaysLeft: 0, perDay: 0 });
  });

  it('a day off stops the pace: Thursday 24 Dec owes what Wednesday evening did', () => {
    const p = point('day off, Thu 24 Dec 15:00 (24–25 Dec off)');
    const settings = settingsFor(p, berlin);
    const thursday = computeSnapshot({ settings, now: instantOf(p, berlin), counts: { contacts: 2 }, revenue: [], visitors: undefined });
    const wednesdayEvening = computeSnapshot({
      settings,
      now: instantOf({ name: '', wall: [2026, 12, 23, 18, 0] }, berlin),
      counts: { contacts: 2 },
      revenue: [],
      visitors: undefined,
    });
    expect(kpi(thursday, 'contacts').pace).toBe(kpi(wednesdayEvening, 'contacts').pace);
    // Three of five days are worked: the week asks for 3 contacts, all due by Wednesday evening.
    expect(kpi(thursday, 'contacts')).toMatchObject({ target: 3, fullTarget: 5, pace: 3, status: 'behind' });
  });
});

describe('what it takes, in words', () => {
  const en = getMessageFrom(readMessages('en'));
  const ru = getMessageFrom(readMessages('ru'));
  const progress = (kpi: KpiId, remaining: number, workingDaysLeft: number, extra: object = {}) =>
    ({
      kpi,
      period: kpi === 'revenue' ? 'year' : kpi === 'devices' || kpi === 'ecustomers' ? 'month' : 'week',
      periodStart: 0,
      periodEnd: 1,
      periodLabel: '',
      value: 0,
      target: 5,
      pace: 0,
      status: 'on-track',
      stillNeeded: remaining,
      teamYearProjection: 0,
      outlook: { remaining, workingDaysLeft, perDay: workingDaysLeft ? remaining / workingDaysLeft : 0 },
      ...extra,
    }) as const;
  const t = (lookup: typeof en) => (key: string, subs?: string | readonly string[]) =>
    lookup(key, subs === undefined ? undefined : typeof subs === 'string' ? [subs] : [...subs]) || key;

  it('English', () => {
    expect(outlookText(progress('contacts', 3, 3), t(en), 'en')).toBe('3 more contacts this week — about 1 a day');
    expect(outlookText(progress('contacts', 1, 3), t(en), 'en')).toBe('1 more contact this week — about 1 every 3 working days');
    expect(outlookText(progress('equotes', 2, 1), t(en), 'en')).toBe('2 more e-quotes this week — today is the last working day');
    expect(outlookText(progress('devices', 12, 6), t(en), 'en')).toBe('12 more devices this month — about 2 a day');
    expect(outlookText(progress('contacts', 2, 0), t(en), 'en')).toBe('2 more contacts this week — no working days left');
    expect(outlookText(progress('revenue', 9_000, 20, { currency: 'USD' }), t(en), 'en')).toBe('$9,000 more this year — about $450 a day');
    expect(outlookText(progress('contacts', 0, 3), t(en), 'en')).toBeUndefined();
  });

  it('Russian, with its plural forms', () => {
    expect(outlookText(progress('contacts', 3, 3), t(ru), 'ru')).toBe('ещё 3 контакта на этой неделе — примерно 1 в день');
    expect(outlookText(progress('contacts', 1, 3), t(ru), 'ru')).toBe('ещё 1 контакт на этой неделе — примерно 1 раз в 3 рабочих дня');
    expect(outlookText(progress('devices', 5, 5), t(ru), 'ru')).toBe('ещё 5 устройств в этом месяце — примерно 1 в день');
    expect(outlookText(progress('devices', 21, 21), t(ru), 'ru')).toBe('ещё 21 устройство в этом месяце — примерно 1 в день');
    expect(outlookText(progress('ecustomers', 2, 10), t(ru), 'ru')).toBe('ещё 2 онлайн-клиента в этом месяце — примерно 1 раз в 5 рабочих дней');
    // Intl separates thousands and the sign with no-break spaces.
    const spaced = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');
    expect(spaced(outlookText(progress('revenue', 9_000, 20, { currency: 'RUB' }), t(ru), 'ru'))).toBe('ещё 9 000 ₽ в этом году — примерно 450 ₽ в день');
  });
});
