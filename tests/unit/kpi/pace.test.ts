import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS } from '@/lib/kpi/definitions';
import { isOnPace, judge, pace, stillNeeded, teamYearProjection } from '@/lib/kpi/pace';

const DAY = 86_400_000;

describe('pace', () => {
  it('spreads the target over working time', () => {
    expect(pace(5, 2.5 * DAY, 5 * DAY)).toBe(2.5);
    expect(pace(20, 0, 22 * DAY)).toBe(0);
    expect(pace(20, 22 * DAY, 22 * DAY)).toBe(20);
  });

  it('clamps to the period and survives a period with no working time', () => {
    expect(pace(5, 6 * DAY, 5 * DAY)).toBe(5);
    expect(pace(5, -DAY, 5 * DAY)).toBe(0);
    expect(pace(5, 0, 0)).toBe(0);
  });
});

describe('judge', () => {
  it('a count KPI is behind only when short by a whole item AND by the 10% margin', () => {
    // Wednesday 11:00 of a 5-a-week target: 2.22 due.
    expect(judge({ value: 1, target: 5, due: 2.22, unit: 1 })).toBe('behind');
    expect(judge({ value: 2, target: 5, due: 2.22, unit: 1 })).toBe('on-track');
    // Friday 17:30: 4.94 due, 4 counted: short by the margin and most of an item, not a whole one.
    expect(judge({ value: 4, target: 5, due: 4.94, unit: 1 })).toBe('at-risk');
    // Large targets: a whole item short within the margin is a warning, not red.
    expect(judge({ value: 17, target: 20, due: 18.5, unit: 1 })).toBe('at-risk');
    expect(judge({ value: 16, target: 20, due: 18.5, unit: 1 })).toBe('behind');
  });

  it('holds the 10% boundary exactly', () => {
    expect(judge({ value: 9, target: 20, due: 10, unit: 1 })).toBe('behind');
    expect(judge({ value: 9.01, target: 20, due: 10, unit: 1 })).toBe('on-track');
  });

  it('before one item is due nothing is: grey with nothing counted, ahead with something', () => {
    expect(judge({ value: 0, target: 5, due: 0, unit: 1 })).toBe('not-due');
    expect(judge({ value: 0, target: 5, due: 0.99, unit: 1 })).toBe('not-due');
    expect(judge({ value: 1, target: 5, due: 0.4, unit: 1 })).toBe('ahead');
    expect(judge({ value: 0, target: 5, due: 1, unit: 1 })).toBe('behind');
  });

  it('revenue waits for a working day\'s share before it judges', () => {
    const dayShare = 100_000 / 252;
    expect(judge({ value: 0, target: 100_000, due: dayShare * 0.9, unit: dayShare })).toBe('not-due');
    expect(judge({ value: 0, target: 100_000, due: dayShare, unit: dayShare })).toBe('behind');
    expect(judge({ value: 46_000, target: 100_000, due: 50_000, unit: dayShare })).toBe('at-risk');
    expect(judge({ value: 49_900, target: 100_000, due: 50_000, unit: dayShare })).toBe('on-track');
  });

  it('met once the target is reached; ahead only above what was due', () => {
    expect(judge({ value: 5, target: 5, due: 2, unit: 1 })).toBe('met');
    expect(judge({ value: 7, target: 5, due: 5, unit: 1 })).toBe('met');
    expect(judge({ value: 3, target: 5, due: 3, unit: 1 })).toBe('on-track');
    expect(judge({ value: 3, target: 5, due: 2.5, unit: 1 })).toBe('ahead');
  });

  it('a target of nothing is never due', () => {
    expect(judge({ value: 0, target: 0, due: 0, unit: 1 })).toBe('not-due');
  });

  it('only behind counts against the badge', () => {
    expect(['ahead', 'on-track', 'at-risk', 'not-due', 'met'].every((s) => isOnPace(s as never))).toBe(true);
    expect(isOnPace('behind')).toBe(false);
  });
});

describe('stillNeeded', () => {
  it('never goes below zero', () => {
    expect(stillNeeded(5, 3)).toBe(2);
    expect(stillNeeded(5, 5)).toBe(0);
    expect(stillNeeded(5, 7)).toBe(0);
    expect(stillNeeded(100_000, 12_345.5)).toBe(87_654.5);
  });
});

describe('teamYearProjection matches the article with four reps', () => {
  it('5 contacts a week → 1,040 a year (about 1,000)', () => {
    expect(teamYearProjection(KPI_DEFINITIONS.contacts, 5, 'week', 4)).toBe(1040);
  });
  it('2 e-quotes a week → 104 a year per rep (about 100)', () => {
    expect(teamYearProjection(KPI_DEFINITIONS.equotes, 2, 'week', 1)).toBe(104);
  });
  it('2 online customers a month → 96 a year (about 100)', () => {
    expect(teamYearProjection(KPI_DEFINITIONS.ecustomers, 2, 'month', 4)).toBe(96);
  });
  it('100k revenue a year per rep → 400k', () => {
    expect(teamYearProjection(KPI_DEFINITIONS.revenue, 100_000, 'year', 4)).toBe(400_000);
  });
  it('quarterly targets count four times', () => {
    expect(teamYearProjection(KPI_DEFINITIONS.devices, 60, 'quarter', 3)).toBe(720);
  });
  it('company KPIs are not multiplied by team size', () => {
    expect(teamYearProjection(KPI_DEFINITIONS.visitors, 250, 'month', 4)).toBe(3000);
  });
});
