import Papa from 'papaparse';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { reportCsv } from '@/lib/export/csv-report';
import { UTF8_BOM } from '@/lib/export/csv';
import { dateFormatCode, datePattern, decimalMark, defaultCsvDialect, formatIsoDate } from '@/lib/export/locale-format';
import type { ExportReport } from '@/lib/export/report';
import { reportTables } from '@/lib/export/tables';
import { fitToPageWidth, writeXlsx, xlsxSheets } from '@/lib/export/xlsx';
import { getMessageFrom, readMessages } from '@/tests/unit/i18n/locale-messages';

const en = getMessageFrom(readMessages('en'));
const ru = getMessageFrom(readMessages('ru'));

const measure = (value: number | null, target: number, status: 'met' | 'missed' | 'behind' | null) => ({
  value,
  target,
  ratio: value === null ? null : value / target,
  status,
});

function sampleReport(rep = 'Анна Петрова'): ExportReport {
  return {
    rep,
    currency: 'EUR',
    weeks: [
      { first: '2026-11-16', last: '2026-11-22', isoWeek: 47, partial: false, kpis: { contacts: measure(4, 5, 'missed'), equotes: measure(2, 2, 'met') } },
      { first: '2026-11-23', last: '2026-11-29', isoWeek: 48, partial: true, kpis: { contacts: measure(1, 5, 'behind'), equotes: measure(0, 2, 'behind') } },
    ],
    months: [
      {
        first: '2026-11-01',
        last: '2026-11-30',
        partial: true,
        kpis: { ecustomers: measure(1, 2, 'behind'), devices: measure(12, 20, 'behind'), visitors: measure(300, 250, null) },
      },
    ],
    year: [
      { first: '2026-10-01', last: '2026-10-31', partial: false, revenue: 1000.5, yearToDate: 1000.5, targetToDate: 77916.67, yearTarget: 93500, ratio: 0.0128, status: 'behind', otherCurrencies: '' },
      { first: '2026-11-01', last: '2026-11-30', partial: true, revenue: 351000, yearToDate: 352000.5, targetToDate: 85000, yearTarget: 93500, ratio: 4.14, status: 'met', otherCurrencies: '200.00 GBP' },
    ],
  };
}

/** Sections of a report CSV: [name, header, ...rows] each. */
function sections(csv: string, delimiter: string): string[][][] {
  expect(csv.startsWith(UTF8_BOM)).toBe(true);
  return csv
    .slice(1)
    .trimEnd()
    .split('\r\n\r\n')
    .map((section) => {
      const parsed = Papa.parse<string[]>(section, { delimiter, newline: '\r\n' });
      expect(parsed.errors).toEqual([]);
      return parsed.data;
    });
}

describe('locale formats', () => {
  it('write dates the way the locale does', () => {
    expect(formatIsoDate('2026-11-03', datePattern('ru'))).toBe('03.11.2026');
    expect(formatIsoDate('2026-11-03', datePattern('de-DE'))).toBe('03.11.2026');
    expect(formatIsoDate('2026-11-03', datePattern('en-US'))).toBe('11/03/2026');
    expect(formatIsoDate('2026-11-03', datePattern('en-GB'))).toBe('03/11/2026');
    expect(dateFormatCode(datePattern('ru'))).toBe('dd.mm.yyyy');
    expect(dateFormatCode(datePattern('en-US'))).toBe('mm/dd/yyyy');
  });

  it('pick the CSV dialect from the decimal mark', () => {
    expect(decimalMark('ru')).toBe(',');
    expect(defaultCsvDialect('ru')).toBe('semicolon');
    expect(defaultCsvDialect('de')).toBe('semicolon');
    expect(defaultCsvDialect('en-US')).toBe('comma');
    expect(defaultCsvDialect('en-GB')).toBe('comma');
  });
});

