import { describe, expect, it } from 'vitest';
import { tz } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import { isoWeekLabel, monthKey, periodRange, weeksBetween, workingTimeBetween } from '@/lib/kpi/periods';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
const MON_FRI = [1, 2, 3, 4, 5];

const berlin = { timeZone: 'Europe/Berlin', weekStart: 1 };
const newYork = { timeZone: 'America/New_York', weekStart: 1 };
const utc = { timeZone: 'UTC', weekStart: 1 };

describe('isoWeekLabel', () => {
  it('puts 2026-12-28 … 2027-01-03 in 2026-W53', () => {
    expect(isoWeekLabel(at('2026-12-28T00:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeekLabel(at('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeekLabel(at('2027-01-03T23:59:59Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeekLabel(at('2027-01-04T00:00:00Z'), 'UTC')).toBe('2027-W01');
  });

  it('puts 2024-12-30 in 2025-W01 and pads single-digit weeks', () => {
    expect(isoWeekLabel(at('2024-12-30T12:00:00Z'), 'UTC')).toBe('2025-W01');
    expect(isoWeekLabel(at('2024-12-29T12:00:00Z'), 'UTC')).toBe('2024-W52');
  });

  it('reads the week in the given time zone', () => {
    // 03:00 UTC on Monday 4 Jan 2027 is still Sunday evening in New York.
    expect(isoWeekLabel(at('2027-01-04T03:00:00Z'), 'America/New_York')).toBe('2026-W53');
    expect(isoWeekLabel(at('2027-01-04T03:00:00Z'), 'UTC')).toBe('2027-W01');
  });
});

describe('monthKey', () => {
  it('uses the local calendar month', () => {
    expect(monthKey(at('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe('2027-01');
    expect(monthKey(at('2027-01-01T03:00:00Z'), 'America/New_York')).toBe('2026-12');
    expect(monthKey(at('2028-02-29T12:00:00Z'), 'UTC')).toBe('2028-02');
  });
});

describe('periodRange across DST in Europe/Berlin', () => {
  it('spring forward: the week of Sunday 2026-03-29 is one hour short', () => {
    const week = periodRange('week', at('2026-03-29T12:00:00+02:00'), berlin);
    expect(week).toEqual({
      start: at('2026-03-23T00:00:00+01:00'),
      end: at('2026-03-30T00:00:00+02:00'),
      label: '2026-W13',
    });
    expect(week.end - week.start).toBe(7 * DAY - HOUR);
  });

  it('fall back: the week of Sunday 2026-10-25 is one hour long', () => {
    const week = periodRange('week', at('2026-10-25T23:30:00+01:00'), berlin);
    expect(week).toEqual({
      start: at('2026-10-19T00:00:00+02:00'),
      end: at('2026-10-26T00:00:00+01:00'),
      label: '2026-W43',
    });
    expect(week.end - week.start).toBe(7 * DAY + HOUR);
  });

  it('months, quarters and years start at local midnight', () => {
    expect(periodRange('month', at('2026-03-15T12:00:00Z'), berlin)).toEqual({
      start: at('2026-03-01T00:00:00+01:00'),
      end: at('2026-04-01T00:00:00+02:00'),
      label: '2026-03',
    });
    expect(periodRange('month', at('2026-10-25T12:00:00Z'), berlin)).toEqual({
      start: at('2026-10-01T00:00:00+02:00'),
      end: at('2026-11-01T00:00:00+01:00'),
      label: '2026-10',
    });
    expect(periodRange('quarter', at('2026-11-27T12:00:00Z'), berlin)).toEqual({
      start: at('2026-10-01T00:00:00+02:00'),
      end: at('2027-01-01T00:00:00+01:00'),
      label: '2026-Q4',
    });
    expect(periodRange('year', at('2026-07-01T12:00:00Z'), berlin)).toEqual({
      start: at('2026-01-01T00:00:00+01:00'),
      end: at('2027-01-01T00:00:00+01:00'),
      label: '2026',
    });
  });
});

describe('periodRange across DST in America/New_York', () => {
  it('Sunday-start week of 2026-03-08 (spring forward)', () => {
    const sundayStart = { timeZone: 'America/New_York', weekStart: 0 };
    const week = periodRange('week', at('2026-03-08T12:00:00-04:00'), sundayStart);
    expect(week).toEqual({
      start: at('2026-03-08T00:00:00-05:00'),
      end: at('2026-03-15T00:00:00-04:00'),
      label: '2026-W11',
    });
    expect(week.end - week.start).toBe(7 * DAY - HOUR);
  });

  it('Monday-start week holding Sunday 2026-03-08 ends that Sunday night', () => {
    expect(periodRange('week', at('2026-03-08T12:00:00-04:00'), newYork)).toEqual({
      start: at('2026-03-02T00:00:00-05:00'),
      end: at('2026-03-09T00:00:00-04:00'),
      label: '2026-W10',
    });
  });

  it('November 2026 (fall back on the 1st) is 30 days and one hour', () => {
    const month = periodRange('month', at('2026-11-01T01:30:00-05:00'), newYork);
    expect(month).toEqual({
      start: at('2026-11-01T00:00:00-04:00'),
      end: at('2026-12-01T00:00:00-05:00'),
      label: '2026-11',
    });
    expect(month.end - month.start).toBe(30 * DAY + HOUR);
  });
});

describe('week start and ISO week 53', () => {
  it('Monday start: the week of 2027-01-01 is 2026-W53', () => {
    expect(periodRange('week', at('2027-01-01T10:00:00Z'), utc)).toEqual({
      start: at('2026-12-28T00:00:00Z'),
      end: at('2027-01-04T00:00:00Z'),
      label: '2026-W53',
    });
  });

  it('Sunday start: weeks take the label of the ISO week holding most of their days', () => {
    const sundayStart = { timeZone: 'UTC', weekStart: 0 };
    expect(periodRange('week', at('2027-01-01T10:00:00Z'), sundayStart)).toEqual({
      start: at('2026-12-27T00:00:00Z'),
      end: at('2027-01-03T00:00:00Z'),
      label: '2026-W53',
    });
    // Sunday 3 Jan 2027 is ISO 2026-W53, but its Sunday-start week is Mon–Sat of 2027-W01.
    expect(periodRange('week', at('2027-01-03T10:00:00Z'), sundayStart)).toEqual({
      start: at('2027-01-03T00:00:00Z'),
      end: at('2027-01-10T00:00:00Z'),
      label: '2027-W01',
    });
  });

  it('Sunday start: 2024-12-29 opens the week labelled 2025-W01', () => {
    const sundayStart = { timeZone: 'UTC', weekStart: 0 };
    expect(periodRange('week', at('2024-12-31T10:00:00Z'), sundayStart).label).toBe('2025-W01');
    expect(periodRange('week', at('2024-12-31T10:00:00Z'), utc)).toEqual({
      start: at('2024-12-30T00:00:00Z'),
      end: at('2025-01-06T00:00:00Z'),
      label: '2025-W01',
    });
  });

  it('a Saturday-start week spans Saturday to Friday', () => {
    const saturdayStart = { timeZone: 'UTC', weekStart: 6 };
    expect(periodRange('week', at('2026-11-27T10:00:00Z'), saturdayStart)).toEqual({
      start: at('2026-11-21T00:00:00Z'),
      end: at('2026-11-28T00:00:00Z'),
      label: '2026-W48',
    });
  });
});

describe('month and year ends', () => {
  it('January 31 rolls into February', () => {
    const january = periodRange('month', at('2026-01-31T23:30:00+01:00'), berlin);
    expect(january.label).toBe('2026-01');
    expect(january.end).toBe(at('2026-02-01T00:00:00+01:00'));
    const february = periodRange('month', january.end, berlin);
    expect(february).toEqual({
      start: at('2026-02-01T00:00:00+01:00'),
      end: at('2026-03-01T00:00:00+01:00'),
      label: '2026-02',
    });
    expect(february.end - february.start).toBe(28 * DAY);
  });

  it('February 2028 has 29 days', () => {
    const february = periodRange('month', at('2028-02-29T23:59:00Z'), utc);
    expect(february).toEqual({ start: at('2028-02-01T00:00:00Z'), end: at('2028-03-01T00:00:00Z'), label: '2028-02' });
    expect(february.end - february.start).toBe(29 * DAY);
    const q1 = periodRange('quarter', at('2028-02-29T12:00:00Z'), utc);
    expect(q1.label).toBe('2028-Q1');
    expect(q1.end - q1.start).toBe(91 * DAY);
  });

  it('December 31 rolls into the next year', () => {
    const lastMinute = at('2026-12-31T23:59:00+01:00');
    expect(periodRange('month', lastMinute, berlin).label).toBe('2026-12');
    expect(periodRange('year', lastMinute, berlin).label).toBe('2026');
    const nextYear = periodRange('year', periodRange('year', lastMinute, berlin).end, berlin);
    expect(nextYear).toEqual({
      start: at('2027-01-01T00:00:00+01:00'),
      end: at('2028-01-01T00:00:00+01:00'),
      label: '2027',
    });
  });

  it('leap and common years differ by a day', () => {
    const y2028 = periodRange('year', at('2028-06-01T00:00:00Z'), utc);
    const y2026 = periodRange('year', at('2026-06-01T00:00:00Z'), utc);
    expect(y2028.end - y2028.start).toBe(366 * DAY);
    expect(y2026.end - y2026.start).toBe(365 * DAY);
  });
});

describe('weeksBetween', () => {
  it('lists every week overlapping December 2026, ending with W53', () => {
    const weeks = weeksBetween(at('2026-12-01T00:00:00Z'), at('2027-01-01T00:00:00Z'), utc);
    expect(weeks.map((w) => w.label)).toEqual(['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53']);
    expect(weeks[0]?.start).toBe(at('2026-11-30T00:00:00Z'));
    expect(weeks[4]?.end).toBe(at('2027-01-04T00:00:00Z'));
  });

  it('excludes a week that starts exactly at the range end', () => {
    const weeks = weeksBetween(at('2026-12-01T00:00:00Z'), at('2026-12-28T00:00:00Z'), utc);
    expect(weeks.map((w) => w.label)).toEqual(['2026-W49', '2026-W50', '2026-W51', '2026-W52']);
  });

  it('stays contiguous across DST', () => {
    const weeks = weeksBetween(at('2026-03-20T00:00:00Z'), at('2026-04-01T00:00:00Z'), berlin);
    expect(weeks.map((w) => w.label)).toEqual(['2026-W12', '2026-W13', '2026-W14']);
    expect(weeks[1]?.start).toBe(weeks[0]?.end);
    expect(weeks[2]?.start).toBe(weeks[1]?.end);
    expect(weeks[2]?.start).toBe(at('2026-03-30T00:00:00+02:00'));
  });

  it('is empty for an empty or reversed range', () => {
    expect(weeksBetween(at('2026-12-01T00:00:00Z'), at('2026-12-01T00:00:00Z'), utc)).toEqual([]);
    expect(weeksBetween(at('2026-12-02T00:00:00Z'), at('2026-12-01T00:00:00Z'), utc)).toEqual([]);
  });
});

describe('workingTimeBetween', () => {
  it('counts the 23-hour spring-forward Sunday in Berlin at its real length', () => {
    const week = periodRange('week', at('2026-03-25T12:00:00+01:00'), berlin);
    expect(workingTimeBetween(week.start, week.end, { timeZone: 'Europe/Berlin', workingDays: ALL_DAYS })).toBe(
      7 * 24 * HOUR - HOUR,
    );
    expect(workingTimeBetween(week.start, week.end, { timeZone: 'Europe/Berlin', workingDays: [0] })).toBe(23 * HOUR);
    expect(workingTimeBetween(week.start, week.end, { timeZone: 'Europe/Berlin', workingDays: MON_FRI })).toBe(
      5 * DAY,
    );
  });

  it('counts the 25-hour fall-back Sunday in Berlin', () => {
    const week = periodRange('week', at('2026-10-21T12:00:00+02:00'), berlin);
    expect(workingTimeBetween(week.start, week.end, { timeZone: 'Europe/Berlin', workingDays: [0] })).toBe(25 * HOUR);
  });

  it('counts partial days by real elapsed time', () => {
    const options = { timeZone: 'Europe/Berlin', workingDays: ALL_DAYS };
    // Saturday noon CET to Sunday noon CEST: 12 h on Saturday plus 11 h on the short Sunday.
    expect(workingTimeBetween(at('2026-03-28T12:00:00+01:00'), at('2026-03-29T12:00:00+02:00'), options)).toBe(
      23 * HOUR,
    );
    // Monday 00:00 to Wednesday 12:00 with Mon–Fri: two and a half days.
    expect(
      workingTimeBetween(at('2026-03-23T00:00:00+01:00'), at('2026-03-25T12:00:00+01:00'), {
        timeZone: 'Europe/Berlin',
        workingDays: MON_FRI,
      }),
    ).toBe(60 * HOUR);
  });

  it('skips non-working days entirely, even partially covered ones', () => {
    const options = { timeZone: 'UTC', workingDays: MON_FRI };
    // Friday 2026-11-27 18:00 to Monday 2026-11-30 06:00: 6 h Friday + 6 h Monday.
    expect(workingTimeBetween(at('2026-11-27T18:00:00Z'), at('2026-11-30T06:00:00Z'), options)).toBe(12 * HOUR);
    // Saturday to Sunday only.
    expect(workingTimeBetween(at('2026-11-28T00:00:00Z'), at('2026-11-30T00:00:00Z'), options)).toBe(0);
  });

  it('November 2026 in New York: 21 weekdays; five Sundays including the 25-hour one', () => {
    const month = periodRange('month', at('2026-11-15T12:00:00Z'), newYork);
    expect(workingTimeBetween(month.start, month.end, { timeZone: 'America/New_York', workingDays: MON_FRI })).toBe(
      21 * DAY,
    );
    expect(workingTimeBetween(month.start, month.end, { timeZone: 'America/New_York', workingDays: [0] })).toBe(
      25 * HOUR + 4 * DAY,
    );
    expect(workingTimeBetween(month.start, month.end, { timeZone: 'America/New_York', workingDays: ALL_DAYS })).toBe(
      30 * DAY + HOUR,
    );
  });

  it('March 2026 in New York: the spring-forward Sunday is 23 hours', () => {
    const month = periodRange('month', at('2026-03-15T12:00:00Z'), newYork);
    expect(workingTimeBetween(month.start, month.end, { timeZone: 'America/New_York', workingDays: [0] })).toBe(
      4 * DAY + 23 * HOUR,
    );
  });

  it('weekdays in a common year and a leap year', () => {
    const y2026 = periodRange('year', at('2026-06-01T00:00:00Z'), berlin);
    expect(workingTimeBetween(y2026.start, y2026.end, { timeZone: 'Europe/Berlin', workingDays: MON_FRI })).toBe(
      261 * DAY,
    );
    const y2028 = periodRange('year', at('2028-06-01T00:00:00Z'), utc);
    expect(workingTimeBetween(y2028.start, y2028.end, { timeZone: 'UTC', workingDays: MON_FRI })).toBe(260 * DAY);
    expect(workingTimeBetween(y2028.start, y2028.end, { timeZone: 'UTC', workingDays: ALL_DAYS })).toBe(366 * DAY);
  });

  it('is zero for empty ranges and no working days', () => {
    expect(workingTimeBetween(10, 10, { timeZone: 'UTC', workingDays: ALL_DAYS })).toBe(0);
    expect(workingTimeBetween(20, 10, { timeZone: 'UTC', workingDays: ALL_DAYS })).toBe(0);
    expect(workingTimeBetween(0, 7 * DAY, { timeZone: 'UTC', workingDays: [] })).toBe(0);
  });
});

describe('workingTimeBetween agrees with a day-by-day date-fns walk', () => {
  // Independent reference: step local midnights with TZDate, sum the working ones.
  function reference(from: number, to: number, timeZone: string, workingDays: number[]): number {
    const inZone = tz(timeZone);
    let total = 0;
    let day = startOfDay(from, { in: inZone });
    while (day.getTime() < to) {
      const next = startOfDay(addDays(day, 1, { in: inZone }), { in: inZone });
      if (workingDays.includes(day.getDay())) {
        total += Math.min(to, next.getTime()) - Math.max(from, day.getTime());
      }
      day = next;
    }
    return total;
  }

  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'America/Santiago', // DST starts at midnight: Sunday 2026-09-06 begins at 01:00
    'Australia/Lord_Howe', // 30-minute DST shift
    'Asia/Kathmandu', // +05:45, no DST
    'Pacific/Auckland',
  ];
  // Deterministic pseudo-random ranges across 2026–2028.
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const base = at('2026-01-01T00:00:00Z');
  const cases = zones.flatMap((zone) =>
    Array.from({ length: 8 }, () => {
      const from = base + Math.floor(random() * 900) * DAY + Math.floor(random() * DAY);
      const to = from + Math.floor(random() * 120 * DAY);
      return [zone, from, to] as const;
    }),
  );

  it.each(cases)('%s %i → %i', (zone, from, to) => {
    for (const days of [MON_FRI, [0], [6, 0], ALL_DAYS]) {
      expect(workingTimeBetween(from, to, { timeZone: zone, workingDays: days })).toBe(
        reference(from, to, zone, days),
      );
    }
  });

  it('Santiago: the Sunday that loses its midnight is 23 hours long', () => {
    const sunday = { timeZone: 'America/Santiago', workingDays: [0] };
    const week = periodRange('week', at('2026-09-03T12:00:00Z'), { timeZone: 'America/Santiago', weekStart: 1 });
    expect(workingTimeBetween(week.start, week.end, sunday)).toBe(23 * HOUR);
    expect(workingTimeBetween(week.start, week.end, { timeZone: 'America/Santiago', workingDays: [6] })).toBe(
      24 * HOUR,
    );
  });
});

describe('workingTimeBetween with working hours and days off', () => {
  const H = 3_600_000;
  const hours = { start: 9 * 60, end: 18 * 60 };
  const berlin = { timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5], hours };

  it('counts only 09:00–18:00 on working days', () => {
    // Monday 14 December 2026 08:40 → Wednesday 11:00, Berlin.
    expect(workingTimeBetween(Date.parse('2026-12-14T07:40:00Z'), Date.parse('2026-12-16T10:00:00Z'), berlin)).toBe(20 * H);
    // Before work starts and after it ends, nothing accrues.
    expect(workingTimeBetween(Date.parse('2026-12-14T00:00:00Z'), Date.parse('2026-12-14T08:00:00Z'), berlin)).toBe(0);
    expect(workingTimeBetween(Date.parse('2026-12-18T17:00:00Z'), Date.parse('2026-12-20T22:59:00Z'), berlin)).toBe(0);
  });

  it('is nine hours on both DST Mondays and the DST Sundays are not worked', () => {
    const ny = { ...berlin, timeZone: 'America/New_York', workingDays: [0, 1, 2, 3, 4, 5, 6] };
    // Sunday 14 March 2027 in New York loses 02:00–03:00, outside working hours: still 9 h.
    expect(workingTimeBetween(Date.parse('2027-03-14T05:00:00Z'), Date.parse('2027-03-15T04:00:00Z'), ny)).toBe(9 * H);
    // Sunday 31 October 2027 in Berlin has 25 hours, 9 of them worked.
    expect(workingTimeBetween(Date.parse('2027-10-30T22:00:00Z'), Date.parse('2027-10-31T23:00:00Z'), { ...berlin, workingDays: [0] })).toBe(9 * H);
  });

  it('skips days off, inclusive ranges of local dates', () => {
    const week = [Date.parse('2026-12-20T23:00:00Z'), Date.parse('2026-12-27T23:00:00Z')] as const;
    expect(workingTimeBetween(...week, berlin)).toBe(45 * H);
    expect(workingTimeBetween(...week, { ...berlin, daysOff: [{ from: '2026-12-24', to: '2026-12-25' }] })).toBe(27 * H);
    expect(workingTimeBetween(...week, { ...berlin, daysOff: [{ from: '2026-12-01', to: '2027-01-06' }] })).toBe(0);
  });
});

describe('periodRange asked again', () => {
  const calendar = { timeZone: 'America/New_York', weekStart: 0 };

  it('answers from a range found earlier only inside it, whatever the order of the questions', () => {
    const march = periodRange('month', Date.parse('2026-03-15T12:00:00Z'), calendar);
    expect(march.label).toBe('2026-03');
    const april = periodRange('month', march.end, calendar);
    expect(april).toMatchObject({ label: '2026-04', start: march.end });
    expect(periodRange('month', march.end - 1, calendar)).toEqual(march);
    expect(periodRange('month', march.start - 1, calendar).label).toBe('2026-02');
    const week = periodRange('week', march.end - 1, calendar);
    expect(periodRange('week', week.end, calendar).start).toBe(week.end);
  });

  it('hands out copies: a caller changing one does not change the next answer', () => {
    const at = Date.parse('2026-07-01T12:00:00Z');
    const first = periodRange('quarter', at, calendar);
    first.end = 0;
    expect(periodRange('quarter', at, calendar).end).toBeGreaterThan(at);
  });
});
