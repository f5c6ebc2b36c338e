import type { Translate } from '@/lib/i18n/messages';
import { MONTH_KPIS, WEEK_KPIS, type ExportReport, type ExportStatus, type Measure } from './report';

/**
 * The report laid out as the tables a manager reads, with headers in the rep's language. The
 * .xlsx writer turns each table into a sheet and the CSV writer into a section; both decide only
 * how a cell of each kind is written.
 */

/** `date` cells hold "YYYY-MM-DD"; `ratio` cells 1 for 100%. */
export type CellKind = 'text' | 'date' | 'month' | 'integer' | 'number' | 'money' | 'ratio';
export type CellValue = string | number | null;

export interface TableColumn {
  /** What the column holds, whatever the language: "rep", "contacts", "contacts.target", … Readers of the file go by it. */
  key: string;
  header: string;
  kind: CellKind;
  /** Approximate width in characters, for the sheet. */
  width: number;
}

export interface TableRow {
  cells: CellValue[];
  /** The period still running: its figures are so far, not final. */
  partial: boolean;
}

export const TABLE_KEYS = ['weeks', 'months', 'year'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

export interface ExportTable {
  key: TableKey;
  name: string;
  columns: TableColumn[];
  rows: TableRow[];
}

const STATUS_KEY: Record<ExportStatus, string> = {
  met: 'export_statusMet',
  missed: 'export_statusMissed',
  ahead: 'status_ahead',
  'on-track': 'status_onTrack',
  behind: 'status_behind',
  'at-risk': 'status_atRisk',
  'not-due': 'status_notDue',
};

/** Headers wrap in the sheet: a column is as wide as its longest word or its figures need. */
function column(key: string, header: string, kind: CellKind, width = defaultWidth(header, kind)): TableColumn {
  return { key, header, kind, width };
}

function defaultWidth(header: string, kind: CellKind): number {
  const longestWord = Math.max(...header.split(/\s+/).map((word) => word.length));
  const figures = kind === 'text' ? 14 : kind === 'date' || kind === 'money' ? 11 : 7;
  return Math.min(18, Math.max(figures, longestWord + 2));
}

/** The four columns of one KPI: count, target, % of target, status. */
function kpiColumns(t: Translate, kpi: string): TableColumn[] {
  const name = t(`kpi_${kpi}`);
  return [
    column(kpi, name, 'integer'),
    column(`${kpi}.target`, t('export_colTarget', name), 'number'),
    column(`${kpi}.ratio`, t('export_colRatio', name), 'ratio'),
    column(`${kpi}.status`, t('export_colStatus', name), 'text'),
  ];
}

function kpiCells(t: Translate, measure: Measure): CellValue[] {
  return [measure.value, measure.target, measure.ratio, measure.status === null ? null : t(STATUS_KEY[measure.status])];
}

export function reportTables(report: ExportReport, t: Translate): ExportTable[] {
  const rep = column('rep', t('export_colRep'), 'text', 16);
  const partial = column('partial', t('export_colPartial'), 'text');
  const partialCell = (isPartial: boolean): CellValue => (isPartial ? t('export_partialYes') : null);

  const weeks: ExportTable = {
    key: 'weeks',
    name: t('export_sheetWeeks'),
    columns: [
      rep,
      column('first', t('export_colWeek'), 'date', 11),
      column('last', t('export_colLastDay'), 'date', 11),
      column('isoWeek', t('export_colWeekNumber'), 'integer'),
      ...WEEK_KPIS.flatMap((kpi) => kpiColumns(t, kpi)),
      partial,
    ],
    rows: report.weeks.map((week) => ({
      partial: week.partial,
      cells: [report.rep, week.first, week.last, week.isoWeek, ...WEEK_KPIS.flatMap((kpi) => kpiCells(t, week.kpis[kpi])), partialCell(week.partial)],
    })),
  };

  const months: ExportTable = {
    key: 'months',
    name: t('export_sheetMonths'),
    columns: [rep, column('month', t('export_colMonth'), 'month', 13), ...MONTH_KPIS.flatMap((kpi) => kpiColumns(t, kpi)), partial],
    rows: report.months.map((month) => ({
      partial: month.partial,
      cells: [report.rep, month.first, ...MONTH_KPIS.flatMap((kpi) => kpiCells(t, month.kpis[kpi])), partialCell(month.partial)],
    })),
  };

  const currency = report.currency;
  const year: ExportTable = {
    key: 'year',
    name: t('export_sheetYear'),
    columns: [
      rep,
      column('month', t('export_colMonth'), 'month', 13),
      column('revenue', t('export_colRevenue', currency), 'money', 13),
      column('yearToDate', t('export_colYearToDate', currency), 'money', 13),
      column('targetToDate', t('export_colTargetToDate', currency), 'money', 13),
      column('ratio', t('export_colRatioToDate'), 'ratio', 10),
      column('status', t('export_colStatusPlain'), 'text', 13),
      column('otherCurrencies', t('export_colOtherCurrencies'), 'text', 16),
      partial,
      // Last, so the columns a spreadsheet user already knows stay where they were. A team page
      // reading the file needs the year's target, which "target to date" only gives pro-rated.
      column('yearTarget', t('export_colYearTarget', currency), 'money', 13),
    ],
    rows: report.year.map((month) => ({
      partial: month.partial,
      cells: [
        report.rep,
        month.first,
        month.revenue,
        month.yearToDate,
        month.targetToDate,
        month.ratio,
        t(STATUS_KEY[month.status]),
        month.otherCurrencies || null,
        partialCell(month.partial),
        month.yearTarget,
      ],
    })),
  };

  return [weeks, months, year];
}
