import { describe, expect, it } from 'vitest';
import { exportFilename } from '@/lib/export/filename';
import { exportRangeBounds } from '@/lib/export/ranges';
import { weeksBetween } from '@/lib/kpi/periods';
import { BERLIN, local } from './helpers';

describe('exportFilename', () => {
  it('names the rep and the first and last week', () => {
    expect(exportFilename('Anna Petrova', '2026-W45', '2026-W48', 'csv')).toBe('kpi-pacer_anna-petrova_2026-W45_2026-W48.csv');
    expect(exportFilename('Анна Петрова', '2026-W48', '2026-W48', 'json')).toBe('kpi-pacer_анна-петрова_2026-W48.json');
  });

  it('drops characters a file system could refuse, and an empty name', () => {
    expect(exportFilename('../..\\a:b*?"<>|', '2026-W01', '2026-W02', 'csv')).toBe('kpi-pacer_a-b_2026-W01_2026-W02.csv');
    expect(exportFilename('', '2026-W01', '2026-W02', 'csv')).toBe('kpi-pacer_2026-W01_2026-W02.csv');
  });
});

describe('exportRangeBounds', () => {
  const calendar = { timeZone: BERLIN, weekStart: 1 };
  const now = local(BERLIN, 2026, 11, 26, 15); // Thursday of 2026-W48
  const labels = (range: Parameters<typeof exportRangeBounds>[0]) => {
    const { from, to } = exportRangeBounds(range, now, calendar);
    return weeksBetween(from, to, calendar).map((w) => w.label);
  };

  it('ends every choice with the current week, included', () => {
    expect(labels('this-week')).toEqual(['2026-W48']);
    expect(labels('last-4')).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    const last13 = labels('last-13');
    expect(last13).toHaveLength(13);
    expect([last13[0], last13[12]]).toEqual(['2026-W36', '2026-W48']);
  });

  it('steps back across a DST change without losing or doubling a week', () => {
    // From W48 back over 25 Oct (end of summer time) to W36.
    expect(new Set(labels('last-13')).size).toBe(13);
  });

  it('covers the year from its first week', () => {
    const year = labels('this-year');
    expect(year[0]).toBe('2026-W01');
    expect(year).toHaveLength(48);
  });
});
