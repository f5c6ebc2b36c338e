import Papa from 'papaparse';
import { guardFormula } from '@/lib/export/csv';
import type { ExportReport } from '@/lib/export/report';
import { reportTables, TABLE_KEYS, type CellKind, type ExportTable, type TableKey } from '@/lib/export/tables';
import { CATALOGUES } from '@/lib/i18n/catalogue';
import type { Translate } from '@/lib/i18n/messages';
import { CurrencySchema, type KpiId } from '@/lib/kpi/definitions';
import { isoWeekLabel } from '@/lib/kpi/periods';
import { FILE_DEVICE, TeamMonthSchema, TeamWeekSchema, type TeamMonth, type TeamTarget, type TeamWeek } from '@/lib/team/week';
import { MAX_IMPORT_CHARS, TeamImportError } from './errors';

/**
 * Reads the CSV report the popup exports for spreadsheets (lib/export/csv-report.ts): sections
 * Weeks, Months and Year, each a name line, a header and rows; headers in the rep's language;
 * "," with decimal points or ";" with decimal commas; dates in the rep's locale.
 *
 * Nothing is guessed. The language and separator are those under which the first section's name
 * and header are exactly what the writer writes (the headers are built here by the writer's own
 * table definitions with each language's messages); the decimal mark goes with the separator, as
 * in the writer; the order of day, month and year is the one under which every week runs seven
 * days with the week number written beside it and every month starts on its first day.
 */

type Language = keyof typeof CATALOGUES;
type Delimiter = ',' | ';';

interface Layout {
  language: Language;
  delimiter: Delimiter;
  t: Translate;
}

/** The writer's tables with no rows: their names, column keys, headers and kinds. */
function emptyTables(t: Translate, currency: string): Record<TableKey, ExportTable> {
  const report: ExportReport = { rep: '', currency, weeks: [], months: [], year: [] };
  const tables = reportTables(report, t);
  return Object.fromEntries(tables.map((table) => [table.key, table])) as Record<TableKey, ExportTable>;
}

const headersOf = (table: ExportTable): string[] => table.columns.map((column) => guardFormula(column.header));
const sameCells = (cells: readonly string[] | undefined, expected: readonly string[]): boolean =>
  cells !== undefined && cells.length === expected.length && cells.every((cell, i) => cell === expected[i]);

function parseRows(body: string, delimiter: Delimiter): string[][] {
  return Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false }).data;
}

