import { KPI_DEFINITIONS, KPI_IDS, type KpiId, type Period } from '@/lib/kpi/definitions';
import { judge, pace } from '@/lib/kpi/pace';
import { periodRange, weeksBetween, workingTimeBetween, type PeriodRange } from '@/lib/kpi/periods';
import type { PaceStatus } from '@/lib/kpi/snapshot-types';
import { COUNTED_TEAM_KPIS, repKey, type MonthlyTeamKpi, type TeamMonth, type TeamTarget, type TeamWeek } from './week';

/** The manager's calendar: which week, month and year "now" is in, and which days are worked. */
export interface TeamCalendar {
  timeZone: string;
  weekStart: number;
  workingDays: readonly number[];
}

export const TEAM_COLUMNS = ['week', 'month', 'year'] as const;
export type TeamColumn = (typeof TEAM_COLUMNS)[number];

/** One KPI over one column (this week, this month, year to date) against the target for it. */
export interface TeamCell {
  value: number;
  target: number;
  /** What was due by now: the target spread over the column's working time. */
  expected: number;
  status: PaceStatus;
}

export interface RepFigures {
  key: string;
  rep: string;
  currency: string;
  /** How many browsers sent this rep's figures (files count as one). */
  devices: number;
  /** The targets of the rep's latest week. */
  targets: Record<KpiId, TeamTarget>;
  /** Null where a column has no meaning (visitors in a week). */
  cells: Record<KpiId, Record<TeamColumn, TeamCell | null>>;
}

export interface LeaderboardEntry {
  key: string;
  rep: string;
  rank: number;
  value: number;
  target: number;
}

export interface Projection {
  kpi: KpiId;
  /** Where the year ends at the pace so far; null before any working time of the year passed. */
  reaches: number | null;
  target: number;
}

export interface TrendPoint {
  /** Week label ("2026-W48") or month ("2026-11") for visitors. */
  label: string;
  start: number;
  end: number;
  team: number;
  byRep: Record<string, number>;
}

export interface TeamFigures {
  now: number;
  week: PeriodRange;
  month: string;
  year: string;
  reps: RepFigures[];
  /** Team totals; revenue in `currency` only, other currencies listed apart. */
  team: Record<KpiId, Record<TeamColumn, TeamCell | null>>;
  currency: string;
  /** Reps whose revenue is in another currency and so is not in the team's revenue. */
  otherCurrencyReps: string[];
  /** The KPI's own period decides the column it is ranked on (weekly KPIs on this week, …). */
  leaderboards: { kpi: KpiId; column: TeamColumn; entries: LeaderboardEntry[] }[];
  projections: Projection[];
  /** Weekly KPIs over the last 12 weeks; monthly ones and revenue over the last 12 months. */
  trends: { kpi: KpiId; unit: 'week' | 'month'; points: TrendPoint[] }[];
}

const PER_YEAR: Record<Period, number> = { week: 52, month: 12, quarter: 4, year: 1 };
const COLUMN_PER_YEAR: Record<TeamColumn, number> = { week: 52, month: 12, year: 1 };
const LEADERBOARD_KPIS: readonly KpiId[] = ['contacts', 'equotes', 'ecustomers', 'devices', 'revenue'];
const TREND_LENGTH = 12;
const DAY_MS = 86_400_000;

/** A KPI's target restated for a column: 5 a week is about 21.7 a month and 260 a year. */
export function targetFor(target: TeamTarget, column: TeamColumn): number {
  return (target.target * PER_YEAR[target.period]) / COLUMN_PER_YEAR[column];
}

function rankColumn(period: Period): TeamColumn {
  return period === 'week' ? 'week' : period === 'month' ? 'month' : 'year';
}

