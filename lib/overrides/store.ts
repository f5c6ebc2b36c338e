import { getKv, setKv } from '@/lib/db/queries';
import type { KpiDatabase } from '@/lib/db/database';
import { readRules, type RulesRead } from './read';
import { RulesSchema, type Rules } from './schema';

const RULES_KEY = 'rules';

/** The rep's rules and what of them is switched off because it no longer validates. */
export async function loadRulesRead(database: KpiDatabase): Promise<RulesRead> {
  return readRules(await getKv<unknown>(database, RULES_KEY));
}

/** The rules that count: a stored entry that no longer validates is left out on its own. */
export async function loadRules(database: KpiDatabase): Promise<Rules> {
  return (await loadRulesRead(database)).rules;
}

/**
 * The rules that count, kept until this context sees the kv table change: every counted record
 * asks, and reading and validating them each time would put a database round trip and a schema
 * check between a create and its count. For the background, which makes every change to the rules
 * itself; a page reading them once uses loadRules. Shared: do not modify.
 */
export async function keptRules(database: KpiDatabase): Promise<Rules> {
  const version = database.kvVersion;
  const kept = rulesKept.get(database);
  if (kept && kept.version === version) return kept.rules;
  const { rules } = await loadRulesRead(database);
  // A change committed while reading leaves the version moved on: the next call reads again.
  rulesKept.set(database, { version, rules });
  return rules;
}

const rulesKept = new WeakMap<KpiDatabase, { version: number; rules: Rules }>();

export interface SaveRulesOptions {
  /**
   * Keep the rep's switched-off adapters (and the domains using them) unless the new rules hold
   * one with the same id (a fix) or `forget` names it (removed). An import replaces everything.
   */
  keepSwitchedOff?: boolean;
  forget?: readonly string[];
}

/** Validates before writing; throws the zod error and stores nothing when invalid. */
export async function saveRules(database: KpiDatabase, rules: unknown, options: SaveRulesOptions = {}): Promise<Rules> {
  const valid = RulesSchema.parse(rules);
  let stored: unknown = valid;
  if (options.keepSwitchedOff !== false) {
    const { switchedOff } = await loadRulesRead(database);
    const kept = switchedOff.filter((off) => off.id !== undefined && !valid.adapters.some((a) => a.id === off.id) && !options.forget?.includes(off.id));
    if (kept.length > 0) {
      stored = {
        ...valid,
        adapters: [...valid.adapters, ...kept.map((off) => off.raw)],
        sites: [...valid.sites, ...kept.flatMap((off) => off.sites).filter((site) => !valid.sites.some((s) => s.pattern === site.pattern))],
      };
    }
  }
  await setKv(database, RULES_KEY, stored);
  return valid;
}
