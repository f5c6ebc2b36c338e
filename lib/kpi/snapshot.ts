import { KPI_DEFINITIONS, KPI_IDS, type KpiId, type Period } from './definitions';
import { isOnPace, judge, stillNeeded, teamYearProjection } from './pace';
import { cachedWorkingWindows, periodRange, startOfLocalDate, timeInWindows, type PeriodRange, type WorkingTimeOptions } from './periods';
import { effectiveTarget, minutesOf, type Settings } from './settings';
import type { KpiProgress, Outlook, PaceStatus, Snapshot } from './snapshot-types';
import { judgedVisitorsMonth, monthlyVisitorsTarget } from './visitors';

export interface SnapshotQuery {
  kpi: KpiId;
  /** [from, to) epoch ms: the KPI's current period. */
  from: number;
  to: number;
  /** Visitors only: the months whose entered figures make the judged figure (the judged month). */
  months?: string[];
}

export interface MoneyAmount {
  currency: string;
  amount: number;
}

export interface SnapshotInput {
  settings: Settings;
  now: number;
  /** Events counted per KPI within the queried periods; a missing KPI counts as 0. */
  counts: Partial<Record<KpiId, number>>;
  /** Revenue amounts within the revenue period, in any currencies, grouped or not. */
  revenue: MoneyAmount[];
  /** The entered visitors figure for the judged month; undefined when nothing was entered. */
  visitors: number | undefined;
}

function calendarOf(settings: Settings) {
  return { timeZone: settings.timeZone, weekStart: settings.weekStart };
}

/** What to fetch for a snapshot at `now`: one query per KPI, over its current period. */
export function snapshotQueries(settings: Settings, now: number): SnapshotQuery[] {
  const calendar = calendarOf(settings);
  return KPI_IDS.map((kpi) => {
    if (kpi === 'visitors') {
      // Visitors are judged on the last complete month, whatever period their target is set for.
      const judged = judgedVisitorsMonth(now, settings.timeZone);
      return { kpi, from: judged.start, to: judged.end, months: [judged.label] };
    }
    const range = periodRange(effectiveTarget(settings, kpi).period, now, calendar);
    return { kpi, from: range.start, to: range.end };
  });
}

/**
 * Sums revenue into the rep's currency. Amounts in a currency with a rate are converted; the rest
 * are totalled per currency and kept apart, because adding them at face value would be wrong.
 */
export function convertRevenue(
  amounts: readonly MoneyAmount[],
  currency: string,
  rates: Readonly<Record<string, number>>,
): { value: number; unconverted: MoneyAmount[] } {
  let value = 0;
  const unconvertedByCurrency = new Map<string, number>();
  for (const { currency: raw, amount } of amounts) {
    if (!Number.isFinite(amount)) continue;
    const code = raw.toUpperCase();
    const rate = code === currency ? 1 : rates[code];
    if (rate !== undefined) value += amount * rate;
    else unconvertedByCurrency.set(code, (unconvertedByCurrency.get(code) ?? 0) + amount);
  }
  const unconverted: MoneyAmount[] = [];
  unconvertedByCurrency.forEach((amount, code) => unconverted.push({ currency: code, amount }));
  unconverted.sort((a, b) => a.currency.localeCompare(b.currency));
  return { value, unconverted };
}

const STATUS_RANK: Record<PaceStatus, number> = { met: 0, ahead: 1, 'on-track': 2, 'not-due': 3, 'at-risk': 4, behind: 5 };

/** The rep's working calendar as the working-time arithmetic wants it. */
export function workingOptionsOf(settings: Settings): WorkingTimeOptions {
  return {
    timeZone: settings.timeZone,
    workingDays: settings.workingDays,
    hours: { start: minutesOf(settings.workingHours.start), end: minutesOf(settings.workingHours.end) },
    daysOff: settings.daysOff,
  };
}

/** Facts about one period at `now`, shared by the KPIs that use it. */
interface PeriodFacts {
  range: PeriodRange;
  /** When counting starts in this period: its start, or the rep's start date if later. */
  countFrom: number;
  /** Working time of the whole period, and of the part from countFrom. */
  total: number;
  open: number;
  elapsed: number;
  /** Working time from now to the period's end. */
  left: number;
}

const MINUTE = 60_000;

