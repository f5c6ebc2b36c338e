import { z } from 'zod';
import type { KpiDatabase } from '@/lib/db/database';
import { getKv, setKv } from '@/lib/db/queries';
import type { TeamImports } from './imports';
import { TeamMonthSchema, TeamWeekSchema } from './week';
import { TeamSyncConfigSchema, type TeamSyncConfig } from './sync/config';
import type { CouchProblem } from './sync/couch';
import type { PushedWeeks } from './sync/push';

/**
 * The team's small state lives in the extension's own database (the kv table), which only the
 * background opens: no page, content script or other site can read the server password there.
 */
const CONFIG_KEY = 'teamSync';
const STATE_KEY = 'teamSyncState';
const DEVICE_KEY = 'teamDevice';
const IMPORTS_KEY = 'teamImports';
const IMPORTED_MONTHS_KEY = 'teamImportMonths';

export type TeamSyncProblem = CouchProblem | 'no-permission' | 'no-rep-name';

export interface TeamSyncState {
  /** Which server/database/user `pushed` describes; another one starts afresh. */
  pushedFor?: string;
  pushed: PushedWeeks;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  problem?: TeamSyncProblem;
  /** Week documents written by the last run. */
  written?: number;
}

export async function loadTeamConfig(database: KpiDatabase): Promise<TeamSyncConfig | undefined> {
  const parsed = TeamSyncConfigSchema.safeParse(await getKv(database, CONFIG_KEY));
  return parsed.success ? parsed.data : undefined;
}

export async function saveTeamConfig(database: KpiDatabase, config: TeamSyncConfig | undefined): Promise<void> {
  if (config) await setKv(database, CONFIG_KEY, config);
  else await database.kv.delete(CONFIG_KEY);
}

export async function loadTeamState(database: KpiDatabase): Promise<TeamSyncState> {
  const stored = await getKv<TeamSyncState>(database, STATE_KEY);
  return stored && typeof stored === 'object' && stored.pushed ? stored : { pushed: {} };
}

export async function saveTeamState(database: KpiDatabase, state: TeamSyncState): Promise<void> {
  await setKv(database, STATE_KEY, state);
}

/** This browser's id in the team database: made once, kept until the rep deletes all data. */
export async function deviceId(database: KpiDatabase, newId: () => string): Promise<string> {
  return database.transaction('rw', database.kv, async () => {
    const existing = await getKv<string>(database, DEVICE_KEY);
    if (typeof existing === 'string' && /^[a-z0-9-]{1,64}$/.test(existing)) return existing;
    const made = newId().toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 36) || 'device';
    await setKv(database, DEVICE_KEY, made);
    return made;
  });
}

const ImportedWeekSchema = z.object({ week: TeamWeekSchema, file: z.string().max(300), importedAt: z.number() });
const ImportedMonthSchema = z.object({ month: TeamMonthSchema, file: z.string().max(300), importedAt: z.number() });

async function loadValid<T>(database: KpiDatabase, key: string, schema: z.ZodType<T>): Promise<T[]> {
  const stored = await getKv<unknown[]>(database, key);
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((entry) => {
    const parsed = schema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Weeks and months from files the manager dropped; anything that no longer validates is left out. */
export async function loadImports(database: KpiDatabase): Promise<TeamImports> {
  const [weeks, months] = await Promise.all([loadValid(database, IMPORTS_KEY, ImportedWeekSchema), loadValid(database, IMPORTED_MONTHS_KEY, ImportedMonthSchema)]);
  return { weeks, months };
}

export async function saveImports(database: KpiDatabase, imports: TeamImports): Promise<void> {
  await setKv(database, IMPORTS_KEY, imports.weeks);
  await setKv(database, IMPORTED_MONTHS_KEY, imports.months);
}
