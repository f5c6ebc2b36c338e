import type { KpiDatabase } from '@/lib/db/database';
import type { TeamSyncState } from '@/lib/team/store';
import { syncTeamOnce, type TeamSyncDeps } from './team-sync';

/** Counts often come in bursts (a rep saving several records): one send after the burst. */
export const TEAM_SYNC_DEBOUNCE_MS = 2_000;

export interface TeamRunner {
  /** A send soon, after the current burst of changes. */
  schedule(): void;
  /** A send now (after any running one); answers the state it left. `verify` checks access even with nothing to send. */
  runNow(options?: { verify?: boolean }): Promise<TeamSyncState>;
}

/**
 * One send at a time: a change during a send asks for one more afterwards, never a second send
 * in parallel (two would race on the same documents' revisions). `retrySoon` is called after a
 * failure that may pass (server down, network gone); the hourly alarm covers everything else.
 */
export function createTeamRunner(database: KpiDatabase, deps: TeamSyncDeps, retrySoon: () => void): TeamRunner {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<TeamSyncState> = Promise.resolve({ pushed: {} });

  const runNow = (options: { verify?: boolean } = {}): Promise<TeamSyncState> => {
    chain = chain
      .catch(() => undefined)
      .then(async () => {
        const result = await syncTeamOnce(database, deps, options);
        if (result.retrySoon) retrySoon();
        const { retrySoon: _ignored, ...state } = result;
        return state;
      });
    return chain;
  };

  return {
    schedule() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void runNow().catch((err) => console.error('KPI Pacer: team sync failed', err));
      }, TEAM_SYNC_DEBOUNCE_MS);
    },
    runNow,
  };
}