export function computeSnapshot(input: SnapshotInput): Snapshot {
  const { settings, now } = input;
  const calendar = calendarOf(settings);
  const working = workingOptionsOf(settings);
  const workday = (working.hours!.end - working.hours!.start) * MINUTE;
  const since = settings.countingSince === undefined ? undefined : startOfLocalDate(settings.countingSince, settings.timeZone);

  // Several KPIs share a period; the year's working time is the costly one, so compute each once.
  const periodCache = new Map<Period, PeriodFacts>();
  const periodFacts = (period: Period): PeriodFacts => {
    let facts = periodCache.get(period);
    if (!facts) {
      const range = periodRange(period, now, calendar);
      const countFrom = since === undefined ? range.start : Math.min(range.end, Math.max(range.start, since));
      const windows = cachedWorkingWindows(range.start, range.end, working);
      // The full period as a normal calendar, without days off: days off and a late start
      // shrink the target rather than squeeze it into fewer days.
      const fullWindows = working.daysOff?.length ? cachedWorkingWindows(range.start, range.end, { ...working, daysOff: [] }) : windows;
      const at = Math.min(Math.max(now, countFrom), range.end);
      const elapsed = timeInWindows(windows, countFrom, at);
      const left = timeInWindows(windows, at, range.end);
      facts = {
        range,
        countFrom,
        total: timeInWindows(fullWindows, range.start, range.end),
        open: elapsed + left,
        elapsed,
        left,
      };
      periodCache.set(period, facts);
    }
    return facts;
  };

  const kpis = KPI_IDS.map((kpi): KpiProgress => {
    const { target: fullTarget, period, unset } = effectiveTarget(settings, kpi);
    const projection = teamYearProjection(KPI_DEFINITIONS[kpi], fullTarget, period, settings.teamSize);
    if (kpi === 'visitors') return visitorsProgress(input, fullTarget, period, projection);

    const counted = KPI_DEFINITIONS[kpi].measure === 'count';
    const facts = periodFacts(period);
    const prorated = facts.countFrom > facts.range.start;
    // A fair start: a rep who began mid-period, or takes days off, owes only the working time they have.
    const share = facts.total > 0 ? Math.min(1, facts.open / facts.total) : 0;
    const reduced = share < 1;
    const exactTarget = fullTarget * share;
    const target = reduced && counted ? Math.round(exactTarget) : exactTarget;
    const due = facts.open > 0 ? target * Math.min(1, facts.elapsed / facts.open) : 0;
    const unit = counted ? 1 : facts.open > 0 ? (target * Math.min(workday, facts.open)) / facts.open : 0;

    let value: number;
    let revenueExtras: Pick<KpiProgress, 'currency' | 'unconverted'> = {};
    if (kpi === 'revenue') {
      const converted = convertRevenue(input.revenue, settings.currency, settings.rates);
      value = converted.value;
      revenueExtras = { currency: settings.currency, unconverted: converted.unconverted };
    } else {
      value = input.counts[kpi] ?? 0;
    }

    return {
      kpi,
      period,
      periodStart: facts.range.start,
      periodEnd: facts.range.end,
      periodLabel: facts.range.label,
      value,
      target,
      pace: due,
      status: judge({ value, target, due, unit }),
      stillNeeded: stillNeeded(target, value),
      ...(reduced && { fullTarget }),
      ...(prorated && { proratedFrom: facts.countFrom }),
      outlook: outlookOf(target, value, counted, facts.left, workday),
      ...(unset && { targetUnset: true as const }),
      ...revenueExtras,
      teamYearProjection: projection,
    };
  });

  const worst = kpis.reduce<PaceStatus>((acc, { status: s }) => (STATUS_RANK[s] > STATUS_RANK[acc] ? s : acc), 'met');
  return {
    at: now,
    repName: settings.repName,
    kpis,
    onPace: kpis.filter((k) => isOnPace(k.status)).length,
    worst,
  };
}

/** What it takes from now: the rest of the target spread over the working days left. */
export function outlookOf(target: number, value: number, counted: boolean, left: number, workday: number): Outlook {
  const short = Math.max(0, target - value);
  const remaining = counted ? Math.ceil(short - 1e-9) : short;
  // A day with any working time left counts as a day: "today" is still a chance until work ends.
  const workingDaysLeft = workday > 0 && left > 0 ? Math.ceil(left / workday - 1e-6) : 0;
  return { remaining, workingDaysLeft, perDay: workingDaysLeft > 0 ? remaining / workingDaysLeft : 0 };
}

/**
 * Visitors are one company figure per month, entered after the month: judged on the last complete
 * month against the monthly target, met or below; grey until a figure is entered.
 */
function visitorsProgress(input: SnapshotInput, periodTarget: number, period: Period, projection: number): KpiProgress {
  const { settings, now } = input;
  const judged = judgedVisitorsMonth(now, settings.timeZone);
  const target = monthlyVisitorsTarget({ target: periodTarget, period });
  const value = input.visitors ?? 0;
  const status: PaceStatus =
    input.visitors === undefined || !(target > 0) ? 'not-due' : value >= target ? 'met' : 'behind';
  return {
    kpi: 'visitors',
    period: 'month',
    periodStart: judged.start,
    periodEnd: judged.end,
    periodLabel: judged.label,
    value,
    target,
    pace: target,
    status,
    stillNeeded: stillNeeded(target, value),
    judgedMonth: { key: judged.label, start: judged.start, end: judged.end },
    ...(input.visitors === undefined && { figureMissing: true as const }),
    teamYearProjection: projection,
  };
}
