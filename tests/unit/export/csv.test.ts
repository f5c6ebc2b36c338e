import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv, UTF8_BOM } from '../../../lib/export/csv';
import { WEEKLY_COLUMNS } from '../../../lib/export/schema';
import { sampleRow } from './helpers';

/** Reads CSV back with an independent RFC 4180 parser. */
function readBack(csv: string): string[][] {
  const parsed = Papa.parse<string[]>(csv.slice(UTF8_BOM.length), { newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and a header of every column, rows separated by CRLF', () => {
    const csv = toCsv([sampleRow(), sampleRow({ week: '2026-W49', week_start: '2026-11-30' })]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.charCodeAt(1)).not.toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(WEEKLY_COLUMNS.join(','));
    expect(lines[3]).toBe('');
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes an empty export as the header alone', () => {
    expect(toCsv([])).toBe(`${UTF8_BOM}${WEEKLY_COLUMNS.join(',')}\r\n`);
  });

  it('quotes commas, quotes and line breaks, and keeps Cyrillic intact', () => {
    const rep = 'Петрова, Анна "Аня"\nотдел продаж';
    const csv = toCsv([sampleRow({ rep })]);
    expect(csv).toContain('"Петрова, Анна ""Аня""\nотдел продаж"');
    const [header, row] = readBack(csv);
    expect(row![header!.indexOf('rep')]).toBe(rep);
  });

  it('writes numbers as plain numbers, revenue with two decimals, an absent figure as empty', () => {
    const [header, row] = readBack(toCsv([sampleRow({ revenue: 1234.5, contacts: 7, visitors_month: null })]));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('revenue')).toBe('1234.50');
    expect(cell('contacts')).toBe('7');
    expect(cell('visitors_month')).toBe('');
    expect(cell('target_revenue')).toBe('93500');
  });

  it.each(['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises text that a spreadsheet would run as a formula: %j',
    (rep) => {
      const [header, row] = readBack(toCsv([sampleRow({ rep })]));
      expect(row![header!.indexOf('rep')]).toBe(`'${rep}`);
    },
  );

  it('leaves ordinary text alone, including a formula character later in the text', () => {
    const [header, row] = readBack(toCsv([sampleRow({ rep: 'Anna = top seller' })]));
    expect(row![header!.indexOf('rep')]).toBe('Anna = top seller');
  });

  it('does not touch negative numbers: they are data, not formulas', () => {
    const [header, row] = readBack(toCsv([sampleRow({ revenue: -5, contacts: -1 })]));
    expect(row![header!.indexOf('revenue')]).toBe('-5.00');
    expect(row![header!.indexOf('contacts')]).toBe('-1');
  });
});
