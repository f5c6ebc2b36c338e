import { afterEach, describe, expect, it } from 'vitest';
import { KpiDatabase } from '@/lib/db/database';
import type { CountEvent } from '@/lib/db/events';
import { exportReport, exportWeeks, exportRangeBounds, monthRows, reportCsv, reportTables, toJson, type CsvDialect } from '@/lib/export';
import { CATALOGUES } from '@/lib/i18n/catalogue';
import { KPI_IDS } from '@/lib/kpi/definitions';
import type { Settings } from '@/lib/kpi/settings';
import { teamFigures, type TeamFigures } from '@/lib/team/figures';
import { importTeamFiles, type TeamImports } from '@/lib/team/imports';
import { readTeamFile } from '@/lib/team/import/read-file';
import { combineMonths, combineSources } from '@/lib/team/merge';
import { BERLIN, countEvent, local, revenueEvent, settingsFor } from '@/tests/unit/export/helpers';

/**
 * The CSV report as the popup writes it (the real writer, from a real database), read back by the
 * team page: the same figures as the same rep's JSON export, in English and Russian, with commas
 * and with semicolons.
 */

const NONE: TeamImports = { weeks: [], months: [] };
// Thursday 26 November 2026, noon in Berlin.
const NOW = local(BERLIN, 2026, 11, 26, 12);
const calendar = { timeZone: BERLIN, weekStart: 1, workingDays: [1, 2, 3, 4, 5] };

interface Rep {
  settings: Settings;
  language: 'en' | 'ru';
  locale: string;
  dialect: CsvDialect;
  events: CountEvent[];
  visitors: Record<string, number>;
}

const at = (m: number, d: number, h = 12) => local(BERLIN, 2026, m, d, h);

const REPS: Rep[] = [
  {
    settings: settingsFor({ repName: 'Анна Петрова', currency: 'EUR' }),
    language: 'ru',
    locale: 'ru',
    dialect: 'semicolon',
    events: [
      countEvent('contacts', at(11, 23)),
      countEvent('contacts', at(11, 24)),
      countEvent('contacts', at(11, 17)),
      countEvent('equotes', at(11, 25)),
      // Sunday 1 November: in week 44, whose middle day is in October; in November by the calendar.
      countEvent('ecustomers', at(11, 1)),
      countEvent('ecustomers', at(11, 20)),
      countEvent('devices', at(10, 30)),
      countEvent('devices', at(11, 1)),
      countEvent('devices', at(11, 2)),
      revenueEvent(at(3, 10), 40_000.5, 'EUR'),
      revenueEvent(at(11, 1), 1_250.25, 'EUR'),
      revenueEvent(at(11, 24), 99.99, 'EUR'),
      revenueEvent(at(11, 24), 200, 'GBP'),
    ],
    visitors: { '2026-10': 240, '2026-11': 310 },
  },
  {
    settings: settingsFor({ repName: 'Boris Ivanov', currency: 'EUR', targets: { contacts: { target: 6, period: 'week' }, revenue: { target: 120_000, period: 'year' } } }),
    language: 'en',
    locale: 'en-US',
    dialect: 'comma',
    events: [
      ...Array.from({ length: 7 }, (_, i) => countEvent('contacts', at(11, 16 + i))),
      countEvent('equotes', at(9, 30)),
      countEvent('ecustomers', at(10, 31)),
      countEvent('devices', at(11, 26, 9)),
      revenueEvent(at(1, 2), 1_000, 'EUR'),
      revenueEvent(at(10, 31), 2_500, 'EUR'),
      revenueEvent(at(11, 26, 9), 700.7, 'EUR'),
    ],
    visitors: { '2026-11': 310 },
  },
  {
    settings: settingsFor({ repName: 'Vera', currency: 'EUR' }),
    language: 'en',
    locale: 'en-GB',
    dialect: 'semicolon',
    events: [countEvent('contacts', at(11, 5)), countEvent('ecustomers', at(11, 25, 9)), revenueEvent(at(6, 15), 12_345.67, 'EUR')],
    visitors: {},
  },
];

let databases: KpiDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.map((db) => db.delete()));
  databases = [];
});

/** One rep's JSON export and CSV report of the last 13 weeks, written by the export's own code. */
async function exportsOf(rep: Rep): Promise<{ json: string; csv: string; name: string }> {
  const db = new KpiDatabase(`team-csv-${Math.random().toString(36).slice(2)}`);
  databases.push(db);
  await db.events.bulkAdd(rep.events);
  await db.visitors.bulkPut(Object.entries(rep.visitors).map(([month, value]) => ({ month, value, updatedAt: 1 })));
  const { from, to } = exportRangeBounds('last-13', NOW, { timeZone: BERLIN, weekStart: 1 });
  const [rows, report] = await Promise.all([exportWeeks(db, rep.settings, from, to), exportReport(db, rep.settings, from, to, NOW)]);
  const json = toJson(rows, { exportedAt: NOW, rep: rep.settings.repName, currency: rep.settings.currency }, monthRows(report));
  const csv = reportCsv(reportTables(report, CATALOGUES[rep.language]), { dialect: rep.dialect, locale: rep.locale });
  return { json, csv, name: rep.settings.repName };
}