/** The language and separator the file was written with; undefined for any other file. */
function detectLayout(body: string): Layout | undefined {
  // Only the first two lines decide: the first section's name and header.
  const head = body.split(/\r?\n/, 2).join('\r\n');
  const found: Layout[] = [];
  for (const language of Object.keys(CATALOGUES) as Language[]) {
    const t = CATALOGUES[language];
    const weeks = emptyTables(t, 'USD').weeks;
    for (const delimiter of [',', ';'] as const) {
      const [name, header] = parseRows(head, delimiter);
      if (sameCells(name, [guardFormula(weeks.name)]) && sameCells(header, headersOf(weeks))) found.push({ language, delimiter, t });
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

/** True when the file starts the way the CSV report does, in a language the extension speaks. */
export function isReportCsv(text: string): boolean {
  return detectLayout(text.replace(/^\uFEFF/, '')) !== undefined;
}

/** The currency in the year table's revenue header ("Online revenue, EUR"), read with the message's own wording. */
function currencyOf(header: string | undefined, t: Translate): string | undefined {
  const marker = '\u0001';
  const [before = '', after = ''] = guardFormula(t('export_colRevenue', marker)).split(marker);
  if (header === undefined || !header.startsWith(before) || !header.endsWith(after)) return undefined;
  const currency = header.slice(before.length, header.length - after.length);
  return CurrencySchema.safeParse(currency).success ? currency : undefined;
}

interface Section {
  key: TableKey;
  table: ExportTable;
  /** Data rows with the file's line number (1-based) of each. */
  rows: { line: number; cells: string[] }[];
}

/** Splits the rows into sections at empty lines and checks each against the writer's table. */
function readSections(rows: readonly string[][], layout: Layout): Section[] {
  const blocks: { line: number; cells: string[] }[][] = [];
  let block: { line: number; cells: string[] }[] = [];
  rows.forEach((cells, index) => {
    if (cells.length === 1 && cells[0] === '') {
      if (block.length > 0) blocks.push(block);
      block = [];
    } else block.push({ line: index + 1, cells });
  });
  if (block.length > 0) blocks.push(block);

  const revenueColumn = emptyTables(layout.t, 'USD').year.columns.findIndex((column) => column.key === 'revenue');
  const currency = currencyOf(blocks[TABLE_KEYS.indexOf('year')]?.[1]?.cells[revenueColumn], layout.t);
  if (blocks.length !== TABLE_KEYS.length || currency === undefined) throw new TeamImportError('wrong-columns');
  const tables = emptyTables(layout.t, currency);
  return TABLE_KEYS.map((key, index) => {
    const [name, header, ...data] = blocks[index]!;
    const table = tables[key];
    if (!sameCells(name?.cells, [guardFormula(table.name)])) throw new TeamImportError('wrong-columns');
    const expected = headersOf(table);
    if (!sameCells(header?.cells, expected)) {
      // The report of the first versions had no year target column; the rest is the same.
      if (key === 'year' && sameCells(header?.cells, expected.slice(0, -1))) throw new TeamImportError('older-report');
      throw new TeamImportError('wrong-columns');
    }
    return { key, table, rows: data };
  });
}

type DateOrder = 'dmy' | 'mdy' | 'ymd';
const DATE_ORDERS: readonly DateOrder[] = ['dmy', 'mdy', 'ymd'];
const DATE_CELL = /^(\d{1,4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,4})\.?$/;

/** "YYYY-MM-DD" of a locale-written date under one order of its parts; undefined if it is no date then. */
function isoDate(cell: string, order: DateOrder): string | undefined {
  const match = DATE_CELL.exec(cell.trim());
  if (!match) return undefined;
  const [a, b, c] = [match[1]!, match[2]!, match[3]!];
  const [year, month, day] = order === 'dmy' ? [c, b, a] : order === 'mdy' ? [c, a, b] : [a, b, c];
  if (year.length !== 4) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined;
  return date.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** The ISO week label of a week by its first day: the week of its fourth day, as the rep's calendar labels it. */
const weekLabelOf = (first: string): string => isoWeekLabel(Date.parse(`${addDays(first, 3)}T12:00:00Z`), 'UTC');

/** The order of day, month and year under which every date of the file makes sense. */
function detectDateOrder(sections: readonly Section[]): DateOrder {
  const fits = DATE_ORDERS.filter((order) =>
    sections.every(({ key, table, rows }) =>
      rows.every(({ cells }) => {
        const at = (columnKey: string) => cells[table.columns.findIndex((column) => column.key === columnKey)] ?? '';
        if (key === 'weeks') {
          const first = isoDate(at('first'), order);
          const last = isoDate(at('last'), order);
          return first !== undefined && last === addDays(first, 6) && Number(weekLabelOf(first).slice(6)) === Number(at('isoWeek'));
        }
        return isoDate(at('month'), order)?.endsWith('-01') === true;
      }),
    ),
  );
  // Exactly one order must fit; a file that two orders could explain is refused, not guessed.
  if (fits.length !== 1) throw new TeamImportError('invalid-value');
  return fits[0]!;
}

type Cell = string | number | null;

/** One cell as the writer wrote it for its kind; throws for anything else. */
function cellValue(raw: string, kind: CellKind, mark: '.' | ',', order: DateOrder): Cell {
  if (raw === '') return null;
  switch (kind) {
    case 'text':
      // The writer puts a quote before text that would start a formula; it is not part of the text.
      return /^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw;
    case 'date':
    case 'month':
      return isoDate(raw, order) ?? Number.NaN;
    case 'integer':
      return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    case 'number':
    case 'money':
    case 'ratio': {
      const pattern = mark === ',' ? /^-?\d+(,\d+)?$/ : /^-?\d+(\.\d+)?$/;
      return pattern.test(raw) ? Number(raw.replace(',', '.')) : Number.NaN;
    }
  }
}

type RowRecord = Record<string, Cell>;

function readRows(section: Section, mark: '.' | ',', order: DateOrder): { line: number; record: RowRecord }[] {
  const { columns } = section.table;
  return section.rows.map(({ line, cells }) => {
    if (cells.length !== columns.length) throw new TeamImportError('invalid-value', { row: line });
    const record: RowRecord = {};
    columns.forEach((column, index) => {
      const value = cellValue(cells[index]!, column.kind, mark, order);
      if (Number.isNaN(value)) throw new TeamImportError('invalid-value', { row: line, column: column.header });
      record[column.key] = value;
    });
    return { line, record };
  });
}

/** A required cell; its absence is the file's fault, named by row and column. */
function required<T extends 'string' | 'number'>(entry: { line: number; record: RowRecord }, key: string, type: T, section: Section): T extends 'string' ? string : number {
  const value = entry.record[key];
  if (typeof value !== type) {
    throw new TeamImportError('invalid-value', { row: entry.line, column: section.table.columns.find((c) => c.key === key)?.header ?? key });
  }
  return value as T extends 'string' ? string : number;
}

export interface ReportCsvContent {
  weeks: TeamWeek[];
  months: TeamMonth[];
}

/**
 * The rep's weeks (contacts and e-quotes, with the targets in force) and calendar months (new
 * online customers, devices, visitors, revenue) from the CSV report. Throws TeamImportError at
 * the first row or cell that is not what the writer writes; nothing of such a file is taken.
 */
export function readReportCsv(text: string): ReportCsvContent {
  if (text.length > MAX_IMPORT_CHARS) throw new TeamImportError('too-large');
  const body = text.replace(/^\uFEFF/, '');
  const layout = detectLayout(body);
  if (!layout) throw new TeamImportError('unknown-format');
  const parsed = Papa.parse<string[]>(body, { delimiter: layout.delimiter, skipEmptyLines: false });
  if (parsed.errors.length > 0) throw new TeamImportError('invalid-value', { row: (parsed.errors[0]!.row ?? 0) + 1 });
  const sections = readSections(parsed.data, layout);
  const [weekSection, monthSection, yearSection] = sections as [Section, Section, Section];
  const currency = currencyOf(yearSection.table.columns.find((column) => column.key === 'revenue')!.header, layout.t)!;
  const mark = layout.delimiter === ';' ? ',' : '.';
  const order = detectDateOrder(sections);
  const weekRows = readRows(weekSection, mark, order);
  const monthRows = readRows(monthSection, mark, order);
  const yearRows = readRows(yearSection, mark, order);

  // Targets in force at the export, per rep: the latest month and year rows carry them.
  const latestTargets = new Map<string, Partial<Record<KpiId, TeamTarget>>>();
  const targetsOf = (rep: string) => latestTargets.get(rep) ?? latestTargets.set(rep, {}).get(rep)!;
  for (const entry of monthRows) {
    const targets = targetsOf(required(entry, 'rep', 'string', monthSection));
    for (const kpi of ['ecustomers', 'devices', 'visitors'] as const) targets[kpi] = { target: required(entry, `${kpi}.target`, 'number', monthSection), period: 'month' };
  }
  for (const entry of yearRows) {
    targetsOf(required(entry, 'rep', 'string', yearSection)).revenue = { target: required(entry, 'yearTarget', 'number', yearSection), period: 'year' };
  }

  const weeks = weekRows.map((entry): TeamWeek => {
    const rep = required(entry, 'rep', 'string', weekSection);
    const first = required(entry, 'first', 'string', weekSection);
    const targets = targetsOf(rep);
    if (!targets.ecustomers || !targets.revenue) throw new TeamImportError('invalid-value', { row: entry.line });
    const week = {
      rep: rep.trim(),
      device: FILE_DEVICE,
      week: weekLabelOf(first),
      weekStart: first,
      month: addDays(first, 3).slice(0, 7),
      currency,
      counts: { contacts: required(entry, 'contacts', 'number', weekSection), equotes: required(entry, 'equotes', 'number', weekSection), ecustomers: 0, devices: 0 },
      revenue: 0,
      revenueOther: '',
      visitors: null,
      targets: {
        contacts: { target: required(entry, 'contacts.target', 'number', weekSection), period: 'week' },
        equotes: { target: required(entry, 'equotes.target', 'number', weekSection), period: 'week' },
        ecustomers: targets.ecustomers,
        devices: targets.devices!,
        visitors: targets.visitors!,
        revenue: targets.revenue,
      },
      weeklyOnly: true,
    } satisfies TeamWeek;
    const result = TeamWeekSchema.safeParse(week);
    if (!result.success) throw new TeamImportError('invalid-value', { row: entry.line });
    return result.data;
  });

  const months = new Map<string, TeamMonth>();
  const monthOf = (rep: string, first: string): TeamMonth => {
    const key = `${rep}|${first.slice(0, 7)}`;
    let month = months.get(key);
    if (!month) {
      month = { rep: rep.trim(), device: FILE_DEVICE, month: first.slice(0, 7), currency, ecustomers: null, devices: null, visitors: null, revenue: null, revenueOther: '' };
      months.set(key, month);
    }
    return month;
  };
  for (const entry of monthRows) {
    const month = monthOf(required(entry, 'rep', 'string', monthSection), required(entry, 'month', 'string', monthSection));
    month.ecustomers = required(entry, 'ecustomers', 'number', monthSection);
    month.devices = required(entry, 'devices', 'number', monthSection);
    month.visitors = typeof entry.record.visitors === 'number' ? entry.record.visitors : null;
  }
  for (const entry of yearRows) {
    const month = monthOf(required(entry, 'rep', 'string', yearSection), required(entry, 'month', 'string', yearSection));
    month.revenue = required(entry, 'revenue', 'number', yearSection);
    month.revenueOther = typeof entry.record.otherCurrencies === 'string' ? entry.record.otherCurrencies : '';
  }
  return {
    weeks,
    months: [...months.values()].sort((a, b) => a.rep.localeCompare(b.rep) || a.month.localeCompare(b.month)).map((month) => {
      const result = TeamMonthSchema.safeParse(month);
      if (!result.success) throw new TeamImportError('invalid-value', { column: String(result.error.issues[0]?.path[0] ?? '') });
      return result.data;
    }),
  };
}