/** One rep's week with every device added up: counts and revenue summed, visitors (one company figure) taken once. */
export function sumDevices(weeks: readonly TeamWeek[]): Map<string, { rep: string; devices: Set<string>; weeks: Map<string, TeamWeek> }> {
  const reps = new Map<string, { rep: string; devices: Set<string>; weeks: Map<string, TeamWeek> }>();
  for (const week of weeks) {
    const key = repKey(week.rep);
    let rep = reps.get(key);
    if (!rep) {
      rep = { rep: week.rep, devices: new Set(), weeks: new Map() };
      reps.set(key, rep);
    }
    rep.devices.add(week.device);
    const before = rep.weeks.get(week.week);
    if (!before) {
      rep.weeks.set(week.week, week);
      continue;
    }
    rep.weeks.set(week.week, {
      ...before,
      counts: Object.fromEntries(COUNTED_TEAM_KPIS.map((kpi) => [kpi, before.counts[kpi] + week.counts[kpi]])) as TeamWeek['counts'],
      revenue: Math.round((before.revenue + week.revenue) * 100) / 100,
      revenueOther: [before.revenueOther, week.revenueOther].filter(Boolean).join('; '),
      visitors: before.visitors === null ? week.visitors : week.visitors === null ? before.visitors : Math.max(before.visitors, week.visitors),
    });
  }
  return reps;
}

/**
 * The name to show for a rep whose browsers spell it differently ("Anna Petrova", "anna petrova"):
 * the spelling with the most capitals, as names are usually written, then the first in order.
 */
function displayName(spellings: readonly string[]): string {
  const capitals = (name: string) => (name.match(/\p{Lu}/gu) ?? []).length;
  return [...new Set(spellings.map((name) => name.trim()))].sort((a, b) => capitals(b) - capitals(a) || a.localeCompare(b))[0] ?? '';
}

/** A column's stretch of time: [start, end). */
type Span = Pick<PeriodRange, 'start' | 'end'>;

/** Share of a span's working time that has passed at `now`, 0…1. */
function elapsedShare(span: Span, now: number, calendar: TeamCalendar): { elapsed: number; total: number } {
  const options = { timeZone: calendar.timeZone, workingDays: calendar.workingDays };
  return { elapsed: workingTimeBetween(span.start, Math.min(now, span.end), options), total: workingTimeBetween(span.start, span.end, options) };
}

/**
 * The smallest shortfall that can make a figure behind: one whole item for counts. Revenue has no
 * whole items; on the team page it is judged by the 10% margin alone.
 */
export function unitOf(kpi: KpiId): number {
  return kpi === 'revenue' ? 0 : 1;
}

function cell(value: number, target: number, share: { elapsed: number; total: number }, unit: number): TeamCell {
  const expected = pace(target, share.elapsed, share.total);
  return { value, target, expected, status: judge({ value, target, due: expected, unit }) };
}

function weekValue(week: TeamWeek, kpi: Exclude<KpiId, 'visitors'>): number {
  return kpi === 'revenue' ? week.revenue : week.counts[kpi];
}

/** One rep, every device added up: weeks by label, file months by month. */
interface RepData {
  weeks: Map<string, TeamWeek>;
  months: Map<string, TeamMonth>;
}

/** The week's own figure for a KPI; null where the week does not carry it (a CSV report's week). */
function weekFigure(week: TeamWeek, kpi: Exclude<KpiId, 'visitors'>): number | null {
  if (week.weeklyOnly && kpi !== 'contacts' && kpi !== 'equotes') return null;
  return weekValue(week, kpi);
}

/**
 * A monthly KPI or revenue for one calendar month of one rep: the month's own figure where a file
 * gave it, else the weeks whose middle day falls in the month (as the export assigns them).
 */
function monthFigure(data: RepData, kpi: MonthlyTeamKpi, month: string): number {
  const given = data.months.get(month)?.[kpi];
  if (given !== null && given !== undefined) return given;
  const weeks = [...data.weeks.values()].filter((week) => week.month === month);
  if (kpi === 'visitors') return Math.max(0, ...weeks.map((week) => week.visitors ?? 0));
  return weeks.reduce((sum, week) => sum + (weekFigure(week, kpi) ?? 0), 0);
}