describe('reportTables', () => {
  it('heads the columns in the rep’s language and keeps monthly figures off the weekly rows', () => {
    const [weeks, months, year] = reportTables(sampleReport(), ru);
    expect([weeks!.name, months!.name, year!.name]).toEqual(['Недели', 'Месяцы', 'Год']);
    expect(weeks!.columns.map((c) => c.header)).toEqual([
      'Сотрудник', 'Неделя с', 'Неделя по', '№ недели',
      'Новые контакты с email', 'Новые контакты с email: цель', 'Новые контакты с email: % от цели', 'Новые контакты с email: статус',
      'Электронные КП', 'Электронные КП: цель', 'Электронные КП: % от цели', 'Электронные КП: статус',
      'Период ещё идёт',
    ]);
    expect(weeks!.columns.some((c) => /посетител/i.test(c.header))).toBe(false);
    expect(months!.columns.filter((c) => /посетител/i.test(c.header))).toHaveLength(4);
    expect(year!.columns[2]!.header).toBe('Онлайн-выручка, EUR');
    expect(weeks!.rows[1]!.cells.at(-1)).toBe('да');
    expect(weeks!.rows[0]!.cells.at(-1)).toBeNull();
  });
});

describe('reportCsv', () => {
  it('writes semicolons, decimal commas and local dates for a Russian spreadsheet', () => {
    const csv = reportCsv(reportTables(sampleReport(), ru), { dialect: 'semicolon', locale: 'ru' });
    const [weeks, months, year] = sections(csv, ';');
    expect(weeks![0]).toEqual(['Недели']);
    expect(weeks![1]![0]).toBe('Сотрудник');
    expect(weeks![2]!.slice(0, 8)).toEqual(['Анна Петрова', '16.11.2026', '22.11.2026', '47', '4', '5', '80', 'Не выполнено']);
    expect(months![2]!.slice(1, 2)).toEqual(['01.11.2026']);
    expect(year![3]!.slice(2, 6)).toEqual(['351000,00', '352000,50', '85000,00', '414']);
    expect(year![3]![7]).toBe('200.00 GBP');
  });

  it('writes commas and decimal points for an English spreadsheet', () => {
    const csv = reportCsv(reportTables(sampleReport('Anna'), en), { dialect: 'comma', locale: 'en-US' });
    const [weeks, , year] = sections(csv, ',');
    expect(weeks![1]!.slice(0, 5)).toEqual(['Rep', 'Week from', 'Week to', 'Week no.', 'New contacts with email']);
    expect(weeks![2]!.slice(0, 4)).toEqual(['Anna', '11/16/2026', '11/22/2026', '47']);
    expect(year![2]!.slice(2, 6)).toEqual(['1000.50', '1000.50', '77916.67', '1.3']);
  });

  it.each(['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd'])('neutralises a rep name a spreadsheet would run: %j', (rep) => {
    const csv = reportCsv(reportTables(sampleReport(rep), en), { dialect: 'comma', locale: 'en' });
    const [weeks] = sections(csv, ',');
    expect(weeks![2]![0]).toBe(`'${rep}`);
  });

  it('quotes a name holding the separator', () => {
    const csv = reportCsv(reportTables(sampleReport('Петрова; Анна'), ru), { dialect: 'semicolon', locale: 'ru' });
    expect(sections(csv, ';')[0]![2]![0]).toBe('Петрова; Анна');
  });
});

describe('xlsx', () => {
  it('types numbers and dates, freezes the header and prints landscape', () => {
    const sheets = xlsxSheets(reportTables(sampleReport(), ru), { locale: 'ru' });
    expect(sheets.map((s) => s.sheet)).toEqual(['Недели', 'Месяцы', 'Год']);
    const weeks = sheets[0]!;
    expect(weeks.stickyRowsCount).toBe(1);
    expect(weeks.orientation).toBe('landscape');
    const row = weeks.data[1]!;
    expect(row[1]).toMatchObject({ type: Date, value: new Date('2026-11-16T00:00:00Z'), format: 'dd.mm.yyyy' });
    expect(row[4]).toMatchObject({ type: Number, value: 4, format: '0' });
    expect(row[6]).toMatchObject({ type: Number, value: 0.8, format: '0%' });
    expect(weeks.data[2]![0]).toMatchObject({ fontStyle: 'italic' });
    expect(sheets[2]!.data[1]![1]).toMatchObject({ format: '[$-419]mmmm yyyy' });
  });

  it('writes a workbook whose sheets fit one page wide', async () => {
    const blob = await writeXlsx(reportTables(sampleReport(), ru), { locale: 'ru' });
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toMatch(/<worksheet[^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
    expect(sheet).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(sheet).toMatch(/<pageSetup[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('name="Недели"');
    expect(strFromU8(files['xl/sharedStrings.xml']!)).toContain('Анна Петрова');
    expect(fitToPageWidth.files?.transform).toBeDefined();
  });
});
