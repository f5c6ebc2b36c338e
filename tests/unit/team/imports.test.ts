import { describe, expect, it } from 'vitest';
import { weeklyCsv as toCsv } from './weekly-csv';
import { toJson } from '@/lib/export/json';
import type { WeeklyRow } from '@/lib/export/schema';
import { importTeamFiles } from '@/lib/team/imports';
import { readTeamFile } from '@/lib/team/import/read-file';
import { combineSources, type ImportedWeek } from '@/lib/team/merge';
import { sampleRow } from '@/tests/unit/export/helpers';

const NONE = { weeks: [], months: [] };
const EXPORTED_AT = Date.UTC(2026, 10, 27, 16);
const jsonFile = (rep: string, rows: WeeklyRow[]) => toJson(rows, { exportedAt: EXPORTED_AT, rep, currency: 'EUR' });

const annaW47 = sampleRow({ rep: 'Anna', week: '2026-W47', week_start: '2026-11-16', contacts: 3 });
const annaW48 = sampleRow({ rep: 'Anna', week: '2026-W48', week_start: '2026-11-23', contacts: 5 });
const borisW48 = sampleRow({ rep: 'Boris', week: '2026-W48', week_start: '2026-11-23', contacts: 7 });

function contactsOf(stored: readonly ImportedWeek[]): Record<string, number> {
  return Object.fromEntries(stored.map((entry) => [`${entry.week.rep} ${entry.week.week}`, entry.week.counts.contacts]));
}

describe('reading a weekly export', () => {
  it('reads the JSON export and the CSV export of the same weeks alike', () => {
    const rows = [annaW47, annaW48];
    const fromJson = readTeamFile(jsonFile('Anna', rows)).weeks;
    const fromCsv = readTeamFile(toCsv(rows)).weeks;
    expect(fromCsv).toEqual(fromJson);
    expect(fromJson.map((w) => [w.rep, w.week, w.counts.contacts, w.revenue, w.visitors, w.targets.revenue])).toEqual([
      ['Anna', '2026-W47', 3, 1234.5, 310, { target: 93500, period: 'year' }],
      ['Anna', '2026-W48', 5, 1234.5, 310, { target: 93500, period: 'year' }],
    ]);
  });

  it('takes back the quote the CSV puts before a name that would start a formula, and reads an empty visitors cell as none', () => {
    const [week] = readTeamFile(toCsv([sampleRow({ rep: '=Anna', visitors_month: null })])).weeks;
    expect(week!.rep).toBe('=Anna');
    expect(week!.visitors).toBeNull();
  });
});

describe('merging dropped files', () => {
  it('replaces the same rep and week instead of adding to it, and keeps other reps and weeks', () => {
    const first = importTeamFiles(NONE, [{ name: 'anna.json', text: jsonFile('Anna', [annaW47, annaW48]) }, { name: 'boris.csv', text: toCsv([borisW48]) }], 1);
    expect(contactsOf(first.stored.weeks)).toEqual({ 'Anna 2026-W47': 3, 'Anna 2026-W48': 5, 'Boris 2026-W48': 7 });

    // Anna sends week 48 again, now with 9 contacts, typed with other spacing and case.
    const again = importTeamFiles(first.stored, [{ name: 'anna-again.csv', text: toCsv([{ ...annaW48, rep: ' anna ', contacts: 9 }]) }], 2);
    expect(again.outcomes).toEqual([{ file: 'anna-again.csv', ok: true, reps: ['anna'], weeks: 1, replaced: 1 }]);
    expect(contactsOf(again.stored.weeks)).toEqual({ 'Anna 2026-W47': 3, 'anna 2026-W48': 9, 'Boris 2026-W48': 7 });
    expect(again.stored.weeks).toHaveLength(3);
  });

  it('refuses a file that does not validate with the reason, and changes nothing', () => {
    const start = importTeamFiles(NONE, [{ name: 'anna.json', text: jsonFile('Anna', [annaW48]) }], 1).stored;
    const badRow = JSON.parse(jsonFile('Anna', [annaW47, annaW48])) as { weeks: Record<string, unknown>[] };
    badRow.weeks[1]!.contacts = -2;
    const badCsv = toCsv([annaW47, { ...annaW48, contacts: 9 }]).replace(',9,', ',nine,');
    const files = [
      { name: 'not-json.json', text: '{"schema": "kpi-pacer/weekly", ' },
      { name: 'other.json', text: JSON.stringify({ schema: 'something-else', weeks: [] }) },
      { name: 'bad-value.json', text: JSON.stringify(badRow) },
      { name: 'bad-value.csv', text: badCsv },
      { name: 'columns.csv', text: 'rep,week,contacts\r\nAnna,2026-W48,5\r\n' },
      { name: 'no-name.json', text: jsonFile('', [{ ...annaW48, rep: '' }]) },
      { name: 'twice.csv', text: toCsv([annaW48, annaW48]) },
      { name: 'empty.csv', text: '' },
      { name: 'notes.txt', text: 'hello' },
    ];
    const result = importTeamFiles(start, files, 2);
    expect(result.outcomes).toEqual([
      { file: 'not-json.json', ok: false, problem: 'not-json' },
      { file: 'other.json', ok: false, problem: 'not-an-export' },
      { file: 'bad-value.json', ok: false, problem: 'invalid-value', row: 2, column: 'contacts' },
      { file: 'bad-value.csv', ok: false, problem: 'invalid-value', row: 2, column: 'contacts' },
      { file: 'columns.csv', ok: false, problem: 'wrong-columns' },
      { file: 'no-name.json', ok: false, problem: 'no-rep-name', row: 1 },
      { file: 'twice.csv', ok: false, problem: 'duplicate-week', row: 2 },
      { file: 'empty.csv', ok: false, problem: 'empty' },
      { file: 'notes.txt', ok: false, problem: 'unknown-format' },
    ]);
    expect(result.stored).toEqual(start);
  });

  it('takes the good files of a drop and refuses only the bad one', () => {
    const result = importTeamFiles(NONE, [{ name: 'bad.csv', text: 'rep\r\n' }, { name: 'boris.csv', text: toCsv([borisW48]) }], 1);
    expect(result.outcomes.map((o) => o.ok)).toEqual([false, true]);
    expect(contactsOf(result.stored.weeks)).toEqual({ 'Boris 2026-W48': 7 });
  });

  it('uses the server week where the server has one, and files for the rest', () => {
    const imported = importTeamFiles(NONE, [{ name: 'anna.json', text: jsonFile('Anna', [annaW47, annaW48]) }], 1).stored.weeks;
    const serverWeek = { ...imported[1]!.week, device: 'browser-1', counts: { ...imported[1]!.week.counts, contacts: 6 } };
    const combined = combineSources([serverWeek], imported);
    expect(combined.map((w) => [w.week, w.device, w.counts.contacts])).toEqual([
      ['2026-W48', 'browser-1', 6],
      ['2026-W47', 'file', 3],
    ]);
  });
});
