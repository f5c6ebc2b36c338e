import { describe, expect, it } from 'vitest';
import { KPI_DEFINITIONS } from '../../../lib/kpi/definitions';
import { pace, status, stillNeeded, teamYearProjection } from '../../../lib/kpi/pace';

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

describe('status', () => {
  it('10% or more short of the pace is behind; less short is on track', () => {
    expect(status(9.01, 10)).toBe('on-track');
    expect(status(9, 10)).toBe('behind');
    expect(status(18.01, 20)).toBe('on-track');
    expect(status(18, 20)).toBe('behind');
  });

  it('holds the 10% boundary for a pace computed from working time', () => {
    const expected = pace(5, 3 * DAY, 5 * DAY); // 3
    expect(status(2.71, expected)).toBe('on-track');
    expect(status(2.7, expected)).toBe('behind');
  });

  it('ahead only when strictly above the pace', () => {
    expect(status(10, 10)).toBe('on-track');
    expect(status(10.01, 10)).toBe('ahead');
    expect(status(2, 1.59)).toBe('ahead');
  });

  it('at the start of a period nothing is due', () => {
    expect(status(0, 0)).toBe('on-track');
    expect(status(1, 0)).toBe('ahead');
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
