import { describe, expect, it } from 'vitest';
import { teamFigures, targetFor } from '@/lib/team/figures';
import { teamWeekFromRow, type TeamWeek } from '@/lib/team/week';
import { BERLIN, local, sampleRow } from '@/tests/unit/export/helpers';

const calendar = { timeZone: BERLIN, weekStart: 1, workingDays: [1, 2, 3, 4, 5] };
// Thursday 26 Nov 2026, noon in Berlin: week 48 is 3.5 of its 5 working days through.
const NOW = local(BERLIN, 2026, 11, 26, 12);

function week(rep: string, label: string, start: string, counts: Partial<TeamWeek['counts']>, extra: Partial<TeamWeek> = {}, device = 'a'): TeamWeek {
  const base = teamWeekFromRow(sampleRow({ rep, week: label, week_start: start, revenue: 0, visitors_month: null, visitors_month_key: '2026-11' }), device);
  return { ...base, counts: { ...base.counts, contacts: 0, equotes: 0, ecustomers: 0, devices: 0, ...counts }, ...extra };
}

describe('team figures', () => {
  it('restates targets per column', () => {
    expect(targetFor({ target: 5, period: 'week' }, 'year')).toBe(260);
    expect(targetFor({ target: 2, period: 'month' }, 'year')).toBe(24);
    expect(targetFor({ target: 100_000, period: 'year' }, 'month')).toBeCloseTo(8333.33, 2);
  });

  it('sums a rep’s devices into one rep, adds reps up against per-rep target × reps, ranks and projects', () => {
    const weeks = [
      week('Anna', '2026-W48', '2026-11-23', { contacts: 2 }, { revenue: 1000 }, 'laptop'),
      week('anna', '2026-W48', '2026-11-23', { contacts: 1 }, { revenue: 500 }, 'desktop'),
      week('Anna', '2026-W47', '2026-11-16', { contacts: 4 }),
      week('Boris', '2026-W48', '2026-11-23', { contacts: 6 }, { visitors: 120 }),
      week('Boris', '2026-W45', '2026-11-02', { contacts: 5 }, { visitors: 120 }),
      week('Vera', '2026-W48', '2026-11-23', { contacts: 0, equotes: 3 }, { visitors: 120 }),
      // Another year: outside year to date.
      week('Vera', '2025-W48', '2025-11-24', { contacts: 9 }, { month: '2025-11' }),
    ];
    const figures = teamFigures(weeks, NOW, calendar);
    expect(figures.week.label).toBe('2026-W48');
    expect(figures.month).toBe('2026-11');
    expect(figures.reps.map((r) => [r.rep, r.devices, r.cells.contacts.week!.value, r.cells.contacts.month!.value, r.cells.contacts.year!.value])).toEqual([
      ['Anna', 3, 3, 7, 7],
      ['Boris', 1, 6, 11, 11],
      ['Vera', 1, 0, 0, 0],
    ]);
    const contacts = figures.team.contacts;
    expect([contacts.week!.value, contacts.week!.target]).toEqual([9, 15]);
    expect([contacts.month!.value, contacts.year!.value, contacts.year!.target]).toEqual([18, 18, 780]);
    // Visitors are one company figure, not three reps' worth.
    expect([figures.team.visitors.month!.value, figures.team.visitors.month!.target, figures.team.visitors.week]).toEqual([120, 250, null]);
    expect(figures.team.revenue.year!.value).toBe(1500);

    const leaders = figures.leaderboards.find((b) => b.kpi === 'contacts')!;
    expect(leaders.column).toBe('week');
    expect(leaders.entries.map((e) => [e.rank, e.rep, e.value])).toEqual([
      [1, 'Boris', 6],
      [2, 'Anna', 3],
      [3, 'Vera', 0],
    ]);

    // 18 contacts from 1 January to Thursday noon of W48: 235.5 of the calendar year's 261 working
    // days (1 January 2026 is a Thursday), so 18 × 261 / 235.5.
    const projection = figures.projections.find((p) => p.kpi === 'contacts')!;
    expect(projection.target).toBe(780);
    expect(projection.reaches).toBeCloseTo((18 * 261) / 235.5, 9);

    const trend = figures.trends.find((t) => t.kpi === 'contacts')!;
    expect(trend.points).toHaveLength(12);
    expect(trend.points.at(-1)).toMatchObject({ label: '2026-W48', team: 9 });
    expect(trend.points.at(-2)).toMatchObject({ label: '2026-W47', team: 4 });
    expect(trend.points.at(-4)!.byRep).toEqual({ anna: 0, boris: 5, vera: 0 });
  });

  it('ties share a rank and an empty team shows zeros', () => {
    const figures = teamFigures([week('A', '2026-W48', '2026-11-23', { contacts: 2 }), week('B', '2026-W48', '2026-11-23', { contacts: 2 })], NOW, calendar);
    expect(figures.leaderboards[0]!.entries.map((e) => e.rank)).toEqual([1, 1]);
    const empty = teamFigures([], NOW, calendar);
    expect(empty.reps).toEqual([]);
    expect(empty.team.contacts.week!.value).toBe(0);
  });
});
