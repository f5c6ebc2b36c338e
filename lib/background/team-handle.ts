import type { KpiDatabase } from '@/lib/db/database';
import type { Request, Response } from '@/lib/messages/schemas';
import { importTeamFiles } from '@/lib/team/imports';
import { loadImports, loadTeamConfig, loadTeamState, saveImports, saveTeamConfig, saveTeamState } from '@/lib/team/store';
import { publicConfig, TeamSyncConfigSchema } from '@/lib/team/sync/config';
import type { TeamRunner } from './team-runner';
import { loadTeamView, type TeamSyncDeps } from './team-sync';

export interface TeamHandlerDeps {
  runner: TeamRunner;
  sync: TeamSyncDeps;
}

export type TeamRequest = Extract<
  Request,
  { type: 'team-view' | 'team-import' | 'team-forget-imports' | 'team-sync-get' | 'team-sync-save' | 'team-sync-now' }
>;

export const TEAM_REQUESTS: ReadonlySet<string> = new Set<TeamRequest['type']>([
  'team-view',
  'team-import',
  'team-forget-imports',
  'team-sync-get',
  'team-sync-save',
  'team-sync-now',
]);

async function syncStatus(database: KpiDatabase) {
  const [config, state] = await Promise.all([loadTeamConfig(database), loadTeamState(database)]);
  const { pushed, pushedFor: _server, ...rest } = state;
  return { config: publicConfig(config), ...rest, weeksOnServer: Object.keys(pushed).length };
}

/** The team page's and the team sync's requests; extension pages only. */
export async function carryOutTeam(database: KpiDatabase, request: TeamRequest, team: TeamHandlerDeps): Promise<Response> {
  switch (request.type) {
    case 'team-view':
      return { ok: true, data: await loadTeamView(database, team.sync) };
    case 'team-import': {
      // Read and merge in one transaction: two drops at once cannot overwrite each other.
      const outcomes = await database.transaction('rw', database.kv, async () => {
        const result = importTeamFiles(await loadImports(database), request.files, team.sync.now());
        if (result.outcomes.some((o) => o.ok)) await saveImports(database, result.stored);
        return result.outcomes;
      });
      return { ok: true, data: outcomes };
    }
    case 'team-forget-imports':
      await saveImports(database, { weeks: [], months: [] });
      return { ok: true, data: null };
    case 'team-sync-get':
      return { ok: true, data: await syncStatus(database) };
    case 'team-sync-save': {
      if (request.config === null) {
        await saveTeamConfig(database, undefined);
        await saveTeamState(database, { pushed: {} });
        return { ok: true, data: await syncStatus(database) };
      }
      const raw = (typeof request.config === 'object' ? request.config : {}) as Record<string, unknown>;
      const stored = await loadTeamConfig(database);
      // The form never shows the stored password; left empty, it stays as it was for the same server and user.
      const keepPassword = (raw.password === '' || raw.password === undefined) && stored && stored.url === raw.url && stored.user === raw.user;
      const parsed = TeamSyncConfigSchema.safeParse({ ...raw, ...(keepPassword && { password: stored.password }) });
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]?.path[0] ?? 'url');
        return { ok: false, error: `invalid:${field}` };
      }
      await saveTeamConfig(database, parsed.data);
      if (parsed.data.push) await team.runner.runNow({ verify: true });
      else {
        // Nothing to send: check the settings by reading, so a wrong password shows at once.
        const view = await loadTeamView(database, team.sync);
        const state = await loadTeamState(database);
        const now = team.sync.now();
        const checked = { ...state, lastAttemptAt: now, ...(view.server.problem ? { problem: view.server.problem } : { lastSuccessAt: now }) };
        if (!view.server.problem) delete checked.problem;
        await saveTeamState(database, checked);
      }
      return { ok: true, data: await syncStatus(database) };
    }
    case 'team-sync-now':
      await team.runner.runNow({ verify: true });
      return { ok: true, data: await syncStatus(database) };
  }
}
