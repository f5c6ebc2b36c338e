import type { TeamSyncPublicConfig } from './config';
import type { TeamSyncProblem } from '@/lib/team/store';

/** The background's answer to `team-sync-get`, `team-sync-save` and `team-sync-now`. */
export interface TeamSyncStatus {
  config: TeamSyncPublicConfig | null;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  problem?: TeamSyncProblem;
  written?: number;
  weeksOnServer: number;
}

/** The message key that words a problem for the rep or the manager (English and Russian). */
export function problemMessageKey(problem: TeamSyncProblem): string {
  return `teamSync_problem_${problem.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}`;
}
