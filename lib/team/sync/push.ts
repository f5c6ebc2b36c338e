import { judge, pace } from '@/lib/kpi/pace';
import { unitOf } from '@/lib/team/figures';
import { periodRange, workingTimeBetween } from '@/lib/kpi/periods';
import { KPI_IDS } from '@/lib/kpi/definitions';
import { targetFor } from '@/lib/team/figures';
import { isEmptyWeek, type TeamWeek } from '@/lib/team/week';
import type { TeamSyncConfig } from './config';
import { CouchError, currentRev, putDoc, type Fetch } from './couch';
import { weekDocBody, type WeekStatuses } from './doc';

/** What the server is known to hold for each of this browser's week documents. */
export type PushedWeeks = Record<string, { hash: string; rev: string }>;

export interface WeekCalendar {
  timeZone: string;
  weekStart: number;
  workingDays: readonly number[];
}

/**
 * Each KPI's status for a week: the week's share of the target (5 a week, 2 a month ÷ 52/12, …),
 * paced over the week's working time, so a closed week is judged whole and the current one so
 * far. Visitors: the month's figure against the month's target.
 */
export function weekStatuses(week: TeamWeek, now: number, calendar: WeekCalendar): WeekStatuses {
  const range = periodRange('week', Date.parse(`${week.weekStart}T12:00:00Z`), calendar);
  const options = { timeZone: calendar.timeZone, workingDays: calendar.workingDays };
  const elapsed = workingTimeBetween(range.start, Math.min(now, range.end), options);
  const total = workingTimeBetween(range.start, range.end, options);
  return Object.fromEntries(
    KPI_IDS.map((kpi) => {
      if (kpi === 'visitors') {
        const target = targetFor(week.targets.visitors, 'month');
        return [kpi, judge({ value: week.visitors ?? 0, target, due: target, unit: 1 })];
      }
      const value = kpi === 'revenue' ? week.revenue : week.counts[kpi];
      const target = targetFor(week.targets[kpi], 'week');
      return [kpi, judge({ value, target, due: pace(target, elapsed, total), unit: unitOf(kpi) })];
    }),
  ) as WeekStatuses;
}

export interface PushOutcome {
  pushed: PushedWeeks;
  /** Documents written in this run. */
  written: number;
  /** Conflicts met and resolved by re-reading the revision. */
  conflicts: number;
  /** Why the run stopped early; the weeks not yet written go next time. */
  problem?: CouchError['problem'];
}

const CONFLICT_ATTEMPTS = 3;

/**
 * Writes every week whose document differs from what the server is known to hold (or that the
 * server has never had and is not empty). A 409 means the stored revision is stale (another
 * write, a restored server, a lost answer): read the current one and write again, so the week
 * is never dropped. Any other failure stops the run; nothing local is touched.
 */
export async function pushWeeks(args: {
  config: TeamSyncConfig;
  fetch: Fetch;
  weeks: readonly { week: TeamWeek; statuses: WeekStatuses }[];
  pushed: PushedWeeks;
  now: number;
}): Promise<PushOutcome> {
  const pushed: PushedWeeks = { ...args.pushed };
  let written = 0;
  let conflicts = 0;
  for (const { week, statuses } of args.weeks) {
    const body = weekDocBody(week, statuses);
    const hash = JSON.stringify(body);
    const known = pushed[body._id];
    if (known?.hash === hash) continue;
    if (!known && isEmptyWeek(week)) continue;
    try {
      let rev = known?.rev;
      for (let attempt = 1; ; attempt += 1) {
        try {
          rev = await putDoc(args.config, args.fetch, body._id, { ...body, ...(rev && { _rev: rev }), updatedAt: new Date(args.now).toISOString() });
          break;
        } catch (err) {
          if (!(err instanceof CouchError) || err.problem !== 'conflict' || attempt >= CONFLICT_ATTEMPTS) throw err;
          conflicts += 1;
          rev = await currentRev(args.config, args.fetch, body._id);
        }
      }
      pushed[body._id] = { hash, rev };
      written += 1;
    } catch (err) {
      return { pushed, written, conflicts, problem: err instanceof CouchError ? err.problem : 'server' };
    }
  }
  return { pushed, written, conflicts };
}
