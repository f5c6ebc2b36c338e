import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../lib/db/database';
import type { VisitorsRow } from '../../lib/db/events';
import { loadSettings } from '../../lib/db/settings';
import type { Settings } from '../../lib/kpi/settings';
import { loadRules, type Rules } from '../../lib/rules';

export interface OptionsData {
  settings: Settings;
  rules: Rules;
  visitors: VisitorsRow[];
}

/** Settings, rules and visitor figures, read live from the database (the background writes them). */
export function useOptionsData(): OptionsData | undefined {
  return useLiveQuery(async () => {
    const database = db();
    const [settings, rules, visitors] = await Promise.all([
      loadSettings(database),
      loadRules(database),
      database.visitors.orderBy('month').reverse().toArray(),
    ]);
    return { settings, rules, visitors };
  });
}