function figuresOf(imports: TeamImports): TeamFigures {
  return teamFigures(combineSources([], imports.weeks), NOW, calendar, combineMonths([], imports.months));
}

/** The month and year-to-date cells of every rep and of the team, with the weekly KPIs' weeks. */
function comparable(figures: TeamFigures) {
  const columns = (cells: TeamFigures['team']) =>
    Object.fromEntries(
      KPI_IDS.map((kpi) => [kpi, { month: cells[kpi].month, year: cells[kpi].year, ...(['contacts', 'equotes'].includes(kpi) && { week: cells[kpi].week }) }]),
    );
  return {
    reps: figures.reps.map((rep) => ({ rep: rep.rep, targets: rep.targets, cells: columns(rep.cells) })),
    team: columns(figures.team),
    leaderboards: figures.leaderboards.filter((board) => board.column !== 'week' || ['contacts', 'equotes'].includes(board.kpi)),
    projections: figures.projections,
    trends: figures.trends.filter((trend) => trend.unit === 'month' || ['contacts', 'equotes'].includes(trend.kpi)),
  };
}

describe('the CSV report read back by the team page', () => {
  it('reads each language and dialect back to the figures of the same rep’s JSON export', async () => {
    const files = await Promise.all(REPS.map(exportsOf));
    // Each file as the rep's language and dialect wrote it.
    expect(files[0]!.csv.split('\r\n')[0]).toBe('\uFEFFНедели');
    expect(files[0]!.csv).toContain(';1350,24;');
    expect(files[1]!.csv).toContain('11/16/2026');
    expect(files[2]!.csv).toContain('16/11/2026');

    for (const file of files) {
      const fromJson = readTeamFile(file.json);
      const fromCsv = readTeamFile(file.csv);
      // Calendar months: the same figures, figure for figure.
      expect(fromCsv.months).toEqual(fromJson.months);
      // Weeks: the weekly KPIs and the targets in force.
      const weekly = (weeks: typeof fromJson.weeks) => weeks.map((w) => [w.rep, w.week, w.weekStart, w.month, w.currency, w.counts.contacts, w.counts.equotes, w.targets]);
      expect(weekly(fromCsv.weeks)).toEqual(weekly(fromJson.weeks));
      expect(fromCsv.weeks).toHaveLength(13);
    }

    const json = importTeamFiles(NONE, files.map((f) => ({ name: `${f.name}.json`, text: f.json })), 1);
    const csv = importTeamFiles(NONE, files.map((f) => ({ name: `${f.name}.csv`, text: f.csv })), 1);
    expect(csv.outcomes.every((o) => o.ok)).toBe(true);
    const fromJson = figuresOf(json.stored);
    const fromCsv = figuresOf(csv.stored);
    expect(comparable(fromCsv)).toEqual(comparable(fromJson));

    // And they are the figures by hand, by calendar month.
    const anna = fromCsv.reps.find((r) => r.rep === 'Анна Петрова')!;
    expect([anna.cells.ecustomers.month!.value, anna.cells.devices.month!.value, anna.cells.visitors.month!.value]).toEqual([2, 2, 310]);
    expect([anna.cells.ecustomers.year!.value, anna.cells.devices.year!.value, anna.cells.visitors.year!.value]).toEqual([2, 3, 550]);
    expect([anna.cells.revenue.month!.value, anna.cells.revenue.year!.value]).toEqual([1_350.24, 41_350.74]);
    expect(anna.cells.contacts.month!.value).toBe(3);
    const boris = fromCsv.reps.find((r) => r.rep === 'Boris Ivanov')!;
    expect(boris.targets.contacts).toEqual({ target: 6, period: 'week' });
    expect(boris.targets.revenue).toEqual({ target: 120_000, period: 'year' });
    expect([boris.cells.contacts.week!.value, boris.cells.contacts.month!.value, boris.cells.revenue.year!.value]).toEqual([0, 7, 4_200.7]);
    expect(fromCsv.team.ecustomers.month!.value).toBe(2 + 0 + 1);
    expect(fromCsv.team.ecustomers.year!.value).toBe(2 + 1 + 1);
    expect(fromCsv.team.revenue.year!.value).toBe(57_897.11); // 41,350.74 + 4,200.70 + 12,345.67
    // Visitors: one company figure, not summed over reps.
    expect(fromCsv.team.visitors.month!.value).toBe(310);
    // The CSV gives monthly KPIs per month only: no made-up weekly figure.
    expect(anna.cells.ecustomers.week).toBeNull();
    expect(fromCsv.team.revenue.week).toBeNull();
  });

  it('replaces the same rep’s weeks and months on a later file instead of adding to them', async () => {
    const [anna] = await Promise.all([exportsOf(REPS[0]!)]);
    const once = importTeamFiles(NONE, [{ name: 'anna.csv', text: anna!.csv }], 1);
    const twice = importTeamFiles(once.stored, [{ name: 'anna-again.csv', text: anna!.csv }, { name: 'anna.json', text: anna!.json }], 2);
    expect(twice.outcomes.map((o) => o.ok && o.replaced)).toEqual([13, 13]);
    expect(twice.stored.weeks).toHaveLength(13);
    expect(twice.stored.months).toHaveLength(once.stored.months.length);
    expect(comparable(figuresOf(twice.stored))).toEqual(comparable(figuresOf(once.stored)));

    // A later report with one more contact this week: the week's figure is replaced.
    const more = await exportsOf({ ...REPS[0]!, events: [...REPS[0]!.events, countEvent('contacts', at(11, 26, 9)), countEvent('ecustomers', at(11, 26, 9))] });
    const later = importTeamFiles(once.stored, [{ name: 'anna-later.csv', text: more.csv }], 3);
    const figures = figuresOf(later.stored);
    expect(figures.reps[0]!.cells.contacts.week!.value).toBe(3);
    expect(figures.reps[0]!.cells.ecustomers.month!.value).toBe(3);
    expect(later.stored.weeks).toHaveLength(13);
  });

  it('takes back the quote the writer puts before a name that would start a formula', async () => {
    const { csv } = await exportsOf({ ...REPS[1]!, settings: { ...REPS[1]!.settings, repName: '=Boris' } });
    expect(csv).toContain("'=Boris,");
    const file = readTeamFile(csv);
    expect(new Set([...file.weeks, ...file.months].map((entry) => entry.rep))).toEqual(new Set(['=Boris']));
  });

  it('refuses a CSV that is not the report as written, saying why, and changes nothing', async () => {
    const { csv } = await exportsOf(REPS[0]!);
    const start = importTeamFiles(NONE, [{ name: 'anna.csv', text: csv }], 1).stored;
    const lines = csv.split('\r\n');
    const contactsRow = lines.findIndex((line) => line.startsWith('Анна Петрова;23.11.2026'));
    const withCell = (row: number, index: number, value: string) =>
      lines.map((line, i) => (i === row ? line.split(';').map((cell, j) => (j === index ? value : cell)).join(';') : line)).join('\r\n');
    const yearHeader = lines.findIndex((line) => line.startsWith('Сотрудник;Месяц;Онлайн-выручка'));
    const withoutYearTarget = lines.map((line, i) => (i >= yearHeader && line.includes(';') ? line.split(';').slice(0, -1).join(';') : line)).join('\r\n');
    const files = [
      { name: 'count.csv', text: withCell(contactsRow, 4, 'два') },
      { name: 'decimal-point.csv', text: csv.replace(';1350,24;', ';1350.24;') },
      { name: 'date.csv', text: withCell(contactsRow, 2, '30.11.2026') },
      { name: 'older.csv', text: withoutYearTarget },
      { name: 'no-year.csv', text: lines.slice(0, yearHeader - 2).join('\r\n') },
      { name: 'german.csv', text: csv.replace('Недели', 'Wochen') },
      { name: 'header.csv', text: csv.replace('Сотрудник;Неделя с', 'Сотрудник;Неделя') },
    ];
    const result = importTeamFiles(start, files, 2);
    expect(result.outcomes).toEqual([
      { file: 'count.csv', ok: false, problem: 'invalid-value', row: contactsRow + 1, column: 'Новые контакты с email' },
      { file: 'decimal-point.csv', ok: false, problem: 'invalid-value', row: expect.any(Number), column: 'Онлайн-выручка, EUR' },
      { file: 'date.csv', ok: false, problem: 'invalid-value' },
      { file: 'older.csv', ok: false, problem: 'older-report' },
      { file: 'no-year.csv', ok: false, problem: 'wrong-columns' },
      { file: 'german.csv', ok: false, problem: 'unknown-format' },
      { file: 'header.csv', ok: false, problem: 'unknown-format' },
    ]);
    expect(result.stored).toEqual(start);
  });
});
