import { getKv, setKv } from '../db/queries';
import type { KpiDatabase } from '../db/database';
import { emptyRules, RulesSchema, type Rules } from './schema';

const RULES_KEY = 'rules';

/** The rep's rules; a stored value that no longer validates is ignored rather than half-applied. */
export async function loadRules(database: KpiDatabase): Promise<Rules> {
  const stored = await getKv<unknown>(database, RULES_KEY);
  const parsed = RulesSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : emptyRules();
}

/** Validates before writing; throws the zod error and stores nothing when invalid. */
export async function saveRules(database: KpiDatabase, rules: unknown): Promise<Rules> {
  const valid = RulesSchema.parse(rules);
  await setKv(database, RULES_KEY, valid);
  return valid;
}
