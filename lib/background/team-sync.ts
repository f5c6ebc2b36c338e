import type { KpiDatabase } from '@/lib/db/database';
import { loadSettings } from '@/lib/db/settings';
import { exportWeeks } from '@/lib/export/export-weeks';
import { weekBefore } from '@/lib/export/ranges';
import { periodRange } from '@/lib/kpi/periods';
import { combineMonths, combineSources } from '@/lib/team/merge';
import { deviceId, loadImports, loadTeamConfig, loadTeamState, saveTeamState, type TeamSyncProblem, type TeamSyncState } from '@/lib/team/store';
import { serverOriginPattern, type TeamSyncConfig } from '@/lib/team/sync/config';
import { checkAccess, CouchError, docsWithPrefix, type Fetch } from '@/lib/team/sync/couch';
import { DOC_PREFIX, weekDocId, weekFromDoc } from '@/lib/team/sync/doc';
import { pushWeeks, weekStatuses } from '@/lib/team/sync/push';
import { teamWeekFromRow, type TeamMonth, type TeamWeek } from '@/lib/team/week';

export interface TeamSyncDeps {
  now(): number;
  newId(): string;
  fetch: Fetch;
  /** Whether the browser lets the extension reach this origin pattern. */
  hasOrigin(pattern: string): Promise<boolean>;
}

/** Weeks sent on every run: a year back, so a rep who was offline for months still catches up. */
const WEEKS_BACK = 52;
/** Problems that may pass by themselves; the caller retries soon after them. */
const PASSING: ReadonlySet<TeamSyncProblem> = new Set(['unreachable', 'server']);

export const serverKey = (config: TeamSyncConfig): string => `${config.url}|${config.database}|${config.user}`;

/**
 * Sends this rep's weekly figures to the team's CouchDB. Everything it sends is recomputed from
 * the local counts each run, and a week is marked sent only once the server confirmed it, so a
 * failed or interrupted run loses nothing: the next one sends what is still missing.
 */
export async function syncTeamOnce(
  database: KpiDatabase,
  deps: TeamSyncDeps,
  options: { verify?: boolean } = {},
): Promise<TeamSyncState & { retrySoon: boolean }> {
  const config = await loadTeamConfig(database);
  const before = await loadTeamState(database);
  if (!config || !config.push) return { ...before, retrySoon: false };
  const now = deps.now();
  const state: TeamSyncState = before.pushedFor === serverKey(config) ? { ...before } : { pushedFor: serverKey(config), pushed: {} };
  state.lastAttemptAt = now;

  const finish = async (problem: TeamSyncProblem | undefined, written = 0) => {
    const next: TeamSyncState = { ...state, written, ...(problem ? { problem } : { lastSuccessAt: now }) };
    if (!problem) delete next.problem;
    await saveTeamState(database, next);
    return { ...next, retrySoon: problem !== undefined && PASSING.has(problem) };
  };

  const settings = await loadSettings(database);
  if (settings.repName.trim() === '') return finish('no-rep-name');
  const pattern = serverOriginPattern(config.url);
  if (!pattern || !(await deps.hasOrigin(pattern))) return finish('no-permission');

  if (options.verify) {
    // Asked by the rep (save, "Send now"): check the user and password even when no week changed.
    try {
      await checkAccess(config, deps.fetch);
    } catch (err) {
      return finish(err instanceof CouchError ? err.problem : 'server');
    }
  }

  const device = await deviceId(database, deps.newId);
  const calendar = { timeZone: settings.timeZone, weekStart: settings.weekStart, workingDays: settings.workingDays };
  const rows = await exportWeeks(database, settings, weekBefore(now, WEEKS_BACK, calendar).start, periodRange('week', now, calendar).end);
  const weeks = rows.map((row) => teamWeekFromRow(row, device)).map((week) => ({ week, statuses: weekStatuses(week, now, calendar) }));
  const outcome = await pushWeeks({ config, fetch: deps.fetch, weeks, pushed: state.pushed, now });
  // Only the weeks still in the window are remembered; older ones are never sent again.
  const inWindow = new Set(weeks.map(({ week }) => weekDocId(week.rep, week.device, week.week)));
  state.pushed = Object.fromEntries(Object.entries(outcome.pushed).filter(([id]) => inWindow.has(id)));
  return finish(outcome.problem, outcome.written);
}

export interface TeamView {
  calendar: { timeZone: string; weekStart: number; workingDays: number[] };
  teamSize: number;
  weeks: TeamWeek[];
  /** Calendar months from dropped files, for reps and months the server has no week of. */
  months: TeamMonth[];
  imports: { file: string; rep: string; week: string; importedAt: number }[];
  server: { configured: boolean; weeks: number; ignored: number; problem?: TeamSyncProblem; readAt?: number };
}

/**
 * What the team page adds up: the weeks on the team's server (when one is set) and those from
 * dropped files, files filling only what the server does not have.
 */
export async function loadTeamView(database: KpiDatabase, deps: Pick<TeamSyncDeps, 'fetch' | 'hasOrigin' | 'now'>): Promise<TeamView> {
  const [settings, config, imports] = await Promise.all([loadSettings(database), loadTeamConfig(database), loadImports(database)]);
  let serverWeeks: TeamWeek[] = [];
  let server: TeamView['server'] = { configured: false, weeks: 0, ignored: 0 };
  if (config) {
    const pattern = serverOriginPattern(config.url);
    if (!pattern || !(await deps.hasOrigin(pattern))) {
      server = { configured: true, weeks: 0, ignored: 0, problem: 'no-permission' };
    } else {
      try {
        const docs = await docsWithPrefix(config, deps.fetch, DOC_PREFIX);
        serverWeeks = docs.flatMap((doc) => weekFromDoc(doc) ?? []);
        server = { configured: true, weeks: serverWeeks.length, ignored: docs.length - serverWeeks.length, readAt: deps.now() };
      } catch (err) {
        server = { configured: true, weeks: 0, ignored: 0, problem: err instanceof CouchError ? err.problem : 'server' };
      }
    }
  }
  return {
    calendar: { timeZone: settings.timeZone, weekStart: settings.weekStart, workingDays: [...settings.workingDays] },
    teamSize: settings.teamSize,
    weeks: combineSources(serverWeeks, imports.weeks),
    months: combineMonths(serverWeeks, imports.months),
    imports: imports.weeks.map((entry) => ({ file: entry.file, rep: entry.week.rep, week: entry.week.week, importedAt: entry.importedAt })),
    server,
  };
}