/** Every month a rep has figures for, from weeks and from files. */
function monthsOf(data: RepData): Set<string> {
  return new Set([...[...data.weeks.values()].map((week) => week.month), ...data.months.keys()]);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Everything the team page shows, from the weeks of every rep and device (and the calendar months
 * that dropped files give) at `now` in the manager's calendar. "This month" and "year to date" are
 * the calendar month and year holding `now`: the monthly KPIs and revenue by the rep's own
 * calendar months where a file gives them, otherwise, and for the weekly KPIs, as the sum of
 * whole weeks, each in the month of its middle day as in the export.
 */
export function teamFigures(input: readonly TeamWeek[], now: number, calendar: TeamCalendar, inputMonths: readonly TeamMonth[] = []): TeamFigures {
  const cal = { timeZone: calendar.timeZone, weekStart: calendar.weekStart };
  const week = periodRange('week', now, cal);
  const monthRange = periodRange('month', now, cal);
  const yearRange = periodRange('year', now, cal);
  const month = monthRange.label;
  const year = yearRange.label;
  const spans: Record<TeamColumn, Span> = {
    week,
    month: monthRange,
    year: yearRange,
  };
  const shares = Object.fromEntries(TEAM_COLUMNS.map((c) => [c, elapsedShare(spans[c], now, calendar)])) as Record<TeamColumn, { elapsed: number; total: number }>;
  // Everything of the year so far: a week whose middle day is in the next month already counts.
  const inYear = (m: string) => m.startsWith(`${year}-`);

  const grouped = sumDevices(input);
  const repData = new Map<string, RepData>();
  for (const [key, rep] of grouped) repData.set(key, { weeks: rep.weeks, months: new Map() });
  for (const entry of inputMonths) {
    const data = repData.get(repKey(entry.rep));
    // Months come with weeks from the same file; a month alone names no rep on the page.
    if (data) data.months.set(entry.month, entry);
  }
  // The team's currency is the one most reps use; revenue in another is never added at face value.
  const currencyVotes = new Map<string, number>();
  const latestOf = (weeks: Map<string, TeamWeek>) => [...weeks.values()].sort((a, b) => b.week.localeCompare(a.week))[0]!;
  for (const rep of grouped.values()) {
    const currency = latestOf(rep.weeks).currency;
    currencyVotes.set(currency, (currencyVotes.get(currency) ?? 0) + 1);
  }
  const currency = [...currencyVotes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'USD';

  const reps: RepFigures[] = [...grouped].map(([key, rep]) => {
    const latest = latestOf(rep.weeks);
    const name = displayName(input.filter((w) => repKey(w.rep) === key).map((w) => w.rep));
    const data = repData.get(key)!;
    const weeks = [...rep.weeks.values()];
    const yearMonths = [...monthsOf(data)].filter(inYear);
    const thisWeek = rep.weeks.get(week.label);
    const value = (kpi: KpiId, column: TeamColumn): number | null => {
      if (kpi === 'contacts' || kpi === 'equotes') {
        const inColumn = column === 'week' ? weeks.filter((w) => w.week === week.label) : weeks.filter((w) => (column === 'month' ? w.month === month : inYear(w.month)));
        return inColumn.reduce((sum, w) => sum + weekValue(w, kpi), 0);
      }
      if (column === 'week') {
        if (kpi === 'visitors') return null;
        if (thisWeek) return weekFigure(thisWeek, kpi);
        // No week yet: nothing counted, unless this rep's files never give weekly figures for it.
        return weeks.every((w) => w.weeklyOnly) ? null : 0;
      }
      if (column === 'month') return monthFigure(data, kpi, month);
      return yearMonths.reduce((sum, m) => sum + monthFigure(data, kpi, m), 0);
    };
    const cells = Object.fromEntries(
      KPI_IDS.map((kpi) => {
        const target = latest.targets[kpi];
        const columns = Object.fromEntries(
          TEAM_COLUMNS.map((column) => {
            const found = value(kpi, column);
            if (found === null) return [column, null];
            return [column, cell(kpi === 'revenue' ? round2(found) : found, targetFor(target, column), shares[column], unitOf(kpi))];
          }),
        );
        return [kpi, columns];
      }),
    ) as RepFigures['cells'];
    return { key, rep: name, currency: latest.currency, devices: rep.devices.size, targets: latest.targets, cells };
  });
  reps.sort((a, b) => a.rep.localeCompare(b.rep));

  const inCurrency = reps.filter((r) => r.currency === currency);
  const team = Object.fromEntries(
    KPI_IDS.map((kpi) => {
      const columns = Object.fromEntries(
        TEAM_COLUMNS.map((column) => {
          const members = kpi === 'revenue' ? inCurrency : reps;
          if (kpi === 'visitors' && column === 'week') return [column, null];
          const found = members.map((r) => r.cells[kpi][column]);
          // A total without some rep's figure would pass for the team's: none is shown instead.
          if (found.some((c) => c === null)) return [column, null];
          const cells = found as TeamCell[];
          if (cells.length === 0) return [column, cell(0, 0, shares[column], unitOf(kpi))];
          if (kpi === 'visitors') {
            // One company figure: every rep reports the same number, so it is taken once, not summed.
            return [column, cell(Math.max(...cells.map((c) => c.value)), Math.max(...cells.map((c) => c.target)), shares[column], unitOf(kpi))];
          }
          const value = cells.reduce((sum, c) => sum + c.value, 0);
          return [column, cell(kpi === 'revenue' ? Math.round(value * 100) / 100 : value, cells.reduce((sum, c) => sum + c.target, 0), shares[column], unitOf(kpi))];
        }),
      );
      return [kpi, columns];
    }),
  ) as TeamFigures['team'];

  const leaderboards = LEADERBOARD_KPIS.map((kpi) => {
    const column = rankColumn(reps[0]?.targets[kpi].period ?? KPI_DEFINITIONS[kpi].period);
    const members = kpi === 'revenue' ? inCurrency : reps;
    const sorted = members
      .flatMap((r) => {
        const ranked = r.cells[kpi][column];
        return ranked ? [{ key: r.key, rep: r.rep, value: ranked.value, target: ranked.target }] : [];
      })
      .sort((a, b) => b.value - a.value || a.rep.localeCompare(b.rep));
    // Equal values share a rank (1, 2, 2, 4).
    const entries = sorted.map((entry) => ({ ...entry, rank: sorted.findIndex((e) => e.value === entry.value) + 1 }));
    return { kpi, column, entries };
  });

  const yearShare = shares.year;
  const projections = KPI_IDS.map((kpi): Projection => {
    const total = team[kpi].year!;
    const reaches = yearShare.elapsed > 0 ? (total.value * yearShare.total) / yearShare.elapsed : null;
    return { kpi, reaches, target: total.target };
  });

  const trendWeeks = weeksBetween(periodRange('week', week.start - (TREND_LENGTH - 1) * 7 * DAY_MS + DAY_MS / 2, cal).start, week.end, cal);
  const trendMonths: PeriodRange[] = [];
  for (let at = monthRange.start, i = 0; i < TREND_LENGTH; i += 1) {
    const range = periodRange('month', at, cal);
    trendMonths.unshift(range);
    at = range.start - DAY_MS / 2;
  }
  const trends = KPI_IDS.map((kpi) => {
    const members = reps.filter((r) => kpi !== 'revenue' || r.currency === currency);
    if (kpi !== 'contacts' && kpi !== 'equotes') {
      // Monthly KPIs and revenue run over months: files may give them per month only.
      const points = trendMonths.map((m) => {
        const byRep = Object.fromEntries(members.map((r) => [r.key, monthFigure(repData.get(r.key)!, kpi, m.label)]));
        const values = Object.values(byRep);
        // Visitors: one company figure, taken once.
        const team = kpi === 'visitors' ? Math.max(0, ...values) : values.reduce((sum, v) => sum + v, 0);
        return { label: m.label, start: m.start, end: m.end, team: kpi === 'revenue' ? round2(team) : team, byRep };
      });
      return { kpi, unit: 'month' as const, points };
    }
    const points = trendWeeks.map((w) => {
      const byRep = Object.fromEntries(
        members.map((r) => {
          const found = grouped.get(r.key)!.weeks.get(w.label);
          return [r.key, found ? weekValue(found, kpi) : 0];
        }),
      );
      const team = Object.values(byRep).reduce((sum, v) => sum + v, 0);
      return { label: w.label, start: w.start, end: w.end, team, byRep };
    });
    return { kpi, unit: 'week' as const, points };
  });

  return {
    now,
    week,
    month,
    year,
    reps,
    team,
    currency,
    otherCurrencyReps: reps.filter((r) => r.currency !== currency).map((r) => r.rep),
    leaderboards,
    projections,
    trends,
  };
}
