import { describe, expect, it } from 'vitest';
import { toJson } from '@/lib/export/json';
import { TeamImportError } from '@/lib/team/import/errors';
import { readWeeklyJson as parseWeeklyExport } from '@/lib/team/import/json-reader';

// The export is read back where it is read in the product: by the team page's import.
const WeeklyExportError = TeamImportError;
import { MAX_EXPORT_WEEKS } from '@/lib/export/schema';
import { sampleRow } from './helpers';

const meta = { exportedAt: Date.UTC(2026, 10, 27, 9, 30), rep: 'Анна', currency: 'EUR' };
const valid = () => JSON.parse(toJson([sampleRow(), sampleRow({ week: '2026-W49', week_start: '2026-11-30', visitors_month: null })], meta));

describe('toJson, read back by the team import', () => {
  it('round-trips rows and metadata', () => {
    const rows = [sampleRow({ rep: 'Анна', revenue_other: '1200.00 SEK' }), sampleRow({ week: '2026-W49', visitors_month: null })];
    const parsed = parseWeeklyExport(toJson(rows, meta));
    expect(parsed).toEqual({
      schema: 'kpi-pacer/weekly',
      version: 1,
      exportedAt: '2026-11-27T09:30:00.000Z',
      rep: 'Анна',
      currency: 'EUR',
      weeks: rows,
    });
  });

  it('accepts a file saved with a BOM', () => {
    expect(parseWeeklyExport('\uFEFF' + toJson([], meta)).weeks).toEqual([]);
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseWeeklyExport('{"schema": "kpi-pacer/weekly",')).toThrow(/not-json/);
    expect(() => parseWeeklyExport('')).toThrow(WeeklyExportError);
  });

  it('refuses JSON that is some other file', () => {
    expect(() => parseWeeklyExport('[1,2,3]')).toThrow(/not-an-export/);
    expect(() => parseWeeklyExport('null')).toThrow(/not-an-export/);
    expect(() => parseWeeklyExport(JSON.stringify({ ...valid(), schema: 'other/weekly' }))).toThrow(/not-an-export/);
  });

  it('names the field that is wrong', () => {
    const document = valid();
    document.weeks[1].contacts = 'five';
    expect(() => parseWeeklyExport(JSON.stringify(document))).toThrow(/invalid-value \(row 2\) \(contacts\)/);
  });

  it('refuses a newer version it does not understand', () => {
    expect(() => parseWeeklyExport(JSON.stringify({ ...valid(), version: 2 }))).toThrow(/invalid-value \(version\)/);
  });

  it.each([
    ['a negative count', (d: any) => (d.weeks[0].equotes = -1)],
    ['a fractional count', (d: any) => (d.weeks[0].devices = 1.5)],
    ['a malformed week', (d: any) => (d.weeks[0].week = '2026-W54')],
    ['an impossible date', (d: any) => (d.weeks[0].week_start = '2026-13-40')],
    ['a lower-case currency', (d: any) => (d.currency = 'eur')],
    ['an unknown period', (d: any) => (d.weeks[0].target_revenue_period = 'decade')],
    ['an overlong rep name', (d: any) => (d.weeks[0].rep = 'x'.repeat(81))],
    ['an unknown field', (d: any) => (d.weeks[0].email = 'someone@example.com')],
    ['a missing field', (d: any) => delete d.weeks[0].revenue],
    ['a bad export time', (d: any) => (d.exportedAt = 'yesterday')],
  ])('refuses %s', (_, corrupt) => {
    const document = valid();
    corrupt(document);
    expect(() => parseWeeklyExport(JSON.stringify(document))).toThrow(WeeklyExportError);
  });

  it('refuses a prototype-pollution attempt and leaves Object.prototype alone', () => {
    const text = JSON.stringify(valid()).replace('"rep":"Анна"', '"rep":"Анна","__proto__":{"polluted":true}');
    expect(() => parseWeeklyExport(text)).toThrow(WeeklyExportError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses more weeks than any real export holds', () => {
    const document = valid();
    document.weeks = Array.from({ length: MAX_EXPORT_WEEKS + 1 }, () => sampleRow());
    expect(() => parseWeeklyExport(JSON.stringify(document))).toThrow(/invalid-value \(weeks\)/);
  });

  it('refuses an enormous file before parsing it', () => {
    expect(() => parseWeeklyExport(' '.repeat(5_000_001))).toThrow(/too-large/);
  });
});
