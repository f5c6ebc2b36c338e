import { KPI_DEFINITIONS, KPI_IDS, type KpiId, type Period } from './definitions';
import { pace, status, stillNeeded, teamYearProjection } from './pace';
import { monthKey, periodRange, workingTimeBetween, type PeriodRange } from './periods';
import { effectiveTarget, type Settings } from './settings';
import type { KpiProgress, PaceStatus, Snapshot } from './snapshot-types';

/** One figure the caller must fetch before computing a snapshot. */
export interface SnapshotQuery {
  kpi: KpiId;
  /** [from, to) epoch ms: the KPI's current period. */
  from: number;
  to: number;
  /** Visitors only: the month containing `now`, "YYYY-MM". */
  month?: string;
  /**
   * Visitors only: every month the period overlaps. The visitors figure is the sum of the entered
   * figures for these months (one month unless the rep chose a quarterly or yearly target).
   */
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
  /** The entered visitors figure for the queried months; undefined when nothing was entered. */
  visitors: number | undefined;
  locale?: string;
}

function calendarOf(settings: Settings) {
  return { timeZone: settings.timeZone, weekStart: settings.weekStart };
}

/** Months ("YYYY-MM") overlapping [start, end), oldest first. */
function monthsIn(range: PeriodRange, timeZone: string): string[] {
  const months: string[] = [];
  let cursor = range.start;
  while (cursor < range.end) {
    const month = periodRange('month', cursor, { timeZone, weekStart: 1 });
    months.push(month.label);
    cursor = month.end;
  }
  return months;
}

/** What to fetch for a snapshot at `now`: one query per KPI, over its current period. */
export function snapshotQueries(settings: Settings, now: number): SnapshotQuery[] {
  const calendar = calendarOf(settings);
  return KPI_IDS.map((kpi) => {
    const range = periodRange(effectiveTarget(settings, kpi).period, now, calendar);
    const query: SnapshotQuery = { kpi, from: range.start, to: range.end };
    if (kpi === 'visitors') {
      query.month = monthKey(now, settings.timeZone);
      query.months = monthsIn(range, settings.timeZone);
    }
    return query;
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

const STATUS_RANK: Record<PaceStatus, number> = { ahead: 0, 'on-track': 1, behind: 2 };

export function computeSnapshot(input: SnapshotInput): Snapshot {
  const { settings, now } = input;
  const calendar = calendarOf(settings);
  const workingOptions = { timeZone: settings.timeZone, workingDays: settings.workingDays };

  // Several KPIs share a period; the year's working time is the costly one, so compute each once.
  const periodCache = new Map<Period, { range: PeriodRange; elapsed: number; total: number }>();
  const periodFacts = (period: Period) => {
    let facts = periodCache.get(period);
    if (!facts) {
      const range = periodRange(period, now, calendar);
      facts = {
        range,
        elapsed: workingTimeBetween(range.start, Math.min(now, range.end), workingOptions),
        total: workingTimeBetween(range.start, range.end, workingOptions),
      };
      periodCache.set(period, facts);
    }
    return facts;
  };

  const kpis = KPI_IDS.map((kpi): KpiProgress => {
    const { target, period } = effectiveTarget(settings, kpi);
    const { range, elapsed, total } = periodFacts(period);
    const expected = pace(target, elapsed, total);

    let value: number;
    let revenueExtras: Pick<KpiProgress, 'currency' | 'unconverted'> = {};
    if (kpi === 'revenue') {
      const converted = convertRevenue(input.revenue, settings.currency, settings.rates);
      value = converted.value;
      revenueExtras = { currency: settings.currency, unconverted: converted.unconverted };
    } else if (kpi === 'visitors') {
      value = input.visitors ?? 0;
    } else {
      value = input.counts[kpi] ?? 0;
    }

    return {
      kpi,
      period,
      periodStart: range.start,
      periodEnd: range.end,
      periodLabel: range.label,
      value,
      target,
      pace: expected,
      status: status(value, expected),
      stillNeeded: stillNeeded(target, value),
      ...revenueExtras,
      teamYearProjection: teamYearProjection(KPI_DEFINITIONS[kpi], target, period, settings.teamSize),
    };
  });

  const worst = kpis.reduce<PaceStatus>(
    (acc, { status: s }) => (STATUS_RANK[s] > STATUS_RANK[acc] ? s : acc),
    'ahead',
  );
  return {
    at: now,
    repName: settings.repName,
    ...(input.locale === undefined ? {} : { locale: input.locale }),
    kpis,
    onPace: kpis.filter((k) => k.status !== 'behind').length,
    worst,
  };
}

export const BADGE_COLORS: Record<PaceStatus, string> = {
  behind: '#C62828',
  'on-track': '#F9A825',
  ahead: '#2E7D32',
};

export interface Badge {
  /** "N/6": KPIs not behind out of all; at most four characters. */
  text: string;
  color: string;
  /** One line per KPI: "label: value/target". */
  title: string;
}

/** Toolbar badge for a snapshot; the caller supplies localised labels and number formatting. */
export function badgeFor(
  snapshot: Snapshot,
  labels: Record<KpiId, string>,
  formatNumber: (value: number, kpi: KpiId) => string = (value) => String(Math.round(value)),
): Badge {
  const title = snapshot.kpis
    .map((k) => `${labels[k.kpi]}: ${formatNumber(k.value, k.kpi)}/${formatNumber(k.target, k.kpi)}`)
    .join('\n');
  return {
    text: `${snapshot.onPace}/${snapshot.kpis.length}`,
    color: BADGE_COLORS[snapshot.worst],
    title,
  };
}
